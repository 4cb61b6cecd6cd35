import { beforeAll, describe, expect, it } from 'vitest';
import { plannedKeys } from '../../src/documents/carnet.js';
import { formatTimeRange } from '../../src/render/format.js';
import { LAYOUT_DEFAULTS } from '../../src/layout/flow/layoutDefaults.js';
import type { LineBox } from '../../src/layout/flow/model.js';
import { MM } from '../../src/layout/core/units.js';
import { copyKit } from '../helpers/tempKit.js';
import { buildCarnet, carnetLayout, kitOf, pageText, plain, readCarnet, type ReadCarnet } from './carnetPdf.js';

const DEMO = 'kits/demo';
const CAPACITIES = 'kits/capacities';

/** Index of the first page whose text contains `needle` (from page `from`). */
const pageOf = (read: ReadCarnet, needle: string, from = 0) => read.text.findIndex((t, i) => i >= from && t.includes(needle));

describe('carnet of the demo kit (carnet.pdf)', () => {
  let pdf: Buffer;
  let read: ReadCarnet;
  beforeAll(async () => {
    const { result, pdf: built } = await buildCarnet(DEMO);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    pdf = built!;
    read = await readCarnet(pdf);
  });

  it('opens with a cover, the contents and the user-centred introduction', () => {
    expect(read.text[0]).toContain('CARNET D\'ATELIERS');
    expect(read.text[0]).toContain('Journée CAPAcities — Port-Exemple');
    expect(read.text[0]).toContain('1 session · 1 journée · 2 ateliers');
    expect(read.text[1]).toMatch(/^Sommaire L\'usager final au centre 3 /);
    expect(read.text[2]).toContain('L\'usager final au centre');
    expect(read.text[2]).toContain('Un exemple, hors de nos cas d\'usage');
  });

  it('lists every heading in the contents with the page it is on', () => {
    const entries: Array<[string, number]> = [
      ['L\'usager final au centre', 3],
      ['La carte des défis', 4],
      ["Session 1 — Partir du chauffeur pour repenser l\'accès au port", 5],
      ['Jeudi 15 avril 2027', 5],
      ["Le cas d\'usage vu par ceux qui le vivent", 6],
      ["Le trajet idéal du chauffeur, du dépôt au quai", 7],
      ['Les clés du succès', 8],
      ['Réutiliser ce kit', 8],
      ['Licence', 8],
    ];
    const toc = read.text[1];
    let at = 0;
    for (const [title, page] of entries) {
      const entry = `${title} ${page}`;
      expect(toc.indexOf(entry, at), entry).toBeGreaterThanOrEqual(at);
      at = toc.indexOf(entry, at) + entry.length;
      // The number is true: the heading is on that page.
      expect(read.text[page - 1]).toContain(title);
    }
  });

  it('makes each contents entry a link to the page of its heading', () => {
    const links = read.links[1];
    expect(links.map((l) => l.target + 1)).toEqual([3, 4, 5, 5, 6, 7, 8, 8, 8]);
    expect(new Set(links.map((l) => l.dest)).size).toBe(9);
    // No other page carries internal links.
    expect(read.links.filter((l, i) => i !== 1 && l.length)).toEqual([]);
  });

  it('draws the map of threads, défis and use cases on one page', () => {
    const map = read.text[3];
    expect(map).toContain('La carte des défis');
    expect(map).toContain('Fils Défis Cas d\'usage');
    expect(map).toContain('Partager les données autour des usagers du port');
    expect(map).toContain("Défi n° 1 Réunir les détenteurs de données du port autour d\'une même table");
    expect(map).toContain("Défi n° 2 Imaginer le trajet idéal d\'un chauffeur jusqu\'au quai");
    expect(map).toContain("Fluidifier l\'accès des poids lourds au terminal fret Communauté d\'agglomération de Port-Exemple");
  });

  it('prints every workshop with its steps at the clock times the model computed', async () => {
    const { kit } = await kitOf(DEMO);
    const slots = kit.sessions[0].days[0].slots.filter((s) => s.workshop);
    expect(slots.map((s) => s.workshop!.id)).toEqual(['cas-usage-port', 'trajet-ideal']);
    const first = read.text[5];
    expect(first).toContain("Le cas d\'usage vu par ceux qui le vivent 9 h 30 – 11 h 30 · 2 h · Salle du conseil");
    for (const row of ['9 h 30 – 9 h 40 Tour de table', '9 h 40 – 10 h 05 Présentation du cas d\'usage', '10 h 05 – 10 h 45 Qui sont les usagers ?', '10 h 45 – 11 h 15 Qui détient la donnée ?', '11 h 15 – 11 h 30 Synthèse']) {
      expect(first).toContain(row);
    }
    const second = read.text[6];
    expect(second).toContain('Le trajet idéal du chauffeur, du dépôt au quai 14 h – 15 h 45 · 1 h 45 · Salle du conseil');
    for (const row of ['14 h – 14 h 10 Consigne', '14 h 10 – 14 h 45 Dessin du parcours en deux groupes', '14 h 45 – 15 h 20 Croisement des parcours', '15 h 20 – 15 h 45 Vote et choix des services']) {
      expect(second).toContain(row);
    }
    // Each step's duration is in its row.
    expect(first).toContain('Tour de table Chacun se présente en une phrase');
    expect(first).toMatch(/visite de la veille\. 10 min/);
  });

  it('gives each question of a workshop without capture ruled lines for notes', async () => {
    const { model } = await carnetLayout(DEMO);
    const noteLines = (page: number) =>
      model.pages[page].items.filter((b): b is LineBox => b.kind === 'line' && b.color === LAYOUT_DEFAULTS.noteLine).length;
    // Three questions, at least three lines each, and what the page leaves blank shared out as more lines among
    // them: the lowest line is within one spacing (7.5 mm) of the body's foot (page height less the 22 mm margin).
    for (const page of [5, 6]) {
      expect(noteLines(page)).toBeGreaterThanOrEqual(9);
      const lowest = Math.max(...model.pages[page].items.flatMap((b) => (b.kind === 'line' && b.color === LAYOUT_DEFAULTS.noteLine ? [b.y1] : [])));
      expect(841.89 - 22 * MM - lowest).toBeLessThan(7.5 * MM);
    }
    expect(pageText(model, 5)).not.toContain('Ce qui en est ressorti');
  });

  it('ticks every key to success the demo plans', () => {
    const keys = read.text[7];
    for (const title of ['Visiter le terrain la veille de chaque session', 'Des moments informels chaque jour', 'Réinterroger le collectif à la fin de chaque journée', 'Un temps d\'échange réservé aux élus à chaque session', 'Se retrouver environ un an après']) {
      expect(keys).toContain(`${title} — prévu dans ce kit`);
    }
    expect(keys).not.toContain('pas encore prévu');
    expect(keys).toContain('Ce kit est diffusé sous la licence CC BY-NC 4.0.');
  });

  it('has an outline with every section, day and workshop', () => {
    expect(read.outline).toEqual([
      'L\'usager final au centre',
      'La carte des défis',
      "Session 1 — Partir du chauffeur pour repenser l\'accès au port",
      'Jeudi 15 avril 2027',
      "Le cas d\'usage vu par ceux qui le vivent",
      'Le trajet idéal du chauffeur, du dépôt au quai',
      'Les clés du succès',
      'Réutiliser ce kit',
      'Licence',
    ]);
  });

  it('is byte-identical when built twice', async () => {
    const again = await buildCarnet(DEMO);
    expect(again.pdf!.equals(pdf)).toBe(true);
  });
});

describe('carnet of the capacities kit', () => {
  let read: ReadCarnet;
  beforeAll(async () => {
    const { result, pdf } = await buildCarnet(CAPACITIES);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    read = await readCarnet(pdf!);
  });

  it('puts every thread, défi and use case on the one map page', async () => {
    const { kit } = await kitOf(CAPACITIES);
    const map = pageOf(read, 'La carte des défis', 2);
    expect(map).toBe(3);
    expect(read.text[map + 1]).toMatch(/Session 1 — /);
    for (const t of kit.threads) expect(read.text[map]).toContain(plain(t.title));
    for (const c of kit.challenges) expect(read.text[map]).toContain(plain(`Défi n° ${c.number} ${c.title}`));
    for (const u of kit.useCases) expect(read.text[map]).toContain(plain(u.title));
  });

  it('shows what came out of a workshop whose capture is filled, instead of ruled lines', async () => {
    const { kit, model } = await carnetLayout(CAPACITIES);
    const filled = kit.workshops.filter((w) => w.capture.ideas.length > 0);
    const empty = kit.workshops.find((w) => w.slots.length && Object.values(w.capture).every((g) => g.length === 0) && w.questions.length);
    expect(filled.length).toBeGreaterThan(0);
    expect(empty).toBeDefined();
    // A workshop's pages: from its heading's page up to the page before the next heading's.
    const pagesOf = (title: string) => {
      const k = model.outline.findIndex((o) => o.level === 3 && plain(o.title) === plain(title));
      expect(k, title).toBeGreaterThanOrEqual(0);
      const start = model.outline[k].page;
      const end = k + 1 < model.outline.length ? model.outline[k + 1].page : model.pages.length;
      return Array.from({ length: Math.max(1, end - start) }, (_, i) => start + i);
    };
    const notes = (pages: number[]) =>
      pages.reduce((n, p) => n + model.pages[p].items.filter((b) => b.kind === 'line' && b.color === LAYOUT_DEFAULTS.noteLine).length, 0);
    for (const w of filled) {
      const pages = pagesOf(w.title);
      const text = pages.map((p) => pageText(model, p)).join(' ');
      expect(text).toContain('Ce qui en est ressorti');
      for (const idea of [...w.capture.ideas, ...w.capture.leads]) expect(text).toContain(plain(idea));
      expect(text).toContain('Retours d\'expérience');
      expect(text).toContain('Souhaits pour la suite');
      expect(notes(pages), w.id).toBe(0);
    }
    const pages = pagesOf(empty!.title);
    expect(pages.map((p) => pageText(model, p)).join(' ')).not.toContain('Ce qui en est ressorti');
    expect(notes(pages)).toBeGreaterThanOrEqual(3 * empty!.questions.length);
  });

  it('prints every step of every workshop slot with the clock times of that slot', async () => {
    const { kit, model } = await carnetLayout(CAPACITIES);
    const headings = model.outline.filter((o) => o.level === 3);
    let checked = 0;
    for (const session of kit.sessions) {
      for (const day of session.days) {
        for (const slot of day.slots.filter((s) => s.workshop)) {
          // Workshop headings come in programme order: take the next one with this title.
          const k = headings.findIndex((o) => plain(o.title) === plain(slot.workshop!.title));
          expect(k, slot.workshop!.id).toBeGreaterThanOrEqual(0);
          const [heading] = headings.splice(k, 1);
          const next = model.outline.find((o) => o.page > heading.page || (o.page === heading.page && o.y > heading.y));
          const last = next ? Math.max(heading.page, next.page - (next.y < 120 ? 1 : 0)) : model.pages.length - 1;
          const text = plain(Array.from({ length: last - heading.page + 1 }, (_, i) => pageText(model, heading.page + i)).join(' '));
          expect(text).toContain(plain(formatTimeRange('fr', slot.start, slot.end)));
          for (const step of slot.steps) {
            expect(text, `${slot.workshop!.id} ${step.title}`).toContain(plain(`${formatTimeRange('fr', step.start, step.end)} ${step.title}`));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('lists every workshop in the contents, each linking to its page', () => {
    const toc = [1, 2].map((p) => read.text[p]).join(' ');
    const links = read.links[1];
    expect(links.length).toBeGreaterThan(25);
    for (const l of links) expect(read.text[l.target].length).toBeGreaterThan(0);
    expect(toc).toContain('Les clés du succès');
    const keysPage = pageOf(read, 'Cinq conditions qui ont fait la réussite');
    expect(toc).toContain(`Les clés du succès ${keysPage + 1}`);
  });
});

describe('keys to success follow what the kit plans', () => {
  it('leaves the visit unticked when a session has none', async () => {
    const dir = copyKit(DEMO, {
      'programme.yaml': (s) => s.replace(/    visit:\n(      .*\n)+/, ''),
    });
    const { kit, loaded } = await kitOf(dir);
    expect(plannedKeys(kit, loaded)).toEqual([
      { id: 'site-visit', planned: false },
      { id: 'informal-time', planned: true },
      { id: 'daily-retro', planned: true },
      { id: 'elected-time', planned: true },
      { id: 'follow-up', planned: true },
    ]);
    const { pdf } = await buildCarnet(dir);
    const read = await readCarnet(pdf!);
    const keys = read.text[read.pages - 1];
    expect(keys).toContain('Visiter le terrain la veille de chaque session — pas encore prévu dans ce kit');
    expect(keys).toContain('Des moments informels chaque jour — prévu dans ce kit');
    const { model } = await carnetLayout(dir);
    // A tick is two strokes of 1.4 pt: four keys ticked, one not.
    const ticks = model.pages[model.pages.length - 1].items.filter((b) => b.kind === 'line' && b.lineWidth === 1.4);
    expect(ticks).toHaveLength(8);
  });

  it('unticks the retro, elected time and follow-up when the programme drops them', async () => {
    const dir = copyKit(DEMO, {
      'programme.yaml': (s) =>
        s
          .replace('kind: retro', 'kind: plenary')
          .replace('kind: elected', 'kind: plenary')
          .replace('date: 2028-04-13', 'date: 2029-06-13'),
    });
    const { kit, loaded } = await kitOf(dir);
    expect(plannedKeys(kit, loaded).filter((k) => !k.planned).map((k) => k.id)).toEqual(['daily-retro', 'elected-time', 'follow-up']);
  });

  it('ticks nothing for a programme with no session', async () => {
    const dir = copyKit(DEMO, {
      'programme.yaml': (s) => s.replace(/^sessions:\n[\s\S]*?\nworkshops:/m, 'sessions: []\nworkshops:'),
    });
    const { kit, loaded } = await kitOf(dir);
    expect(plannedKeys(kit, loaded).every((k) => !k.planned)).toBe(true);
  });
});
