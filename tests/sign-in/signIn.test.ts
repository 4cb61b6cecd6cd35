import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { groupByAffiliation, halfDays, signInModel, WALK_IN_ROWS } from '../../src/documents/signIn.js';
import type { Day } from '../../src/kit/Kit.js';
import { copyKit, tempKit, yaml } from '../helpers/tempKit.js';
import { kitOf } from '../agenda/agendaPdf.js';
import { printed, readPdf, seen, type ReadPdf } from '../helpers/pdf.js';

const DEMO = 'kits/demo';

async function buildSignIn(dir: string) {
  const result = await build({ dir, only: ['sign-in'], to: 'memory' });
  return { result, pdf: result.files.find((f) => f.file === 'emargement.pdf')?.content };
}

/** Two sessions (the first over two days); some people attend one session only. */
const TWO_SESSIONS = yaml`
  capa: 1
  kit:
    id: deux-sessions
    title: Expédition & co
  theme:
    primary: "#336699"
    accent: "#CC6633"
  territories:
    - { id: ville-haute, name: Ville-Haute, kind: urban }
  organisations:
    - { id: zeta, name: Bureau Zeta, type: company }
    - { id: alpha, name: Atelier Alpha, type: company }
  people:
    - { id: zoe, name: Zoé Martin, organisation: alpha, role: company-rep, title: Directrice, attends: all }
    - { id: adele, name: Adèle Roux, organisation: alpha, role: company-rep, attends: [s1] }
    - { id: bruno, name: Bruno Petit, organisation: ville-haute, role: elected, title: Maire adjoint, attends: [s1] }
    - { id: eric, name: Eric Zola, organisation: zeta, role: company-rep, attends: [s2] }
    - { id: emile, name: Émile Bernard, organisation: zeta, role: partner-rep, attends: [s2] }
  sessions:
    - id: s1
      title: Première session
      host: ville-haute
      venue: { name: Salle des fêtes, address: 3 place du Marché }
      days:
        - date: 2027-03-02
          start: "09:00"
          slots:
            - { title: Ouverture, kind: plenary, duration: 60 }
            - { title: Travail, kind: workshop, start: "14:00", end: "17:00" }
        - date: 2027-03-03
          start: "09:00"
          slots:
            - { title: Clôture, kind: plenary, duration: 90 }
    - id: s2
      title: Seconde session
      host: ville-haute
      days:
        - date: 2027-04-06
          start: "09:30"
          slots:
            - { title: Rencontre, kind: plenary, duration: 120 }
`;

const ALL = ['Zoé Martin', 'Adèle Roux', 'Bruno Petit', 'Eric Zola', 'Émile Bernard'];

