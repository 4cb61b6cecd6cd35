import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, ROOT, copyDemoKit, runCli, runMain, tempDir, writeKit } from './cliHelpers.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** 1-based number of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

/** The demo kit with one edit: `from` replaced by `to` in `file`. */
function demoWith(file: string, from: string, to: string): string {
  return copyDemoKit({
    [file]: (text) => {
      if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
      return text.replace(from, to);
    },
  });
}

describe('capa (global options)', () => {
  it('--version prints the package version', () => {
    expect(runCli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(runCli(['-V']).stdout).toBe(`${VERSION}\n`);
  });

  it('--help lists the commands, in French by default and in English with --lang en', () => {
    const fr = runCli(['--help']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toMatch(/^Utilisation : capa \[options\] \[command\]/);
    expect(fr.stdout).toMatch(/\n  validate \[options\] \[dir\] +vérifie le kit/);
    expect(fr.stdout).toMatch(/\n  schema \[options\] +écrit les schémas JSON/);
    for (const cmd of ['build [options] [dir]', 'init [options] [dir]', 'templates']) expect(fr.stdout).toContain(`\n  ${cmd} `);
    const en = runCli(['--lang', 'en', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Usage: capa \[options\] \[command\]/);
    expect(en.stdout).toContain('Commands:');
    expect(en.stdout).toMatch(/--lang <lang> +language of messages/);
  });

  it('validate --help documents the defaults', () => {
    const r = runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('(valeurs : "text", "json", "github", "gitlab")');
    expect(runCli(['schema', '--help', '--lang=en']).stdout).toContain('(default: "schemas")');
  });

  it('an unknown option is a usage error (2) with commander’s message, translated', () => {
    const fr = runCli(['validate', '--quite']);
    expect(fr.code).toBe(2);
    expect(fr.stdout).toBe('');
    expect(fr.stderr).toBe('erreur : option inconnue « --quite »\n(Vouliez-vous dire --quiet ?)\n(capa --help pour l’aide)\n');
    const en = runCli(['--lang', 'en', '--frobnicate']);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe("error: unknown option '--frobnicate'\n(see capa --help)\n");
  });

  it('an unknown command, a bad --format or --lang value, or no command at all exit 2', () => {
    const cmd = runCli(['valdate']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('erreur : commande inconnue « valdate »\n(Vouliez-vous dire validate ?)');
    const format = runCli(['validate', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('erreur : valeur « xml » refusée pour l’option « --format <format> ». Valeurs possibles : text, json, github, gitlab.');
    const lang = runCli(['--lang', 'de', 'validate']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('« de »');
    const env = runCli(['validate'], { env: { CAPA_LANG: 'de' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('CAPA_LANG vaut "de"');
    const none = runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Utilisation : capa/);
  });
});

describe('capa validate', () => {
  it('a valid kit exits 0 with a ✓ summary', async () => {
    const dir = copyDemoKit();
    const r = await runMain(['validate', 'demo'], { cwd: join(dir, '..') });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^✓ demo est valide/);
  });

  it('validates the current folder by default and names it', async () => {
    const r = await runMain(['validate', '--lang', 'en'], { cwd: copyDemoKit() });
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^✓ demo is valid/);
  });

  it('a kit with an error exits 1 and prints file:line:col, the code frame and the summary', async () => {
    const dir = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    const line = lineOf(join(dir, 'programme.yaml'), 'host: port-exemplr');
    const r = await runMain(['validate', 'demo'], { cwd: join(dir, '..') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`demo/programme.yaml:${line}:11  erreur  `);
    expect(r.stderr).toContain('[ref/unknown]');
    expect(r.stderr).toContain(`> ${line} |     host: port-exemplr\n`);
    expect(r.stderr).toMatch(/\n +\| +\^\n/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('✖ demo : 1 erreur');
  });

  it('shows the YAML-trap hint with the corrected line', async () => {
    const dir = demoWith('capa.yaml', 'title: Journée CAPAcities — Port-Exemple', 'title: Journée : Port-Exemple');
    const line = lineOf(join(dir, 'capa.yaml'), 'title: Journée : Port-Exemple');
    const r = await runMain(['validate', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'capa.yaml')}:${line}:`);
    expect(r.stderr).toContain('  hint: In an unquoted value, “:” followed by a space starts a nested key');
    expect(r.stderr).toContain('\n        title: "Journée : Port-Exemple"\n');
  });

  it('--format json prints exactly the report object, nothing else on stdout', async () => {
    const dir = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    const line = lineOf(join(dir, 'programme.yaml'), 'host: port-exemplr');
    const r = await runMain(['validate', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['ok', 'errors', 'warnings', 'diagnostics']);
    expect(report).toMatchObject({ ok: false, errors: 1 });
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'ref/unknown', file: 'programme.yaml', line, column: 11, path: '/sessions/0/host' }),
    );
  });

  it('--format json of a valid kit is ok: true and exit 0', async () => {
    const r = await runMain(['validate', copyDemoKit(), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  it('`validate [dir]` with no option (run without commander) says and exits exactly what it says through commander', async () => {
    // `--lang fr` changes nothing here (French is the default) but sends the run through commander.
    const broken = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    const empty = tempDir();
    const runs: Array<[string[], string | undefined]> = [
      [['validate', 'demo'], join(broken, '..')],
      [['validate'], broken],
      [['validate', copyDemoKit()], undefined],
      [['validate', join(empty, 'nope')], undefined],
      [['validate', empty], undefined],
    ];
    for (const [args, cwd] of runs) {
      const alone = await runMain(args, { cwd });
      const throughCommander = await runMain([...args, '--lang', 'fr'], { cwd });
      expect(alone, args.join(' ')).toEqual(throughCommander);
    }
    expect((await runMain(['validate', 'demo'], { cwd: join(broken, '..') })).code).toBe(1);
    expect((await runMain(['validate', empty])).code).toBe(2);
    // Two folders is still commander's usage error.
    expect((await runMain(['validate', empty, empty])).code).toBe(2);
  });

  it('a missing path, a folder with no kit in it or above it, and a file that is not a capa.yaml are all usage (exit 2)', async () => {
    const empty = tempDir();
    const r = await runMain(['validate', empty, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`capa: no capa.yaml in “${empty}” or in the folders above it (up to the root of the git repository): give the kit folder, or make a kit with capa init\n(see capa --help)\n`);
    const missing = await runMain(['validate', join(empty, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`capa: le dossier « ${join(empty, 'nope')} » n’existe pas\n(capa --help pour l’aide)\n`);
    const kit = writeKit({ 'capa.yaml': 'capa: 1\n', 'notes.txt': 'x' });
    const notKit = await runMain(['validate', join(kit, 'notes.txt'), '--lang', 'en']);
    expect(notKit.code).toBe(2);
    expect(notKit.stderr).toContain('is neither a folder nor a capa.yaml (give the kit folder or its capa.yaml)');
    // The same for build and templates: the kit is found the same way by every command.
    for (const args of [['build', empty], ['templates', 'list', empty], ['templates', 'eject', '--kit', empty]]) {
      expect((await runMain(args)).code).toBe(2);
    }
  });

  it('takes the kit as its capa.yaml, or finds it from a folder inside it, stopping at the git repository root', async () => {
    const dir = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    const asFile = await runMain(['validate', join(dir, 'capa.yaml'), '--format', 'json']);
    expect(asFile.code).toBe(1);
    expect(JSON.parse(asFile.stdout).diagnostics[0]).toMatchObject({ code: 'ref/unknown', file: 'programme.yaml' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'notes', 'old'), { recursive: true });
    const fromInside = await runMain(['validate'], { cwd: join(dir, 'notes', 'old') });
    expect(fromInside.code).toBe(1);
    expect(fromInside.stderr).toContain(`${join(dir, 'programme.yaml')}:`);
    expect(fromInside.stderr.trimEnd().split('\n').at(-1)).toBe(`✖ ${dir} : 1 erreur`);
    // A folder holding .git is the top of the search: a kit above a repository is not this repository's kit.
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    const inRepo = await runMain(['validate'], { cwd: join(dir, 'repo') });
    expect(inRepo.code).toBe(2);
    expect(inRepo.stderr).toContain('aucun capa.yaml dans « . »');
  });

  it('never writes ANSI colours to a pipe, even with --no-color absent; FORCE_COLOR turns them on unless NO_COLOR or --no-color', async () => {
    const dir = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    expect((await runMain(['validate', dir])).stderr).not.toMatch(ANSI);
    expect((await runMain(['validate', dir], { env: { FORCE_COLOR: '1' } })).stderr).toMatch(ANSI);
    expect((await runMain(['validate', dir], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stderr).not.toMatch(ANSI);
    expect((await runMain(['--no-color', 'validate', dir], { env: { FORCE_COLOR: '1' } })).stderr).not.toMatch(ANSI);
  });

  it('--lang en and CAPA_LANG=en give English messages', async () => {
    const dir = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    for (const r of [await runMain(['validate', dir, '--lang', 'en']), await runMain(['validate', dir], { env: { CAPA_LANG: 'en' } })]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`✖ ${dir}: 1 error`);
      expect(r.stderr).not.toContain('erreur');
    }
    // --lang wins over the environment
    expect((await runMain(['validate', dir, '--lang', 'fr'], { env: { CAPA_LANG: 'en' } })).stderr).toContain(`✖ ${dir} : 1 erreur`);
  });

  it('--strict fails on warnings; --quiet hides them', async () => {
    const dir = demoWith('capa.yaml', 'population: 86000', 'population: 1000');
    const normal = await runMain(['validate', dir, '--lang', 'en']);
    expect(normal.code).toBe(0);
    expect(normal.stderr).toContain('  warning  ');
    expect(normal.stderr).toContain('[method/population-range]');
    expect(normal.stderr.trimEnd().split('\n').at(-1)).toMatch(/^✓ .* is valid \(\d+ warnings?\)$/);
    const quiet = await runMain(['validate', dir, '--lang', 'en', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toMatch(/^✓ .* is valid \(\d+ warnings?\)\n$/);
    const strict = await runMain(['validate', dir, '--strict', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ ok: false, errors: 0 });
  });
});

describe('capa schema', () => {
  it('writes every packaged JSON Schema into --out and lists them', async () => {
    const shipped = readdirSync(join(ROOT, 'schemas')).filter((n) => n.endsWith('.json')).sort();
    expect(shipped.length).toBeGreaterThan(0);
    const cwd = tempDir();
    const r = await runMain(['schema', '--out', 'editor/schemas', '--lang', 'en'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readdirSync(join(cwd, 'editor/schemas')).sort()).toEqual(shipped);
    for (const name of shipped) {
      expect(readFileSync(join(cwd, 'editor/schemas', name), 'utf8')).toBe(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
      expect(r.stdout).toContain(`✓ wrote editor/schemas/${name}\n`);
    }
    expect(r.stdout).toMatch(new RegExp(`\\n${shipped.length} schemas? written to editor/schemas\\n$`));
  });

  it('defaults to ./schemas', async () => {
    const cwd = tempDir();
    const r = await runMain(['schema', '--quiet'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ schémas? écrits? dans schemas\n$/);
    expect(readdirSync(join(cwd, 'schemas')).length).toBeGreaterThan(0);
    expect(basename(cwd)).toMatch(/^capa-cli-/);
  });
});

describe('capa build (end to end)', () => {
  it('writes the agenda and manifest into dist/, and --json lists them with their sha256', async () => {
    const { createHash } = await import('node:crypto');
    const dir = copyDemoKit();
    const r = runCli(['build', dir, '--only', 'agenda', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; outDir: string; files: Array<{ file: string; pages: number; sha256: string }> };
    expect(out.ok).toBe(true);
    expect(out.outDir).toBe(join(dir, 'dist'));
    const agenda = out.files.find((f) => f.file === 'programme.pdf')!;
    expect(agenda.pages).toBeGreaterThan(0);
    const pdf = readFileSync(join(dir, 'dist', 'programme.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(agenda.sha256);
    expect(readdirSync(join(dir, 'dist'))).toContain('manifest.json');
  });

  it('a kit with an error writes nothing and exits 1', async () => {
    const dir = demoWith('programme.yaml', 'host: port-exemple', 'host: port-exemplr');
    const r = await runMain(['build', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[ref/unknown]');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`✖ ${dir}: 1 error — nothing written`);
    expect(readdirSync(dir)).not.toContain('dist');
  });

  it('an unknown --only name exits 2', async () => {
    const r = await runMain(['build', copyDemoKit(), '--only', 'agenda,badge', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown document “badge” (did you mean “badges”?)');
  });
});
