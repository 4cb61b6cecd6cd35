import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { ROOMS_PER_ROW, runSheetModel } from '../../src/documents/runSheet.js';
import { kitOf } from '../agenda/agendaPdf.js';
import { printed, readPdf, seen, type ReadPdf } from '../helpers/pdf.js';
import { copyKit } from '../helpers/tempKit.js';

const DEMO = 'kits/demo';
const CAPACITIES = 'kits/capacities';

async function buildRunSheet(dir: string) {
  const result = await build({ dir, only: ['run-sheet'], to: 'memory' });
  return { result, pdf: result.files.find((f) => f.file === 'deroule.pdf')?.content };
}

/** French clock time as the PDF shows it (no-break spaces read back as spaces): 9 h, 9 h 05. */
const fr = (m: number) => `${Math.floor(m / 60)} h${m % 60 ? ` ${String(m % 60).padStart(2, '0')}` : ''}`;
const frDuration = (m: number) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${String(m % 60).padStart(2, '0')}` : ''}`);

describe('run-sheet of the demo kit (deroule.pdf)', () => {
  let pdf: Buffer;
  let read: ReadPdf;
  let all: string;
  beforeAll(async () => {
    const { result, pdf: built } = await buildRunSheet(DEMO);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => f.file)).toEqual(['deroule.pdf']);
    pdf = built!;
    read = await readPdf(pdf);
    all = read.flat.join(' ');
  });

  it('is landscape A4, with the day, its venue, its team and the visit the day before', () => {
    expect(read.sizes.every(([w, h]) => w === 842 && h === 595)).toBe(true);
    expect(read.flat[0]).toContain(seen("Partir du chauffeur pour repenser l'accès au port Jeudi 15 avril 2027 9 h – 16 h 30 · Maison du port (exemple), 1 quai de l'Exemple"));
    expect(read.flat[0]).toContain(seen('Animation du jour : Animatrice Chronos (exemple) et Animateur Cerema (exemple)'));
    expect(read.flat[0]).toContain(seen("Visite la veille : Visite du terminal fret à l'heure des arrivées de camions — Mercredi 14 avril 2027, 16 h – 18 h · Terminal fret, entrée poids lourds"));
  });

  it('gives every slot its clock times, duration, room and facilitators', () => {
    expect(all).toContain(seen('9 h – 9 h 30 30 min Accueil café'));
    expect(all).toContain(seen("9 h 30 – 11 h 30 2 h Le cas d'usage vu par ceux qui le vivent ■ Atelier · présentation et brainstorm Objectifs : Faire partager à tous"));
    expect(all).toContain(seen("qui devrait en décider Salle du conseil Animatrice Chronos (exemple) 9 h 30 – 9 h 40"));
    expect(all).toContain(seen("11 h 45 – 12 h 30 45 min Temps d'échange avec l'élue ■ Temps avec les élus L'élue échange"));
    expect(all).toContain(seen('prête à porter. Salle du conseil Animateur Cerema (exemple)'));
    expect(all).toContain(seen('12 h 30 – 14 h 1 h 30 Déjeuner sur place'));
    expect(all).toContain(seen('14 h – 15 h 45 1 h 45 Le trajet idéal du chauffeur, du dépôt au quai'));
    expect(all).toContain(seen('16 h – 16 h 30 30 min Réinterroger le collectif'));
  });

  it('times every workshop step back to back from its slot start, with its instructions', () => {
    // Morning workshop from 9 h 30: 10 + 25 + 40 + 30 + 15 minutes.
    expect(all).toContain(seen("9 h 30 – 9 h 40 10 min 1. Tour de table Chacun se présente en une phrase"));
    expect(all).toContain(seen("9 h 40 – 10 h 05 25 min 2. Présentation du cas d'usage Le binôme élue / chef de projet expose le problème tel que le vivent les chauffeurs et les riverains, avant toute solution."));
    expect(all).toContain(seen('10 h 05 – 10 h 45 40 min 3. Qui sont les usagers ? Sur le plan du port'));
    expect(all).toContain(seen('10 h 45 – 11 h 15 30 min 4. Qui détient la donnée ? Un post-it vert'));
    expect(all).toContain(seen('11 h 15 – 11 h 30 15 min 5. Synthèse'));
    // Afternoon workshop from 14 h: 10 + 35 + 35 + 25 minutes.
    expect(all).toContain(seen('14 h – 14 h 10 10 min 1. Consigne Le chauffeur est dessiné'));
    expect(all).toContain(seen('14 h 10 – 14 h 45 35 min 2. Dessin du parcours en deux groupes'));
    expect(all).toContain(seen('14 h 45 – 15 h 20 35 min 3. Croisement des parcours'));
    expect(all).toContain(seen('15 h 20 – 15 h 45 25 min 4. Vote et choix des services'));
  });

  it('rolls the materials up for the day, with how many slots need each and where', () => {
    const prepare = all.slice(all.indexOf('Matériel à préparer'));
    expect(prepare).toContain(seen("☐ Vidéoprojecteur 1 Salle du conseil Le cas d'usage vu par ceux qui le vivent"));
    expect(prepare).toContain(seen('☐ Gommettes de vote 1 Salle du conseil Le trajet idéal du chauffeur, du dépôt au quai'));
    const names = [...prepare.matchAll(/☐ (.+?) \d+ Salle du conseil/g)].map((m) => m[1]);
    expect(names).toEqual(['Vidéoprojecteur', 'Plan du port imprimé en A0', 'Post-it de trois couleurs', 'Marqueurs', 'Rouleau de papier kraft', 'Feutres épais', 'Gommettes de vote'].map((n) => seen(n)));
    // One room: the day's table is that room's list, no second checklist.
    expect(all).not.toContain(seen('Salle par salle'));
  });

  it('has one bookmark per session, its days under it, and page numbers', () => {
    expect(read.outline).toEqual([
      { title: printed("Partir du chauffeur pour repenser l'accès au port"), items: [{ title: 'Jeudi 15 avril 2027', items: [{ title: 'Matériel à préparer', items: [] }] }] },
    ]);
    expect(read.info).toMatchObject({ Title: 'Journée CAPAcities — Port-Exemple — Déroulé', Language: 'fr' });
    read.flat.forEach((t, i) => expect(t).toContain(seen(`page ${i + 1} / ${read.pages}`)));
  });

  it('is byte-identical when built twice', async () => {
    const again = await buildRunSheet(DEMO);
    expect(again.pdf!.equals(pdf)).toBe(true);
  });
});

