import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from '../cli/cliHelpers.js';
import { copyKit, ROOT } from '../helpers/tempKit.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'import');

/** A copy of the reference kit holding the export `name`, and its participants file as written. */
function kitWith(name: string): { dir: string; before: string } {
  const dir = copyKit(path.join(ROOT, 'kits', 'capacities'));
  copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  return { dir, before: readFileSync(path.join(dir, 'participants.yaml'), 'utf8') };
}

/** The first line of each diagnostic (`file:line:col  severity  message  [code]`). */
const heads = (stderr: string) => stderr.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));

interface Person {
  id: string;
  name: string;
  organisation: string;
  role: string;
  title?: string;
  attends?: string[] | 'all';
}
const people = (dir: string) => (parse(readFileSync(path.join(dir, 'participants.yaml'), 'utf8')) as { people: Person[] }).people;

/** Each export: its located diagnostics (fr), then the people written with --skip-invalid. */
const EXPORTS: Array<{ file: string; diagnostics: string[]; added: Array<Partial<Person>> }> = [
  {
    file: 'people-excel-fr.csv',
    diagnostics: [
      'people-excel-fr.csv:5:1  erreur  colonne « Prénom » : « Hélène Lefèvre » figure déjà ligne 2 (identifiant helene-lefevre) : supprimez l’un des deux doublons  [import/duplicate-person]',
      'people-excel-fr.csv:6:13  erreur  colonne « Structure » : la structure « Cerma » n’existe pas dans le kit (vouliez-vous dire « Cerema » ?) : corrigez la cellule, ajoutez-la à organisations, ou relancez avec --create-organisations  [import/unknown-organisation]',
      'people-excel-fr.csv:7:1  erreur  colonne « Prénom » : le nom est vide : remplissez-le ou supprimez la ligne  [import/empty-name]',
    ],
    added: [
      { id: 'helene-lefevre', name: 'Hélène Lefèvre', organisation: 'cerema', role: 'partner-rep', title: 'Cheffe de projet « données »', attends: ['session-1', 'session-3'] },
      { id: 'francois-nguyen', name: 'François Nguyen', organisation: 'integrateur-exemple', role: 'company-rep' },
      { id: 'zoe-da-silva', name: 'Zoé Da Silva', organisation: 'chronos', role: 'facilitator', title: 'Animatrice; facilitatrice' },
    ],
  },
  {
    file: 'people-form.csv',
    diagnostics: [
      'people-form.csv:4:1  erreur  colonne « Full name » : « Åsa Öberg » figure déjà ligne 2 (identifiant asa-oberg) : supprimez l’un des deux doublons  [import/duplicate-person]',
      'people-form.csv:5:32  erreur  colonne « Sessions » : la session « session-9 » n’existe pas dans le kit (vouliez-vous dire « session-1 » ?) : attendu l’identifiant ou le titre d’une session, ou « toutes »  [import/unknown-session]',
    ],
    added: [
      { id: 'asa-oberg', name: 'Åsa Öberg', organisation: 'partenaire-national', role: 'partner-rep', title: 'Data officer, North region', attends: ['session-2'] },
      { id: 'jurgen-weiss', name: 'Jürgen Weiß', organisation: 'cerema', role: 'observer' },
    ],
  },
  {
    file: 'people.xlsx',
    diagnostics: [
      'people.xlsx:1:6  avertissement  cellule F1 (« Inscrit le ») : colonne non reconnue, ignorée (champs possibles : name, first_name, last_name, organisation, role, title, email, attends, gender, label) : utilisez --map "Inscrit le=<champ>" pour l’importer  [import/unknown-column]',
      'people.xlsx:5:1  erreur  cellule A5 (« Nom complet ») : « Anaïs Côté » figure déjà ligne 2 (identifiant anais-cote) : supprimez l’un des deux doublons  [import/duplicate-person]',
      'people.xlsx:6:5  erreur  cellule E6 (« Présence ») : la session « Construire des solutions » n’existe pas dans le kit (vouliez-vous dire « Construire des solutions, en Lego » ?) : attendu l’identifiant ou le titre d’une session, ou « toutes »  [import/unknown-session]',
    ],
    added: [
      { id: 'anais-cote', name: 'Anaïs Côté', organisation: 'cerema', role: 'partner-rep', title: 'Urbaniste', attends: ['session-2'] },
      { id: 'bastien-orsted', name: 'Bastien Ørsted', organisation: 'territoire-portuaire', role: 'observer' },
      { id: 'matheo-roux', name: 'Mathéo Roux', organisation: 'partenaire-national', role: 'partner-rep', title: 'Chef de projet' },
    ],
  },
  {
    file: 'people.ods',
    diagnostics: [
      'people.ods:1:6  avertissement  cellule F1 (« Régime alimentaire ») : colonne non reconnue, ignorée (champs possibles : name, first_name, last_name, organisation, role, title, email, attends, gender, label) : utilisez --map "Régime alimentaire=<champ>" pour l’importer  [import/unknown-column]',
      'people.ods:4:1  erreur  cellule A4 (« Prénom ») : « Léonie Château » figure déjà ligne 2 (identifiant leonie-chateau) : supprimez l’un des deux doublons  [import/duplicate-person]',
      'people.ods:6:3  erreur  cellule C6 (« Structure ») : la structure est vide : indiquez l’identifiant ou le nom d’un territoire ou d’une organisation du kit pour Inès  [import/empty-organisation]',
    ],
    added: [
      { id: 'leonie-chateau', name: 'Léonie Château', organisation: 'chronos', role: 'facilitator', title: 'Animatrice' },
      { id: 'eric-saint-exupery', name: 'Éric Saint-Exupéry', organisation: 'territoire-montagne', role: 'observer' },
      { id: 'sans-prenom', name: 'Sans-Prénom', organisation: 'cerema', role: 'partner-rep' },
    ],
  },
];

