import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureMain, copyDemoKit, runCli, runMain } from './cliHelpers.js';

/** Control characters a terminal would act on (tab and newline are text). */
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const PWNED = 'x\u001b]0;PWNED\u0007\u001b[2J\u001b[H';

/** The demo kit with the session's host set to a terminal attack (a YAML double-quoted string with escapes). */
function hostileKit(): string {
  return copyDemoKit({ 'programme.yaml': (t) => t.replace('host: port-exemple', 'host: "x\\e]0;PWNED\\a\\e[2J\\e[H"') });
}

describe('a hostile kit cannot drive the terminal (the real capa process)', () => {
  it('text: the ref/unknown message shows the escape sequences instead of clearing the screen and setting the title', () => {
    const r = runCli(['validate', hostileKit()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(OBEYED);
    expect(r.stderr).toContain('Territoire « x\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[H » n’existe pas');
  });

  it('json, github and gitlab: valid output with the same text, nothing a terminal obeys', () => {
    const dir = hostileKit();
    const json = runCli(['validate', dir, '--format', 'json']);
    expect(json.stdout).not.toMatch(OBEYED);
    expect(JSON.parse(json.stdout).diagnostics[0].message).toContain(PWNED);
    const github = runCli(['validate', dir, '--format', 'github']);
    expect(github.stdout).not.toMatch(OBEYED);
    expect(github.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(github.stdout).toMatch(/^::error file=[^,]*programme\.yaml,line=\d+,col=11,title=ref\/unknown::Territoire « x\\x1b\]0;PWNED/);
    const gitlab = runCli(['build', dir, '--format', 'gitlab']);
    expect(gitlab.code).toBe(1);
    expect(gitlab.stdout).not.toMatch(OBEYED);
    expect(JSON.parse(gitlab.stdout)[0].description).toContain(PWNED);
  });

  it('a file name with control characters is shown escaped too', () => {
    const dir = copyDemoKit({ 'capa.yaml': (t) => t.replace(/include: \[/, 'include: ["evil\\e[2J.yaml", ') });
    const r = runCli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(OBEYED);
    expect(r.stderr).toContain('evil\\x1b[2J.yaml');
  });
});

describe('templates list', () => {
  it('shows the kit’s own template file names with their control characters escaped', async () => {
    const dir = copyDemoKit({ 'templates/agenda/partials/evil\u001b[2J.hbs': '<p/>' });
    const r = await runMain(['templates', 'list', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(OBEYED);
    expect(r.stdout).toContain('evil\\x1b[2J');
  });
});

describe('Node warnings', () => {
  it('never reach the user: a list as a key is capa’s own located diagnostic, with no Node warning', () => {
    const kit = copyDemoKit({ 'capa.yaml': (t) => `${t.trimEnd()}\nlint:\n  rules:\n    [population-range, binome]: off\n` });
    const r = runCli(['validate', kit]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\(node:\d+\)|Warning:|--trace-warnings/);
    expect(r.stderr).toMatch(/capa\.yaml:\d+:5 +erreur +une clé doit être un simple nom .*\[yaml\/complex-key\]/);
  });

  it('are shown with --verbose, marked as Node’s, and hidden without it', async () => {
    const { validateKit } = await import('../../src/check/validateKit.js');
    const warnWhileChecking = async (o: { dir: string; lang?: 'fr' | 'en' }) => {
      process.emitWarning('Keys with collection values will be stringified');
      await new Promise((r) => setImmediate(r));
      return validateKit(o);
    };
    const dir = copyDemoKit();
    const verbose = await captureMain(['validate', dir, '--verbose'], { deps: { validateKit: warnWhileChecking } });
    expect(verbose.stderr).toContain('capa : avertissement de Node (affiché avec --verbose) : Warning: Keys with collection values will be stringified');
    const quiet = await captureMain(['validate', dir], { deps: { validateKit: warnWhileChecking } });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('Keys with collection values');
  });
});

describe('annotations in a repository', () => {
  it('github and gitlab paths are relative to the repository root, whatever folder capa runs in', () => {
    const demo = copyDemoKit({ 'programme.yaml': (t) => t.replace('host: port-exemple', 'host: port-exemplr') });
    const repo = join(demo, '..', 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'kits'));
    renameSync(demo, join(repo, 'kits', 'demo'));
    const fromKit = runCli(['validate', '--format', 'github'], { cwd: join(repo, 'kits', 'demo') });
    expect(fromKit.code).toBe(1);
    expect(fromKit.stdout).toMatch(/^::error file=kits\/demo\/programme\.yaml,line=\d+,col=11,title=ref\/unknown::/);
    const fromRoot = runCli(['validate', 'kits/demo/capa.yaml', '--format', 'gitlab'], { cwd: repo });
    expect(JSON.parse(fromRoot.stdout)[0].location.path).toBe('kits/demo/programme.yaml');
  });
});

describe('build --strict (end to end)', () => {
  it('a kit with only warnings builds, but not under --strict: exit 1, nothing written', () => {
    const dir = copyDemoKit({ 'capa.yaml': (t) => t.replace('population: 86000', 'population: 1000') });
    const strict = runCli(['build', dir, '--strict', '--only', 'calendar', '--lang', 'en']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('[method/population-range]');
    expect(strict.stderr).toMatch(/warnings?, refused under --strict — nothing written\n$/);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    const normal = runCli(['build', dir, '--only', 'programme.ics']);
    expect(normal.code).toBe(0);
    expect(normal.stdout).toMatch(/programme\.ics .*\n✓ 1 document écrit dans /);
    expect(readFileSync(join(dir, 'dist', 'programme.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
  });
});