describe('sign-in sheets of a kit with two sessions', () => {
  let read: ReadPdf;
  let pdf: Buffer;
  let dir: string;
  beforeAll(async () => {
    dir = tempKit({ 'capa.yaml': TWO_SESSIONS });
    const { result, pdf: built } = await buildSignIn(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => f.file)).toEqual(['emargement.pdf']);
    pdf = built!;
    read = await readPdf(pdf);
  });

  it('prints one landscape sheet per day, with the kit, the session, the date and the venue', () => {
    expect(read.pages).toBe(3);
    expect(read.sizes.every(([w, h]) => w === 842 && h === 595)).toBe(true);
    expect(read.flat[0]).toContain(seen('Feuille d’émargement — mardi 2 mars 2027 (jour 1) Première session · Salle des fêtes, 3 place du Marché · 9 h – 17 h'));
    expect(read.flat[1]).toContain(seen('Feuille d’émargement — mercredi 3 mars 2027 (jour 2) Première session · Salle des fêtes'));
    expect(read.flat[2]).toContain(seen('Feuille d’émargement — mardi 6 avril 2027 Seconde session · 9 h 30 – 11 h 30'));
    for (const page of read.flat) expect(page).toContain(seen('Expédition & co'));
    expect(read.outline.map((o) => o.title)).toEqual([
      'Feuille d’émargement — mardi 2 mars 2027 (jour 1)',
      'Feuille d’émargement — mercredi 3 mars 2027 (jour 2)',
      'Feuille d’émargement — mardi 6 avril 2027',
    ]);
  });

  it('lists every attending participant on the right day, and no one else', () => {
    const expected = [
      ['Zoé Martin', 'Adèle Roux', 'Bruno Petit'],
      ['Zoé Martin', 'Adèle Roux', 'Bruno Petit'],
      ['Zoé Martin', 'Eric Zola', 'Émile Bernard'],
    ];
    read.flat.forEach((page, i) => {
      for (const name of ALL) {
        if (expected[i].includes(name)) expect(page).toContain(seen(name));
        else expect(page).not.toContain(seen(name));
      }
      expect(page).toContain(seen(`${expected[i].length} participants inscrits pour cette journée.`));
    });
  });

  it('signs a day in the morning when it starts before noon, in the afternoon when it ends after 2 pm', () => {
    const day = (firstStart: number, lastEnd: number) => ({ slots: [{}], firstStart, lastEnd }) as unknown as Day;
    expect(halfDays(day(9 * 60, 13 * 60 + 10))).toEqual(['morning']);
    expect(halfDays(day(13 * 60 + 30, 17 * 60))).toEqual(['afternoon']);
    expect(halfDays(day(9 * 60, 17 * 60))).toEqual(['morning', 'afternoon']);
    expect(halfDays(day(12 * 60, 14 * 60))).toEqual(['morning']);
    expect(halfDays({ slots: [], firstStart: 540, lastEnd: 540 } as unknown as Day)).toEqual(['morning', 'afternoon']);
  });

  it('groups people by organisation, both sorted by name in the kit language', () => {
    // the role label (epicene: no gender stated) with the position under it
    expect(read.flat[0]).toContain(seen('Atelier Alpha · 2 participants Adèle Roux Entreprise Zoé Martin Entreprise Directrice Ville-Haute · 1 participant Bruno Petit Personne élue Maire adjoint Participants non inscrits'));
    // « Émile » sorts with the E's (before « Eric »), not after Z as code points would put it.
    expect(read.flat[2]).toContain(seen('Atelier Alpha · 1 participant Zoé Martin Entreprise Directrice Bureau Zeta · 2 participants Émile Bernard Partenaire Eric Zola Entreprise'));
  });

  it('has the signature columns its day needs (from its slots) and blank rows for walk-ins', async () => {
    // 9 h – 17 h: morning and afternoon; 9 h – 10 h 30 and 9 h 30 – 11 h 30: morning only.
    expect(read.flat[0]).toContain(seen('Nom Fonction Signature — Matin Signature — Après-midi'));
    for (const page of read.flat.slice(1)) {
      expect(page).toContain(seen('Nom Fonction Signature — Matin'));
      expect(page).not.toContain('Après-midi');
    }
    for (const page of read.flat) expect(page).toContain(seen('Participants non inscrits · nom, structure et fonction'));
    const model = signInModel(await kitOf(dir));
    expect(model.sheets.map((s) => s.blanks.length)).toEqual([WALK_IN_ROWS, WALK_IN_ROWS, WALK_IN_ROWS]);
    expect(WALK_IN_ROWS).toBeGreaterThanOrEqual(3);
  });

  it('is byte-identical when built twice', async () => {
    const again = await buildSignIn(dir);
    expect(again.pdf!.equals(pdf)).toBe(true);
  });
});

