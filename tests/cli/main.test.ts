import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MainOptions } from '../../src/cli/main.js';
import type { CliDeps } from '../../src/cli/CliContext.js';
import { CapaError } from '../../src/report/CapaError.js';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import { toReport } from '../../src/report/Diagnostic.js';
import { ANSI, captureMain, tempDir } from './cliHelpers.js';

/** Run `main` in-process with string buffers; the kit folder is a temp folder holding capa.yaml. */
async function run(args: string[], opts: Omit<MainOptions, 'stdout' | 'stderr'> & { validateKit?: CliDeps['validateKit'] } = {}) {
  const { validateKit, ...options } = opts;
  return captureMain(args, { ...options, deps: { ...opts.deps, ...(validateKit ? { validateKit } : {}) } });
}

function kitDir(text = 'capa: 1\nkit:\n  id: demo\n  title: Démo\n'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'capa.yaml'), text);
  return dir;
}

const ERROR: Diagnostic = { severity: 'error', code: 'ref/unknown', message: 'hôte inconnu', file: 'capa.yaml', line: 3, column: 7, path: '/kit/id' };
const WARNING: Diagnostic = { severity: 'warning', code: 'method/binome', message: 'pas d’élu', file: 'capa.yaml', line: 2, column: 1 };

describe('main: internal failures (exit 3)', () => {
  const crash = async (): Promise<Diagnostic[]> => {
    throw new TypeError("Cannot read properties of undefined (reading 'sessions')");
  };

  it('prints one line, no stack, and exits 3', async () => {
    const r = await run(['validate', kitDir()], { validateKit: crash });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "capa: erreur interne : Cannot read properties of undefined (reading 'sessions') (relancez avec --verbose pour la pile d’appels)\n",
    );
  });

  it('says it in English with --lang en', async () => {
    const r = await run(['--lang', 'en', 'validate', kitDir()], { validateKit: crash });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      "capa: internal error: Cannot read properties of undefined (reading 'sessions') (run again with --verbose for the stack trace)\n",
    );
  });

  it('shows the stack and its causes with --verbose', async () => {
    const wrapped = async (): Promise<Diagnostic[]> => {
      throw new Error('layout failed', { cause: new RangeError('bad page size') });
    };
    const r = await run(['validate', kitDir(), '--verbose'], { validateKit: wrapped });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^kit : .*\ncapa: erreur interne :\nError: layout failed\n +at /);
    expect(r.stderr).toMatch(/\nCaused by:\nRangeError: bad page size\n +at /);
  });

  it('a missing schemas folder in the package is internal too', async () => {
    const r = await run(['schema', '--out', join(tempDir(), 'out')], { deps: { packageRoot: tempDir() } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^capa: erreur interne : ENOENT/);
  });

  it('a CapaError is the user’s to fix: its message alone, with its exit code', async () => {
    const refuse = async (): Promise<Diagnostic[]> => {
      throw new CapaError('kit/locked', 'le kit est verrouillé');
    };
    const r = await run(['validate', kitDir()], { validateKit: refuse });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'capa: le kit est verrouillé\n' });
  });
});