describe('capa import people', () => {
  for (const x of EXPORTS) {
    it(`${x.file}: every bad row located, nothing written; --skip-invalid writes the others; a re-import changes nothing`, async () => {
      const { dir, before } = kitWith(x.file);
      const refused = await runMain(['import', 'people', x.file, '--lang', 'fr'], { cwd: dir });
      expect(refused.code).toBe(1);
      expect(heads(refused.stderr)).toEqual(x.diagnostics);
      expect(refused.stderr).toContain('Rien n’a été écrit');
      expect(readFileSync(path.join(dir, 'participants.yaml'), 'utf8')).toBe(before);

      const done = await runMain(['import', 'people', x.file, '--skip-invalid'], { cwd: dir });
      expect(done.code).toBe(0);
      const after = readFileSync(path.join(dir, 'participants.yaml'), 'utf8');
      // Appended after the people already there; the comments of the file are kept.
      expect(after.startsWith(before.trimEnd())).toBe(true);
      const all = people(dir);
      expect(all.slice(-x.added.length)).toEqual(x.added);
      expect(done.stdout.trim().split('\n')).toHaveLength(x.added.length);

      const again = await runMain(['import', 'people', x.file, '--skip-invalid'], { cwd: dir });
      expect(again.code).toBe(0);
      expect(again.stdout).toBe('');
      expect(readFileSync(path.join(dir, 'participants.yaml'), 'utf8')).toBe(after);
      expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
    });
  }

  it('speaks English: the same located diagnostics', async () => {
    const { dir } = kitWith('people.xlsx');
    const r = await runMain(['import', 'people', 'people.xlsx', '--lang', 'en'], { cwd: dir });
    expect(heads(r.stderr).slice(1)).toEqual([
      'people.xlsx:5:1  error  cell A5 (“Nom complet”): “Anaïs Côté” is already on line 2 (id anais-cote): remove one of the two duplicates  [import/duplicate-person]',
      'people.xlsx:6:5  error  cell E6 (“Présence”): the session “Construire des solutions” does not exist in the kit (did you mean “Construire des solutions, en Lego”?): expected the id or the title of a session, or “all”  [import/unknown-session]',
    ]);
    expect(r.stderr).toContain('Nothing was written');
  });

  it('a changed row updates only that person’s changed cells, keeping comments and hand-written fields', async () => {
    const { dir } = kitWith('people-form.csv');
    await runMain(['import', 'people', 'people-form.csv', '--skip-invalid'], { cwd: dir });
    const file = path.join(dir, 'participants.yaml');
    // By hand: a comment, and a title the export has no cell for.
    const edited = readFileSync(file, 'utf8').replace('Weiß\n    organisation: cerema\n    role: observer\n', 'Weiß\n    organisation: cerema\n    role: observer # vu au téléphone\n    title: Ingénieur mobilité\n');
    (await import('node:fs')).writeFileSync(file, edited);
    const csv = readFileSync(path.join(dir, 'people-form.csv'), 'utf8').replace('"Jürgen Weiß","Cerema","","","","observer"', '"Jürgen Weiß","Chronos","","","","observer"').replace('"Chloé Martin","Chronos","","","session-9","staff"', '"Chloé Martin","Chronos","","","session-4","staff"');
    (await import('node:fs')).writeFileSync(path.join(dir, 'changed.csv'), csv);
    const r = await runMain(['import', 'people', 'changed.csv', '--skip-invalid', '--lang', 'en'], { cwd: dir });
    expect(r.stderr).toContain('Wrote 2 changes');
    expect(r.stdout.trim().split('\n')).toEqual(['~ person jurgen-weiss in participants.yaml: organisation', '+ person chloe-martin (Chloé Martin) in participants.yaml']);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  - id: jurgen-weiss\n    name: Jürgen Weiß\n    organisation: chronos\n    role: observer # vu au téléphone\n    title: Ingénieur mobilité\n');
    expect(people(dir).find((p) => p.id === 'chloe-martin')).toEqual({ id: 'chloe-martin', name: 'Chloé Martin', organisation: 'chronos', role: 'staff', attends: ['session-4'] });
  });

  it('--dry-run lists the changes and writes nothing; --create-organisations adds the unknown ones', async () => {
    const { dir, before } = kitWith('people-excel-fr.csv');
    const dry = await runMain(['import', 'people', 'people-excel-fr.csv', '--skip-invalid', '--create-organisations', '--dry-run', '--lang', 'en'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+ organisation cerma (Cerma) in participants.yaml\n');
    expect(dry.stdout).toContain('+ person noel-brehat (Noël Bréhat) in participants.yaml\n');
    expect(dry.stderr).toContain('Dry run (--dry-run): 5 changes to write, nothing was written.');
    expect(readFileSync(path.join(dir, 'participants.yaml'), 'utf8')).toBe(before);
    await runMain(['import', 'people', 'people-excel-fr.csv', '--skip-invalid', '--create-organisations'], { cwd: dir });
    const data = parse(readFileSync(path.join(dir, 'participants.yaml'), 'utf8')) as { organisations: Array<{ id: string }>; people: Person[] };
    expect(data.organisations.at(-1)).toEqual({ id: 'cerma', name: 'Cerma', type: 'other' });
    // Windows-1252's ’ (0x92) read as ’, not as a control character.
    expect(data.people.at(-1)).toEqual({ id: 'noel-brehat', name: 'Noël Bréhat', organisation: 'cerma', role: 'observer', title: 'Chargé d’études' });
  });

  it('--map names a column the headers do not say; --into must be a file of the kit', async () => {
    const { dir } = kitWith('people.ods');
    const bad = await runMain(['import', 'people', 'people.ods', '--map', 'Régime=title', '--lang', 'en'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--map Régime=title: no column “Régime” in the file (did you mean “Régime alimentaire”?)');
    const into = await runMain(['import', 'people', 'people.ods', '--into', 'nowhere.yaml', '--lang', 'en'], { cwd: dir });
    expect(into.code).toBe(2);
    const r = await runMain(['import', 'people', 'people.ods', '--map', 'Régime alimentaire=title', '--skip-invalid', '--into', 'programme.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const programme = parse(readFileSync(path.join(dir, 'programme.yaml'), 'utf8')) as { people: Person[] };
    expect(programme.people[0]).toEqual({ id: 'leonie-chateau', name: 'Léonie Château', organisation: 'chronos', role: 'facilitator', title: 'Végétarien' });
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });
});
