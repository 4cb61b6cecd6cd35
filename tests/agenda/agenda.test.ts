import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAR_LABEL_MIN } from '../../src/layout/flow/barLabels.js';
import { agendaModel, mixWithWhite, slotKindColors } from '../../src/documents/agenda.js';
import type { RectBox, TextBox } from '../../src/layout/flow/model.js';
import { printed, readPdf, seen, type ReadPdf } from '../helpers/pdf.js';
import { copyKit, tempKit, yaml } from '../helpers/tempKit.js';
import { agendaLayout, buildAgenda, kitOf } from './agendaPdf.js';

const DEMO = 'kits/demo';
const CAPACITIES = 'kits/capacities';

describe('agenda of the demo kit (programme.pdf)', () => {
  let pdf: Buffer;
  let read: ReadPdf;
  beforeAll(async () => {
    const { result, pdf: built } = await buildAgenda(DEMO);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    pdf = built!;
    read = await readPdf(pdf);
  });

  it('has a cover, an overview, one page for the day and the follow-up', () => {
    expect(read.pages).toBe(4);
    const [cover, overview, day, end] = read.flat;
    expect(cover).toContain(seen('PROGRAMME'));
    expect(cover).toContain(seen('Journée CAPAcities — Port-Exemple'));
    expect(cover).toContain(seen('Partir des usagers du port pour mieux partager les données'));
    expect(cover).toContain(seen('Le 15 avril 2027'));
    expect(cover).toContain(seen('1 session · 1 journée · 2 ateliers'));
    expect(cover).toContain(seen("Communauté d'agglomération de Port-Exemple · Maison du port (exemple)"));
    expect(cover).toContain(seen('Cerema et Chronos'));
    expect(overview).toContain(seen('Vue d’ensemble'));
    expect(overview).toContain(seen("Communauté d'agglomération de Port-Exemple"));
    expect(overview).toContain(seen('Jeudi 15 avril, 9 h – 16 h 30'));
    expect(overview).toContain(seen('Maison du port (exemple) 1 quai de l\'Exemple, 00000 Port-Exemple'));
    expect(overview).toContain(seen('Rencontre un an après — jeudi 13 avril 2028, Port-Exemple'));
    expect(day).toContain(seen("Partir du chauffeur pour repenser l'accès au port"));
    expect(day).toContain(seen('Jeudi 15 avril 2027'));
    expect(end).toContain(seen('Rencontre un an après, avec visite du terminal'));
    expect(end).toContain(seen('Jeudi 13 avril 2028 · Port-Exemple'));
    // each facilitator with their position, else their role label (epicene: the demo states no gender) (pdf.js reads a space after the bold name)
    expect(end.replace(/ ,/g, ',')).toContain(seen('L’équipe Organisation : Cerema et Chronos • Animatrice Chronos (exemple), Équipe d’animation · Chronos • Animateur Cerema (exemple), Équipe d’animation · Cerema'));
  });

  it('prints the visit the day before, with its computed clock times', () => {
    expect(read.flat[2]).toContain(seen('VISITE LA VEILLE Visite du terminal fret à l\'heure des arrivées de camions'));
    expect(read.flat[2]).toContain(seen('Mercredi 14 avril 2027, 16 h – 18 h · Terminal fret, entrée poids lourds'));
  });

  it('lists every slot with the clock times the model computed', async () => {
    const kit = await kitOf(DEMO);
    const day = read.flat[2];
    for (const slot of kit.sessions[0].days[0].slots) expect(day).toContain(seen(slot.title));
    // Ends come from durations and steps: 9 h + 30 min, + 2 h, + 15 min…
    for (const range of ['9 h – 9 h 30', '9 h 30 – 11 h 30', '11 h 30 – 11 h 45', '11 h 45 – 12 h 30', '12 h 30 – 14 h', '14 h – 15 h 45', '15 h 45 – 16 h', '16 h – 16 h 30']) {
      expect(day).toContain(seen(`${range} `));
    }
    expect(day).toContain(seen('Atelier · 1 h 45'));
    expect(day).toContain(seen('Animatrice Chronos (exemple) et Animateur Cerema (exemple)'));
    // The timeline's axis and legend.
    expect(day).toContain(seen('9 h 10 h 11 h 12 h 13 h 14 h 15 h 16 h 17 h'));
    expect(day).toContain(seen('Atelier Temps avec les élus Rétrospective Temps informel Repas Pause'));
  });

  it('writes times with no-break spaces, so `9 h 30` never splits across lines', async () => {
    const { markup } = await agendaLayout(DEMO);
    // one formatter for every time range (`timeRange`): the dash tied to the start, the end free to wrap
    expect(markup).toContain('<b>9\u00A0h\u00A030\u00A0– 11\u00A0h\u00A030</b>');
    expect(markup).not.toMatch(/\d h \d/);
  });

  it('has the outline: overview, each session with its days, the follow-up', () => {
    expect(read.outline).toEqual([
      { title: 'Vue d’ensemble', items: [] },
      { title: printed("Partir du chauffeur pour repenser l'accès au port"), items: [{ title: 'Jeudi 15 avril 2027', items: [] }] },
      // the follow-up's own title, not the generic label above it (it was printed twice in a row)
      { title: 'Rencontre un an après, avec visite du terminal', items: [] },
    ]);
  });

  it('carries title, author and language, and page numbers on every page after the bare cover', () => {
    expect(read.info).toMatchObject({ Title: 'Journée CAPAcities — Port-Exemple — Programme', Author: 'Cerema, Chronos', Language: 'fr' });
    expect(read.flat[0]).not.toContain('page 1 / 4');
    read.flat.slice(1).forEach((t, i) => {
      expect(t).toContain(seen(`page ${i + 2} / 4`));
      // the licence's name, not its SPDX code CC-BY-NC-4.0
      expect(t).toContain(seen('CC BY-NC 4.0'));
    });
  });

  it('is byte-identical when built twice', async () => {
    const again = await buildAgenda(DEMO);
    expect(again.pdf!.equals(pdf)).toBe(true);
  });
});