describe('main: validate output and exit codes', () => {
  const returning = (list: Diagnostic[]) => async () => list;

  it('passes the kit folder, resolved from the current folder, and the message language to validateKit', async () => {
    const dir = kitDir();
    const seen: unknown[] = [];
    const r = await run(['validate', '.', '--lang', 'en'], { cwd: dir, validateKit: async (o) => (seen.push(o), []) });
    expect(r.code).toBe(0);
    // The check cache may serve the diagnostics, except with --verbose (src/check/checkCache.ts).
    expect(seen).toEqual([{ dir, lang: 'en', cache: true }]);
    await run(['validate', '.', '--verbose'], { cwd: dir, validateKit: async (o) => (seen.push(o), []) });
    expect(seen[1]).toEqual({ dir, lang: 'fr', cache: false });
  });

  it('does not call validateKit for a folder that does not exist (usage, exit 2)', async () => {
    const seen: unknown[] = [];
    const r = await run(['validate', 'absent'], { cwd: tempDir(), validateKit: async (o) => (seen.push(o), []) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('capa: le dossier « absent » n’existe pas\n(capa --help pour l’aide)\n');
    expect(seen).toEqual([]);
  });

  it('--format json is exactly toReport() of the diagnostics', async () => {
    const r = await run(['validate', kitDir(), '--format', 'json'], { validateKit: returning([ERROR, WARNING]) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(toReport([ERROR, WARNING]));
    expect(JSON.parse(r.stdout).diagnostics.map((d: Diagnostic) => d.line)).toEqual([2, 3]);
  });

  it('warnings pass (0) unless --strict (1)', async () => {
    expect((await run(['validate', kitDir()], { validateKit: returning([WARNING]) })).code).toBe(0);
    const strict = await run(['validate', kitDir(), '--strict'], { validateKit: returning([WARNING]) });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('(refusé avec --strict)');
    const json = await run(['validate', kitDir(), '--strict', '--format', 'json'], { validateKit: returning([WARNING]) });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: 0, warnings: 1 });
  });

  it('--quiet prints errors and the summary only', async () => {
    const dir = kitDir();
    const r = await run(['-q', 'validate', dir], { validateKit: returning([ERROR, WARNING]), cwd: join(dir, '..') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('  avertissement  ');
    expect(r.stderr).toContain('capa.yaml:3:7  erreur  hôte inconnu  [ref/unknown]\n');
    expect(r.stderr).toContain('> 3 |   id: demo\n');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^✖ capa-cli-\w+ : 1 erreur, 1 avertissement$/);
  });

  it('colours on a terminal, not with NO_COLOR, --no-color or without a terminal', async () => {
    const list = returning([ERROR]);
    expect((await run(['validate', kitDir()], { validateKit: list, isTTY: true })).stderr).toMatch(ANSI);
    expect((await run(['validate', kitDir()], { validateKit: list, isTTY: true, env: { NO_COLOR: '1' } })).stderr).not.toMatch(ANSI);
    expect((await run(['--no-color', 'validate', kitDir()], { validateKit: list, isTTY: true })).stderr).not.toMatch(ANSI);
    expect((await run(['validate', kitDir()], { validateKit: list, isTTY: false })).stderr).not.toMatch(ANSI);
    // NO_COLOR set but empty does not count (no-color.org)
    expect((await run(['validate', kitDir()], { validateKit: list, isTTY: true, env: { NO_COLOR: '' } })).stderr).toMatch(ANSI);
  });

  it('global options work after the command name too', async () => {
    const r = await run(['validate', kitDir(), '--lang', 'en', '--quiet'], { validateKit: returning([WARNING]) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^✓ .* is valid \(1 warning\)\n$/);
  });

  it('wraps long messages to the terminal width given, and not at all without one', async () => {
    const long: Diagnostic = { ...WARNING, message: 'la session n’a pas de visite de terrain la veille de son premier jour, ce que la méthode recommande pour ancrer les ateliers dans le territoire' };
    const dir = kitDir();
    const narrow = await run(['validate', dir], { validateKit: returning([long]), columns: 50, cwd: join(dir, '..') });
    const header = narrow.stderr.split('\n\n')[0]!.split('\n').filter((l) => !/^ +(\d+ )?[>|]|^ +> /.test(l) && !/^\s+\d* *\|/.test(l));
    expect(header.length).toBeGreaterThan(3);
    for (const l of narrow.stderr.split('\n')) expect(l.length).toBeLessThanOrEqual(50);
    expect(header.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    const pipe = await run(['validate', kitDir()], { validateKit: returning([long]) });
    expect(pipe.stderr.split('\n')[0]).toContain(long.message);
  });
});

describe('main: the message language', () => {
  const validate = (env: Record<string, string>, args: string[] = []) =>
    run(['validate', kitDir(), ...args], { env, validateKit: async () => [ERROR] });
  it.each([
    [{ LANG: 'fr_FR.UTF-8' }, 'fr'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en_GB' }, 'en'],
    [{ LANG: 'C' }, 'fr'],
    [{ LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' }, 'fr'],
    [{ LANG: 'de_DE.UTF-8' }, 'fr'],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'fr_FR.UTF-8' }, 'en'],
    [{ LC_MESSAGES: 'en_US.UTF-8', LANG: 'fr_FR.UTF-8' }, 'en'],
    [{ LC_ALL: '', LC_MESSAGES: 'fr_FR', LANG: 'en_US' }, 'fr'],
    [{ CAPA_LANG: 'fr', LC_ALL: 'en_US.UTF-8' }, 'fr'],
    [{}, 'fr'],
  ])('%j → %s', async (env, lang) => {
    const r = await validate(env);
    expect(r.stderr).toContain(lang === 'fr' ? '  erreur  hôte inconnu' : '  error  hôte inconnu');
  });

  it('--lang wins over CAPA_LANG and the locale', async () => {
    expect((await validate({ CAPA_LANG: 'fr', LANG: 'fr_FR.UTF-8' }, ['--lang', 'en'])).stderr).toContain('  error  ');
  });
});

describe('main: contradictions and typos are usage errors (exit 2)', () => {
  it('capa help <unknown> says so, with a suggestion only for a near miss', async () => {
    expect(await run(['help', 'valdate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'capa: pas d’aide pour « valdate » : ce n’est pas une commande de capa (Vouliez-vous dire « validate » ?)\n(capa --help pour l’aide)\n',
    });
    const nope = await run(['--lang', 'en', 'help', 'nope']);
    expect(nope).toEqual({ code: 2, stdout: '', stderr: 'capa: no help for “nope”: it is not a capa command\n(see capa --help)\n' });
    const known = await run(['help', 'build']);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^Utilisation : capa build/);
  });

  it('--quiet with --verbose, and --json with another --format', async () => {
    const both = await run(['-q', 'validate', kitDir(), '--verbose'], { validateKit: async () => [] });
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'capa: --quiet et --verbose se contredisent : gardez l’une des deux options\n(capa --help pour l’aide)\n' });
    const json = await run(['validate', kitDir(), '--json', '--format', 'github'], { validateKit: async () => [] });
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--json veut dire --format json, qui contredit --format github');
    const same = await run(['validate', kitDir(), '--json', '--format', 'json'], { validateKit: async () => [ERROR] });
    expect(same.code).toBe(1);
    expect(JSON.parse(same.stdout)).toMatchObject({ errors: 1 });
  });

  it('templates list takes the kit as [dir] or --kit, not two different ones', async () => {
    const a = kitDir();
    const r = await run(['templates', 'list', a, '--kit', kitDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capa: deux kits indiqués/);
    expect((await run(['templates', 'list', '--kit', a])).code).toBe(0);
    expect((await run(['templates', 'list', a, '--kit', a])).code).toBe(0);
  });
});

describe('main: control characters in messages', () => {
  it('a CapaError or usage error quoting kit text shows its control characters escaped', async () => {
    const r = await run(['validate', 'x\u001b]0;PWNED\u0007\u001b[2J'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('capa: le dossier « x\\x1b]0;PWNED\\x07\\x1b[2J » n’existe pas\n(capa --help pour l’aide)\n');
    const option = await run(['validate', '--\u001b[2J']);
    expect(option.code).toBe(2);
    expect(option.stderr).not.toContain('\u001b');
  });
});

describe('main: schema', () => {
  it('copies only the .json files of the package schemas folder', async () => {
    const pkg = tempDir();
    mkdirSync(join(pkg, 'schemas'));
    writeFileSync(join(pkg, 'schemas', 'b.schema.json'), '{"b":1}');
    writeFileSync(join(pkg, 'schemas', 'a.schema.json'), '{"a":1}');
    writeFileSync(join(pkg, 'schemas', 'README.md'), 'not a schema');
    const cwd = tempDir();
    const r = await run(['schema', '--out', 'out'], { deps: { packageRoot: pkg }, cwd });
    expect(r).toEqual({
      code: 0,
      stdout: '✓ écrit out/a.schema.json\n✓ écrit out/b.schema.json\n2 schémas écrits dans out\n',
      stderr: '',
    });
    expect(readdirSync(join(cwd, 'out'))).toEqual(['a.schema.json', 'b.schema.json']);
    expect(readFileSync(join(cwd, 'out', 'b.schema.json'), 'utf8')).toBe('{"b":1}');
  });
});

describe('main: usage errors (exit 2), translated from commander', () => {
  const cases: Array<[string[], string]> = [
    [['validate', 'a', 'b'], 'erreur : trop d’arguments pour « validate » (1 attendu(s), 2 reçu(s))'],
    [['schema', '--out'], 'erreur : il manque la valeur de l’option « --out <dir> »'],
    [['--lang'], 'erreur : il manque la valeur de l’option « --lang <lang> »'],
    [['--lang', 'es'], 'erreur : valeur « es » refusée pour l’option « --lang <lang> ». Valeurs possibles : fr, en.'],
    [['--verbos', 'validate'], 'erreur : option inconnue « --verbos »\n(Vouliez-vous dire --verbose ?)'],
  ];
  it.each(cases)('%j', async (args, message) => {
    const r = await run(args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n(capa --help pour l’aide)\n` });
  });

  it('keeps commander’s English wording in English', async () => {
    const r = await run(['--lang', 'en', 'validate', 'a', 'b']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: too many arguments for 'validate'. Expected 1 argument but got 2.\n(see capa --help)\n",
    });
  });

  it('help and version go to the given stdout and exit 0', async () => {
    const help = await run(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Utilisation : capa validate \[options\] \[dir\]\n/);
    expect(help.stderr).toBe('');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
