import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { AskInit } from '../../src/cli/init/askInitAnswers.js';
import type { InitAnswers } from '../../src/cli/init/starterKits.js';
import { ROOT, runCli, tempDir } from './cliHelpers.js';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Run `capa init` in-process as if in a terminal, answering with `answer`. */
async function initInteractive(args: string[], answer: (o: Parameters<AskInit>[0]) => Promise<InitAnswers>) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'capa', 'init', ...args], {
    env: {},
    isTTY: false,
    interactive: true,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    deps: { askInit: answer },
  });
  return { code, stdout, stderr };
}

describe('capa init (no terminal: defaults, nothing asked)', () => {
  it('copies the shipped demo kit, which then validates; $schema comments point at the copied schemas', () => {
    const dir = join(tempDir(), 'mon-kit');
    const r = runCli(['init', dir, '--from', 'demo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ kit écrit dans');
    expect(r.stdout).toContain('à partir de demo)');
    const shipped = read(join(ROOT, 'kits', 'demo'), 'programme.yaml');
    expect(read(dir, 'programme.yaml')).toBe(shipped.replace(/\$schema=\S+/, '$schema=schemas/kit-part.schema.json'));
    expect(readdirSync(join(dir, 'schemas')).sort()).toEqual(readdirSync(join(ROOT, 'schemas')).filter((n) => n.endsWith('.json')).sort());
    expect(existsSync(join(dir, 'assets', 'logo.png'))).toBe(true);
    expect(runCli(['validate', dir]).code).toBe(0);
  });

  it('writes a blank kit that validates without errors', () => {
    const dir = join(tempDir(), 'vide');
    const r = runCli(['init', dir, '--from', 'blank', '--lang', 'en']);
    expect(r.code).toBe(0);
    const data = parse(read(dir, 'capa.yaml')) as Record<string, any>;
    expect(data.kit).toMatchObject({ id: 'my-territory', lang: 'en' });
    expect(data.territories).toEqual([{ id: 'my-territory', name: 'My territory', kind: 'mixed' }]);
    const v = runCli(['validate', dir, '--format', 'json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  it('refuses a non-empty folder without --force (exit 2, nothing written)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'capa.yaml'), 'mine\n');
    const r = runCli(['init', dir, '--from', 'demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('n’est pas vide : relancez avec --force');
    expect(readdirSync(dir)).toEqual(['capa.yaml']);
    expect(read(dir, 'capa.yaml')).toBe('mine\n');
  });

  it('with --force, replaces files of the same name and says so, keeping the others', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'capa.yaml'), 'mine\n');
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    const r = runCli(['init', dir, '--from', 'demo', '--force', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^replaced: capa\.yaml\n/);
    expect(r.stdout).not.toContain('replaced: programme.yaml');
    expect(read(dir, 'notes.txt')).toBe('keep me\n');
    expect(read(dir, 'capa.yaml')).toContain('capa: 1');
  });

  it('an unknown starting kit or a file as target is a usage error', () => {
    const r = runCli(['init', join(tempDir(), 'k'), '--from', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kit de départ « nope » inconnu : valeurs possibles « capacities », « demo » ou « blank »');
    const file = join(tempDir(), 'f.txt');
    writeFileSync(file, 'x');
    expect(runCli(['init', file]).code).toBe(2);
  });
});

describe('capa init (in a terminal: asks)', () => {
  it('offers the starters with the shipped kit’s own answers as defaults', async () => {
    const seen: unknown[] = [];
    const r = await initInteractive([join(tempDir(), 'k')], async (o) => {
      seen.push(o.starters, o.defaultFrom, await o.defaultsFor('demo'));
      return o.defaultsFor('demo');
    });
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      ['capacities', 'demo', 'blank'],
      'capacities',
      { from: 'demo', territory: "Communauté d'agglomération de Port-Exemple", date: '2027-04-15', lang: 'fr' },
    ]);
  });

  it('applies the answers: host territory name, document language, every date moved with the first day', async () => {
    const dir = join(tempDir(), 'k');
    const r = await initInteractive([dir, '--from', 'demo'], async (o) => {
      expect(o.starters).toEqual(['demo']);
      return { from: 'demo', territory: 'Agglomération du Lac', date: '2027-09-21', lang: 'en' };
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const capa = parse(read(dir, 'capa.yaml')) as Record<string, any>;
    const programme = parse(read(dir, 'programme.yaml')) as Record<string, any>;
    expect(capa.kit.lang).toBe('en');
    expect(capa.territories[0]).toMatchObject({ id: 'port-exemple', name: 'Agglomération du Lac' });
    // the demo's first day is 2027-04-15: +159 days
    expect(programme.sessions[0].visit.date).toBe('2027-09-20');
    expect(programme.sessions[0].days[0].date).toBe('2027-09-21');
    expect(programme.follow_up.date).toBe('2028-09-19');
    // comments and layout survive the edit
    expect(read(dir, 'programme.yaml').split('\n').length).toBe(read(join(ROOT, 'kits', 'demo'), 'programme.yaml').split('\n').length);
    expect(r.stdout).toMatch(/\n✓ \S+\/k est valide : aucun problème\n/);
  });

  it('makes an id from an accented territory name for a blank kit', async () => {
    const dir = join(tempDir(), 'k');
    const r = await initInteractive([dir], async () => ({ from: 'blank', territory: "Pays de l'Étang-Salé", date: '2027-03-02', lang: 'fr' }));
    expect(r.code).toBe(0);
    const capa = parse(read(dir, 'capa.yaml')) as Record<string, any>;
    expect(capa.territories[0]).toEqual({ id: 'pays-de-l-etang-sale', name: "Pays de l'Étang-Salé", kind: 'mixed' });
    expect(capa.sessions[0]).toMatchObject({ host: 'pays-de-l-etang-sale', visit: { date: '2027-03-01' }, days: [{ date: '2027-03-02' }] });
    expect(capa.follow_up.date).toBe('2028-03-02');
  });

  it('does not ask with --yes', async () => {
    const r = await initInteractive([join(tempDir(), 'k'), '--yes', '--from', 'demo'], async () => {
      throw new Error('asked');
    });
    expect(r.code).toBe(0);
  });
});