/** The timeline bars of a laid-out agenda: rounded, coloured rects of the figure (lane bands are flat). */
function bars(model: Awaited<ReturnType<typeof agendaLayout>>['model']): RectBox[] {
  return model.pages
    .flatMap((p) => p.items)
    .filter((b): b is RectBox => b.kind === 'rect' && b.role === 'Figure' && b.radius !== undefined)
    .sort((a, b) => a.x - b.x);
}

describe('the day timeline', () => {
  it('draws bars proportional to minutes: a 90-minute slot is 1.5× a 60-minute one', async () => {
    // The demo's closing slot lasts 30 minutes; make it 60 (it stays the last one, 16 h – 17 h).
    const demo = readFileSync(path.join(DEMO, 'programme.yaml'), 'utf8');
    const changed = demo.replace('kind: retro\n            duration: 30', 'kind: retro\n            duration: 60');
    expect(changed).not.toBe(demo);
    const dir = copyKit(DEMO, { 'programme.yaml': changed });
    const { kit, model } = await agendaLayout(dir);
    const slots = kit.sessions[0].days[0].slots;
    const drawn = bars(model);
    expect(drawn).toHaveLength(slots.length);
    const meal = drawn[slots.findIndex((s) => s.kind === 'meal')];
    const retro = drawn[slots.findIndex((s) => s.kind === 'retro')];
    expect(slots.find((s) => s.kind === 'meal')!.durationMinutes).toBe(90);
    expect(slots.find((s) => s.kind === 'retro')!.durationMinutes).toBe(60);
    expect(meal.width / retro.width).toBeCloseTo(1.5, 1);
    // Every bar starts where its start falls on the 9 h – 17 h axis.
    const perMinute = (meal.x - drawn[0].x) / (slots.find((s) => s.kind === 'meal')!.start - slots[0].start);
    slots.forEach((s, i) => expect(drawn[i].x - drawn[0].x).toBeCloseTo((s.start - 540) * perMinute, 1));
    const colors = slotKindColors(kit.theme);
    expect(meal.fill).toBe(colors.meal);
    expect(drawn[slots.findIndex((s) => s.kind === 'workshop')].fill).toBe('#085A45');
  });

  it('puts a day without parallel slots in one lane, the axis rounded out to whole hours', async () => {
    const kit = await kitOf(DEMO);
    const day = agendaModel(kit).sessions[0].days[0];
    expect(day.timeline).toMatchObject({ start: 540, end: 1020, ticks: 60, labelled: false });
    expect(day.timeline!.lanes.map((l) => l.kind)).toEqual(['all']);
    const slots = kit.sessions[0].days[0].slots;
    expect(day.timeline!.lanes[0].bars.map((b) => [b.start, b.end, b.label])).toEqual(slots.map((s) => [s.start, s.end, s.title]));
    expect(day.legend.map((l) => l.kind)).toEqual(['workshop', 'elected', 'retro', 'informal', 'meal', 'break']);
  });

  it('gives each room its lane when slots run in parallel, slots without a room in a shared lane', async () => {
    const kit = await kitOf(CAPACITIES);
    const lego = agendaModel(kit).sessions.find((s) => s.session.id === 'session-3')!.days[0];
    const lanes = lego.timeline!.lanes;
    expect(lego.timeline!.labelled).toBe(true);
    expect(lanes.map((l) => (l.kind === 'room' ? l.room : l.kind))).toEqual(['shared', 'Halle', 'Salle Lego 1', 'Salle Lego 2', 'Salle Lego 3', 'Salle Lego 4']);
    const shared = lego.day.slots.filter((s) => s.room === undefined);
    expect(lanes[0].bars.map((b) => b.label)).toEqual(shared.map((s) => s.title));
    expect(lanes.reduce((n, l) => n + l.bars.length, 0)).toBe(lego.day.slots.length);
    expect(lego.timeline!.start % 60).toBe(0);
    expect(lego.timeline!.end % 60).toBe(0);
    expect(lego.timeline!.start).toBeLessThanOrEqual(lego.day.firstStart);
    expect(lego.timeline!.end).toBeGreaterThanOrEqual(lego.day.lastEnd);
  });

  it('prints the room lanes in the PDF of the four-session kit', async () => {
    const { result, pdf } = await buildAgenda(CAPACITIES);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    const lego = read.flat.find((t) => t.includes('Jour 1 — mercredi 30 juin 2027'))!;
    // The timeline comes right after the day heading, before the table: a lane label per room.
    const figure = lego.slice(lego.indexOf('Jour 1 — mercredi 30 juin 2027'), lego.indexOf('Horaire Activité Salle Animation'));
    for (const lane of ['Tous ensemble', 'Halle', 'Salle Lego 1', 'Salle Lego 2', 'Salle Lego 3', 'Salle Lego 4']) expect(figure).toContain(seen(`${lane} `));
    expect(read.outline.map((o) => o.items.length)).toEqual([0, 1, 1, 2, 1, 0]);
    expect(read.outline[3].items.map((o) => o.title)).toEqual(['Jour 1 — mercredi 30 juin 2027', 'Jour 2 — jeudi 1er juillet 2027']);
  });

  it('labels the bars of the demo day at one size, whole or by a short form or letter with a key entry, never "…" (issue 19)', async () => {
    const { kit, model } = await agendaLayout(DEMO);
    const drawn = bars(model);
    const labels = model.pages.flatMap((p) => p.items).filter((b): b is TextBox => b.kind === 'text' && b.role === 'Figure' && b.font.endsWith('bold'));
    const inBar = (bar: RectBox) => labels.filter((t) => t.x >= bar.x && t.x < bar.x + bar.width && t.y > bar.y && t.y < bar.y + bar.height);
    const sizes = new Set(drawn.flatMap((bar) => inBar(bar).map((t) => t.size)));
    expect(sizes.size).toBe(1);
    expect([...sizes][0]).toBeGreaterThanOrEqual(BAR_LABEL_MIN);
    const slots = kit.sessions[0].days[0].slots;
    const lines = (i: number) => {
      const byY = new Map<number, string>();
      for (const t of inBar(drawn[i]).sort((a, b) => a.y - b.y || a.x - b.x)) byY.set(t.y, (byY.get(t.y) ?? '') + t.text);
      return [...byY.values()];
    };
    // The key under the timeline: paragraphs of the page that holds the figure, after it.
    const key = model.pages.flatMap((p) => p.items).filter((b): b is TextBox => b.kind === 'text' && b.role === 'P' && b.y > Math.max(...drawn.map((r) => r.y + r.height)) && b.y < Math.max(...drawn.map((r) => r.y)) + 120).map((t) => t.text).join(' ');
    slots.forEach((s, i) => {
      const shown = lines(i).join(' ');
      expect(shown).not.toContain('…');
      // Every slot prints its title whole, or has a key entry with its title whole.
      if (shown !== printed(s.title)) expect(key, s.title).toContain(printed(s.title));
    });
  });
});

