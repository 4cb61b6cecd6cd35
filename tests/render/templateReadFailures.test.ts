import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/createRenderer.js';
import { copyKit, ROOT, tempKit } from '../helpers/tempKit.js';

/**
 * Template and label files the kit cannot give capa: unreadable (permissions), or label files whose aliases
 * do not resolve or would expand without end. Each is a located `template/…` error and exit 1, never an
 * internal error (exit 3).
 *
 * Unreadable files are made for real: root reads any file whatever its mode, so when the tests run as root the
 * CLI runs as the `nobody` user (`setpriv`), on a kit that user owns and can traverse, with the file at mode 000.
 */
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** Run the built CLI as a user that file modes apply to; stdout and stderr together (diagnostics may be on either). */
function runAsUser(args: string[]): { code: number | null; out: string } {
  const bin = path.join(ROOT, 'bin', 'capa.js');
  const cmd = asRoot ? 'setpriv' : process.execPath;
  const argv = asRoot ? ['--reuid=nobody', `--regid=${NOBODY}`, '--clear-groups', process.execPath, bin, ...args] : [bin, ...args];
  const env = { ...process.env, CAPA_LANG: 'en', NO_COLOR: '1', CAPA_CACHE_DIR: '' };
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env, cwd: ROOT });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** Give the kit folder (and the temp folder holding it) to the user the CLI runs as. */
function handOver(dir: string): void {
  if (!asRoot) return;
  chmodSync(path.dirname(dir), 0o755);
  const walk = (p: string) => {
    chownSync(p, NOBODY, NOBODY);
    if (statSync(p).isDirectory()) for (const f of readdirSync(p)) walk(path.join(p, f));
  };
  walk(dir);
}

const demo = path.join(ROOT, 'kits', 'demo');
const agendaMain = readFileSync(path.join(ROOT, 'templates', 'agenda', 'main.hbs'), 'utf8');

describe('unreadable template files are located errors, exit 1', () => {
  it('a forked template the user cannot read (mode 000)', () => {
    const dir = copyKit(demo, { 'templates/agenda/main.hbs': agendaMain }, { folder: 'kit' });
    handOver(dir);
    chmodSync(path.join(dir, 'templates/agenda/main.hbs'), 0o000);
    const r = runAsUser(['build', dir, '--only', 'agenda', '--out', path.join(dir, 'out')]);
    expect(r.out).toContain('templates/agenda/main.hbs:1:1');
    expect(r.out).toContain('Cannot read this file: permission denied (EACCES).');
    expect(r.out).toContain('[template/unreadable]');
    expect(r.out).not.toMatch(/internal error/i);
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('a label file and a templates folder the user cannot read', () => {
    const dir = copyKit(demo, { 'templates/i18n/fr.yaml': 'label:\n  room: Salle\n', 'templates/cards/partials/x.hbs': 'x' }, { folder: 'kit' });
    handOver(dir);
    chmodSync(path.join(dir, 'templates/i18n/fr.yaml'), 0o000);
    chmodSync(path.join(dir, 'templates/cards'), 0o000);
    const r = runAsUser(['build', dir, '--only', 'cards', '--out', path.join(dir, 'out')]);
    chmodSync(path.join(dir, 'templates/cards'), 0o755);
    expect(r.out).toContain('templates/i18n/fr.yaml:1:1');
    expect(r.out).toMatch(/templates\/cards[^\n]*:1:1 +error +Cannot read this (file|templates folder): permission denied \(EACCES\)/);
    expect(r.out).not.toMatch(/internal error/i);
    expect(r.code).toBe(1);
  });
});

describe('aliases in label files', () => {
  const labels = (text: string) => {
    const kitDir = tempKit({ 'templates/i18n/fr.yaml': text });
    return createRenderer({ kitDir, lang: 'fr', messageLang: 'en' }).diagnostics;
  };

  it('an alias bomb is refused at the alias that nests (yaml’s alias cap)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n');
    expect(labels(bomb)).toEqual([
      {
        severity: 'error',
        code: 'template/i18n',
        message: 'Too many nested aliases (“*b”): this label file would expand into an unreasonable amount of data (at most 100 aliases expanded).',
        file: 'templates/i18n/fr.yaml',
        line: 3,
        column: 8,
      },
    ]);
  });

  it('an alias to no anchor is refused at the alias', () => {
    expect(labels('label:\n  room: Salle\n  time: *nope\n')).toEqual([
      {
        severity: 'error',
        code: 'template/i18n',
        message: 'The alias “*nope” refers to no “&” anchor defined above it in this label file.',
        file: 'templates/i18n/fr.yaml',
        line: 3,
        column: 9,
      },
    ]);
  });

  it('fails the real build with exit 1 and nothing written', () => {
    const dir = copyKit(demo, { 'templates/i18n/en.yaml': 'label: *nope\n' }, { folder: 'kit' });
    const out = path.join(dir, 'out');
    const bin = path.join(ROOT, 'bin', 'capa.js');
    const r = spawnSync(process.execPath, [bin, 'build', dir, '--out', out], { encoding: 'utf8', env: { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' } });
    expect(r.stdout + r.stderr).toContain('templates/i18n/en.yaml:1:8');
    expect(r.stdout + r.stderr).toContain('L’alias « *nope » ne renvoie à aucune ancre « & » définie plus haut dans ce fichier de traductions.');
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
