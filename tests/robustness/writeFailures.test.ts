import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyKit, ROOT, scratch, snapshot } from './robustnessHelpers.js';

/**
 * Failures of the environment while writing are named errors with exit 1 or 2, never `erreur interne` (3),
 * never a hang, and leave the previous output and the disk as they were: a file-size limit (ulimit -f),
 * a read-only file system, paths under /proc, a file where a folder is expected.
 */
const BIN = path.join(ROOT, 'bin/capa.js');
const env = { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' };
const capa = (args: string[], shell = '') =>
  spawnSync('sh', ['-c', `${shell} exec "$0" "$@"`, process.execPath, BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });

let kit: string;
let before: Record<string, string>;
beforeAll(async () => {
  kit = copyKit();
  expect((await build({ dir: kit })).ok).toBe(true);
  before = snapshot(path.join(kit, 'dist'));
});
const untouched = () => {
  expect(snapshot(path.join(kit, 'dist'))).toEqual(before);
  expect(readdirSync(kit).filter((n) => n.startsWith('.'))).toEqual([]);
};

describe('build', () => {
  it('a file-size limit (ulimit -f, EFBIG): build/file-too-large, exit 1, dist/ intact', () => {
    const run = capa(['build', kit], 'ulimit -f 16;');
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/capa: « .*dist » n’a pas pu être écrit : un fichier dépasse la taille maximale que le système permet à capa \(EFBIG, limite « ulimit -f »\)/);
    expect(run.stderr).toContain('le dossier de sortie précédent est resté tel quel');
    expect(run.stderr).not.toMatch(/erreur interne|\n\s+at /);
    untouched();
  });

  it.each([['/proc/nope'], ['/proc/nope/sous/dossier']])('--out %s: a named error, exit 1, and no hang', (out) => {
    const run = capa(['build', kit, '--out', out]);
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain(`capa: impossible de créer « ${out} » (ENOENT)`);
    untouched();
  });

  it('--out through a file: build/out-not-folder, exit 1, naming the file', () => {
    const file = path.join(scratch(), 'fichier');
    writeFileSync(file, 'x');
    const run = capa(['build', kit, '--out', path.join(file, 'dist')]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain(`capa: « ${file} » existe mais n’est pas un dossier`);
  });

  describe('on a read-only file system', () => {
    const ro = path.join(scratch(), 'ro');
    let mounted = false;
    beforeAll(() => {
      mkdirSync(ro);
      // Mounting needs root (as on this CI); elsewhere /proc above covers an unwritable parent.
      mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]).status === 0;
    });
    afterAll(() => {
      if (mounted) spawnSync('umount', [ro]);
    });

    it.each([['dist'], ['manquant/dist']])('--out <ro>/%s: build/not-writable naming the read-only disk, exit 1', (sub) => {
      if (!mounted) return expect(process.getuid?.()).not.toBe(0);
      const run = capa(['build', kit, '--out', path.join(ro, sub)]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain(`capa: impossible d’écrire dans « ${path.join(ro, sub)} » : le disque est monté en lecture seule (EROFS)`);
    });
  });
});

describe('capa schema --out', () => {
  it('an existing file: a usage error, exit 2, the file kept', () => {
    const file = path.join(scratch(), 'schemas');
    writeFileSync(file, 'à moi');
    for (const out of [file, path.join(file, 'sous')]) {
      const run = capa(['schema', '--out', out]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`capa: « ${file} » existe et n’est pas un dossier : capa schema --out attend un dossier`);
    }
    expect(existsSync(file)).toBe(true);
  });

  it('/proc/nope: schema/not-writable, exit 1, no hang', () => {
    const run = capa(['schema', '--out', '/proc/nope/x']);
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('capa: impossible d’écrire les schémas dans « /proc/nope/x » (ENOENT)');
  });
});