describe('slot kind colours', () => {
  it('take the theme for workshops, a tint of it for plenaries and the accent for informal time', () => {
    const c = slotKindColors({ primary: '#1D4E89', accent: '#F4A259' });
    expect(c.workshop).toBe('#1D4E89');
    expect(c.informal).toBe('#F4A259');
    expect(c.plenary).toBe(mixWithWhite('#1D4E89', 0.45));
    expect(mixWithWhite('#000000', 0.5)).toBe('#808080');
    expect(mixWithWhite('#FFF', 0.3)).toBe('#FFFFFF');
    expect(new Set(Object.values(c)).size).toBe(Object.keys(c).length);
  });
});

describe('forking the agenda templates in a kit', () => {
  it('uses a kit partial and kit labels instead of the built-in ones', async () => {
    const dir = copyKit(DEMO, {
      'templates/agenda/partials/follow-up.hbs': '<h1>Rendez-vous en 2028</h1>\n<p>On se retrouve {{date followUp.date}} pour faire le point.</p>\n',
      'templates/i18n/fr.yaml': 'label:\n  overview: Le programme d’un coup d’œil\n',
    });
    const { result, pdf } = await buildAgenda(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    const all = read.flat.join(' ');
    expect(all).toContain(seen('On se retrouve jeudi 13 avril 2028 pour faire le point.'));
    expect(all).not.toContain(seen('mesurer le chemin parcouru'));
    expect(read.outline.map((o) => o.title)).toEqual(['Le programme d’un coup d’œil', printed("Partir du chauffeur pour repenser l'accès au port"), 'Rendez-vous en 2028']);
  });

  it('reports a markup mistake in a forked main.hbs at its own line', async () => {
    const main = readFileSync('templates/agenda/main.hbs', 'utf8').replace('{{> cover}}', '<bold>{{kit.title}}</bold>');
    const dir = copyKit(DEMO, { 'templates/agenda/main.hbs': main });
    const { result, pdf } = await buildAgenda(dir);
    expect(pdf).toBeUndefined();
    const line = main.split('\n').findIndex((l) => l.includes('<bold>')) + 1;
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      { code: 'template/unknown-element', file: 'templates/agenda/main.hbs', line },
    ]);
  });

  it('speaks English when the kit does', async () => {
    const capa = readFileSync(path.join(DEMO, 'capa.yaml'), 'utf8').replace('lang: fr', 'lang: en');
    const { result, pdf } = await buildAgenda(copyKit(DEMO, { 'capa.yaml': capa }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    expect(read.outline.map((o) => o.title)).toEqual(['Overview', printed("Partir du chauffeur pour repenser l'accès au port", 'en'), 'Rencontre un an après, avec visite du terminal']);
    expect(read.flat[0]).toContain(seen('1 session · 1 day · 2 workshops', 'en'));
    expect(read.flat[2]).toContain(seen('Thursday 15 April 2027', 'en'));
    expect(read.flat[2]).toContain(seen('09:30–11:30', 'en'));
    expect(read.flat[2]).toContain(seen('Host territory: Communauté', 'en'));
    expect(read.flat[2]).toContain(seen('page 3 / 4', 'en'));
  });
});

describe('a sparse kit', () => {
  const capa = yaml`
    capa: 1
    kit:
      id: mini
      title: Eau & <assainissement> "2027"
    theme:
      primary: "#336699"
      accent: "#CC6633"
    territories:
      - { id: t1, name: Terre, kind: rural }
    sessions:
      - id: s1
        title: Session sans jour
        host: t1
        days: []
      - id: s2
        title: Session deux
        host: t1
        days:
          - date: 2027-02-02
            start: "09:00"
            slots:
              - { title: Ouverture, kind: plenary, duration: 30 }
              - { title: Travail A, kind: workshop, room: A, start: "10:00", end: "11:00" }
              - { title: Travail B, kind: workshop, room: B, start: "10:00", end: "11:30" }
          - date: 2027-02-03
            start: "09:00"
            slots: []
  `;

  it('prints sessions without days, days without slots, and escapes the data', async () => {
    const { result, pdf } = await buildAgenda(tempKit({ 'capa.yaml': capa }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    expect(read.flat[0]).toContain(seen('Eau & <assainissement> "2027"'));
    expect(read.flat[0]).not.toContain(seen('ORGANISATION'));
    expect(read.flat[1]).toContain(seen('Du 2 au 3 février 2027 Mardi 2 février, 9 h – 11 h 30 Mercredi 3 février —'));
    expect(read.flat[1]).toContain(seen('Session sans jour Terre Date à préciser'));
    expect(read.outline).toEqual([
      { title: 'Vue d’ensemble', items: [] },
      { title: 'Session deux', items: [{ title: 'Jour 1 — mardi 2 février 2027', items: [] }, { title: 'Jour 2 — mercredi 3 février 2027', items: [] }] },
      { title: 'Session sans jour', items: [] },
    ]);
    expect(read.flat[2]).toContain(seen('Tous ensemble Ouverture A Travail A B Travail B'));
    expect(read.flat[3]).toContain(seen('Le déroulé de cette journée reste à préciser.'));
    expect(read.flat[4]).toContain(seen('Les journées de cette session restent à programmer.'));
    expect(read.pages).toBe(5);
  });
});
