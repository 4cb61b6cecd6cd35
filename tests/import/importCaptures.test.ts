import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from '../cli/cliHelpers.js';
import { copyKit, ROOT } from '../helpers/tempKit.js';

const heads = (stderr: string) => stderr.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
type Workshops = { workshops: Array<{ id: string; capture?: Record<string, string[]> }> };
const captureOf = (dir: string, id: string) => (parse(readFileSync(path.join(dir, 'programme.yaml'), 'utf8')) as Workshops).workshops.find((w) => w.id === id)?.capture;

describe('capa import captures', () => {
  it('an ODS sheet: bad rows located at their cell, the others added to the workshop’s capture once', async () => {
    const dir = copyKit(path.join(ROOT, 'kits', 'capacities'));
    copyFileSync(path.join(ROOT, 'tests', 'fixtures', 'import', 'captures.ods'), path.join(dir, 'captures.ods'));
    const before = readFileSync(path.join(dir, 'programme.yaml'), 'utf8');
    const refused = await runMain(['import', 'captures', 'captures.ods', '--lang', 'en'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(heads(refused.stderr)).toEqual([
      'captures.ods:5:3  warning  cell C5 (“Texte”): this text is already on line 4 for the same workshop and kind: the row is ignored  [import/duplicate-item]',
      'captures.ods:6:1  error  cell A6 (“Atelier”): the workshop “lego-defi-44” does not exist in the kit (did you mean “lego-defi-4”?): expected the id or the title of a workshop  [import/unknown-workshop]',
      'captures.ods:7:2  error  cell B7 (“Type”): the kind “Humeur” is unknown: expected idea, feedback, lead or wish  [import/unknown-kind]',
    ]);
    expect(readFileSync(path.join(dir, 'programme.yaml'), 'utf8')).toBe(before);

    const fr = await runMain(['import', 'captures', 'captures.ods', '--lang', 'fr'], { cwd: dir });
    expect(heads(fr.stderr)[2]).toBe('captures.ods:7:2  erreur  cellule B7 (« Type ») : le type « Humeur » est inconnu : attendu idée, retour d’expérience, piste ou souhait (idea, feedback, lead, wish)  [import/unknown-kind]');

    const done = await runMain(['import', 'captures', 'captures.ods', '--skip-invalid', '--lang', 'fr'], { cwd: dir });
    expect(done.code).toBe(0);
    expect(done.stdout.split('\n')[1]).toBe('+ retour d’expérience de l’atelier lego-defi-4 dans programme.yaml : L’outil de l’agglomération a mis un an à démarrer');
    // The workshop named by its title and the one named by its id are the same; two paragraphs of one cell stay two lines.
    expect(captureOf(dir, 'lego-defi-4')).toEqual({
      ideas: ['Un entrepôt de données partagé,\nouvert aux communes'],
      feedback: ['L’outil de l’agglomération a mis un an à démarrer'],
      leads: ['Commencer par les horaires de bus'],
    });
    const after = readFileSync(path.join(dir, 'programme.yaml'), 'utf8');
    expect(after.slice(0, 500)).toBe(before.slice(0, 500)); // the header comments are kept
    const again = await runMain(['import', 'captures', 'captures.ods', '--skip-invalid'], { cwd: dir });
    expect(again.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'programme.yaml'), 'utf8')).toBe(after);
    expect((await runMain(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('a CSV with English headers and values adds to a capture that already has items', async () => {
    const dir = copyKit(path.join(ROOT, 'kits', 'capacities'));
    writeFileSync(path.join(dir, 'day.csv'), 'Workshop\tKind\tText\nlego-defi-3\twish\tMeet again in spring\nlego-defi-3\tidea\tUn siège tournant réservé à une association d’usagers, renouvelé chaque année\n\t\t\n');
    const r = await runMain(['import', 'captures', 'day.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('+ wish of workshop lego-defi-3 in programme.yaml: Meet again in spring\n');
    expect(captureOf(dir, 'lego-defi-3')?.wishes).toEqual(['Inviter une entreprise qui a quitté un comité pour comprendre pourquoi', 'Meet again in spring']);
  });

  it('a sheet without a kind column says which headers it expects', async () => {
    const dir = copyKit(path.join(ROOT, 'kits', 'capacities'));
    writeFileSync(path.join(dir, 'x.csv'), 'Atelier;Texte\nlego-defi-3;Bonjour\n');
    const r = await runMain(['import', 'captures', 'x.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(heads(r.stderr)).toEqual(['x.csv:1:1  error  no kind column: the first row must hold “type”, “categorie”, “kind”, or use --map <column>=kind  [import/no-column]']);
  });
});