describe('run-sheet of the four-session kit', () => {
  it('prints every slot and every step of every day with the clock times the model computed', async () => {
    const kit = await kitOf(CAPACITIES);
    const { result, pdf } = await buildRunSheet(CAPACITIES);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const all = (await readPdf(pdf!)).flat.join(' ');
    let steps = 0;
    for (const session of kit.sessions) {
      for (const day of session.days) {
        for (const slot of day.slots) {
          expect(all).toContain(seen(`${fr(slot.start)} – ${fr(slot.end)} ${frDuration(slot.durationMinutes)} ${slot.title}`));
          for (const s of slot.steps) {
            expect(all).toContain(seen(`${fr(s.start)} – ${fr(s.end)} ${frDuration(s.durationMinutes)} ${s.index + 1}. ${s.title}`));
            steps++;
          }
        }
      }
    }
    // A slot row is never left at the foot of a page without its first step.
    const pages = (await readPdf(pdf!)).flat;
    for (const slot of kit.sessions.flatMap((s) => s.days.flatMap((d) => d.slots)).filter((s) => s.steps.length)) {
      const s0 = slot.steps[0];
      const row = seen(`${fr(slot.start)} – ${fr(slot.end)} ${frDuration(slot.durationMinutes)} ${slot.title}`);
      const page = pages.find((t) => t.includes(row))!;
      expect(page.slice(page.indexOf(row))).toContain(seen(`${fr(s0.start)} – ${fr(s0.end)} ${frDuration(s0.durationMinutes)} 1. ${s0.title}`));
    }
    // Every workshop of the kit runs at least once, so each shows up with its steps.
    expect(steps).toBeGreaterThanOrEqual(kit.workshops.reduce((n, w) => n + w.steps.length, 0));
  });

  it('lays the materials out room by room when a day runs rooms in parallel', async () => {
    const kit = await kitOf(CAPACITIES);
    const lego = runSheetModel(kit).days.find((d) => d.session.id === 'session-3' && d.position === 1)!;
    expect(lego.rooms.map((r) => r.room)).toEqual(['Halle', 'Salle Lego 1', 'Salle Lego 2', 'Salle Lego 3', 'Salle Lego 4']);
    expect(lego.roomRows.map((row) => row.length)).toEqual([ROOMS_PER_ROW, ROOMS_PER_ROW]);
    expect(lego.roomRows.flat().filter(Boolean)).toEqual(lego.rooms);
    // Per room counts add up to the day's.
    for (const need of lego.materials) {
      const perRoom = lego.rooms.reduce((n, r) => n + (r.materials.find((m) => m.name === need.name)?.count ?? 0), 0);
      expect(perRoom).toBe(need.count);
    }
    const { pdf } = await buildRunSheet(CAPACITIES);
    const all = (await readPdf(pdf!)).flat.join(' ');
    const grid = all.slice(all.indexOf('Salle par salle'));
    expect(grid).toContain(seen('Salle Lego 1 13 h 30 '));
    expect(grid).toMatch(/Boîtes de Lego — 2 créneaux/);
  });
});

describe('run-sheet in English and with a forked partial', () => {
  it('speaks the kit language: 24-hour clock, English labels', async () => {
    const capa = readFileSync(path.join(DEMO, 'capa.yaml'), 'utf8').replace('lang: fr', 'lang: en');
    const { result, pdf } = await buildRunSheet(copyKit(DEMO, { 'capa.yaml': capa }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const all = (await readPdf(pdf!)).flat.join(' ');
    expect(all).toContain(seen('Thursday 15 April 2027', 'en'));
    expect(all).toContain(seen('Time Duration Slot or step Instructions Room Facilitation', 'en'));
    expect(all).toContain(seen('09:30–09:40 10 min 1. Tour de table', 'en'));
    expect(all).toContain(seen('Materials to prepare', 'en'));
  });

  it('takes the theme colour for workshop rows and the kit’s own partial when it forks one', async () => {
    const dir = copyKit(DEMO, { 'templates/run-sheet/partials/materials.hbs': '<h3>À apporter</h3>\n<p>{{join materials ", " key="name"}}</p>\n' });
    const { result, pdf } = await buildRunSheet(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const all = (await readPdf(pdf!)).flat.join(' ');
    expect(all).toContain(seen('À apporter Vidéoprojecteur, Plan du port imprimé en A0, Post-it de trois couleurs'));
    expect(all).not.toContain(seen('Matériel à préparer'));
    const kit = await kitOf(DEMO);
    const workshopRow = runSheetModel(kit).days[0].rows.find((r) => r.slot.kind === 'workshop')!;
    expect(workshopRow.fill).toBe('#085A45');
  });
});