describe('a long sign-in list', () => {
  const people = Array.from({ length: 48 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return `  - { id: p${n}, name: Personne ${n}, organisation: ${i % 3 === 0 ? 'alpha' : 'zeta'}, role: company-rep, attends: all }`;
  }).join('\n');
  const capa = TWO_SESSIONS.replace(/people:\n(?: {2}- .*\n)+/, `people:\n${people}\n`);

  it('continues on further pages with the header repeated, each person once', async () => {
    expect(capa).toContain(seen('Personne 48'));
    const { result, pdf } = await buildSignIn(tempKit({ 'capa.yaml': capa }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    const firstDay = read.flat.filter((t) => t.includes('Première session · mardi 2 mars 2027'));
    expect(firstDay.length).toBeGreaterThan(1);
    for (const page of firstDay) {
      // The thead: the sheet's identification line, then the column titles, on every page.
      expect(page).toContain(seen('Expédition & co · Première session · mardi 2 mars 2027 Nom Fonction Signature — Matin Signature — Après-midi'));
    }
    const text = firstDay.join(' ');
    for (let i = 1; i <= 48; i++) expect(text.split(`Personne ${String(i).padStart(2, '0')} `).length - 1).toBe(1);
    // A group title is never the last row of a page.
    for (const page of firstDay.slice(0, -1)) {
      // The running header and footer come after the body in the page's text.
      const body = page.slice(0, page.lastIndexOf('Expédition & co Feuilles d’émargement')).trim();
      expect(body).toMatch(/Personne \d\d (Entreprise)?$/);
    }
  });
});

describe('a group title at the foot of a page', () => {
  it('moves to the next page with its people instead of staying alone', async () => {
    // 14 people of Atelier Alpha fill the first page so that, without `keep-with-next`, the
    // « Bureau Zeta » title row would be its last row (found by building with the attribute removed).
    const people = Array.from({ length: 20 }, (_, i) => {
      const n = String(i).padStart(2, '0');
      return `  - { id: p${n}, name: Personne ${n}, organisation: ${i < 14 ? 'alpha' : 'zeta'}, role: company-rep, attends: all }`;
    }).join('\n');
    const capa = TWO_SESSIONS.replace(/people:\n(?: {2}- .*\n)+/, `people:\n${people}\n`);
    const { pdf } = await buildSignIn(tempKit({ 'capa.yaml': capa }));
    const [first, second] = (await readPdf(pdf!)).flat;
    const body = first.slice(0, first.lastIndexOf('Expédition & co Feuilles d’émargement')).trim();
    expect(body.endsWith('Personne 13 Entreprise')).toBe(true);
    expect(second).toContain(seen('Bureau Zeta · 6 participants Personne 14 Entreprise'));
  });
});

describe('sign-in sheets of the demo kit', () => {
  it('fit on one sheet, grouping the territory’s people under its name', async () => {
    const { result, pdf } = await buildSignIn(DEMO);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    expect(read.pages).toBe(1);
    expect(read.flat[0]).toContain(seen(
      "Communauté d'agglomération de Port-Exemple · 2 participants Chef de projet de Port-Exemple (exemple) Responsable de mission Chargé de mission territoire intelligent Élue de Port-Exemple (exemple) Personne élue Vice-présidente",
    ));
    expect(read.flat[0]).toContain(seen('6 participants inscrits pour cette journée.'));
  });

  it('speaks English when the kit does', async () => {
    const capa = readFileSync(path.join(DEMO, 'capa.yaml'), 'utf8').replace('lang: fr', 'lang: en');
    const { pdf } = await buildSignIn(copyKit(DEMO, { 'capa.yaml': capa }));
    const [page] = (await readPdf(pdf!)).flat;
    expect(page).toContain(seen('Sign-in sheet — Thursday 15 April 2027', 'en'));
    expect(page).toContain(seen('Name Position Signature — Morning Signature — Afternoon', 'en'));
    expect(page).toContain(seen('Not on the list · name, organisation and position', 'en'));
  });
});

describe('groupByAffiliation', () => {
  it('sorts groups and names with the language’s collation, ties by id', async () => {
    const kit = await kitOf(tempKit({ 'capa.yaml': TWO_SESSIONS }));
    const groups = groupByAffiliation(kit.people, 'fr');
    expect(groups.map((g) => [g.name, g.people.map((p) => p.name)])).toEqual([
      ['Atelier Alpha', ['Adèle Roux', 'Zoé Martin']],
      ['Bureau Zeta', ['Émile Bernard', 'Eric Zola']],
      ['Ville-Haute', ['Bruno Petit']],
    ]);
  });
});
