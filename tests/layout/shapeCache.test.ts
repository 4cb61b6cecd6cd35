import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontBook, type FontId } from '../../src/layout/fonts/fonts.js';
import { copyKit, freshDir, ROOT } from '../helpers/tempKit.js';
import { cacheDirPerTest } from '../helpers/cacheDir.js';

const cacheDir = cacheDirPerTest();
const shapeFiles = () => {
  const dir = path.join(cacheDir(), 'shapes');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.bin')).map((n) => path.join(dir, n)) : [];
};


const TEXTS: Array<[string, FontId]> = [
  ['Fournisseur', 'text'],
  ['Animateur ', 'text-bold'],
  ['→', 'fallback'],
  ['किताब', 'devanagari'],
];

/** Each text shaped by `book`, as plain arrays (a run from the cache is a view on the file's data). */
const shapedBy = (book: FontBook) => TEXTS.map(([text, face]) => Array.from(book.shaped(text, face)));

describe('Shaping cache', () => {
  it('gives a later font book (a later process) the runs an earlier one shaped, from the files', () => {
    const first = new FontBook();
    const expected = shapedBy(first);
    first.saveShapes();
    expect(shapeFiles()).toHaveLength(TEXTS.length);

    const second = new FontBook();
    const runs = TEXTS.map(([text, face]) => second.shaped(text, face));
    expect(runs.map((r) => Array.from(r))).toEqual(expected);
    // Read, not shaped again: each run is a view on the data of its face's file.
    for (const run of runs) expect(run.buffer.byteLength).toBeGreaterThan(run.byteLength);
    // Nothing new: the files are left as they are.
    const before = shapeFiles().map((f) => readFileSync(f));
    second.saveShapes();
    expect(shapeFiles().map((f) => readFileSync(f))).toEqual(before);
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 7)],
    ['with a byte changed', (b: Buffer) => Buffer.from(b).fill(b[b.length - 40] ^ 0xff, b.length - 40, b.length - 39)],
    ['replaced by other bytes', () => Buffer.from('not a cache file')],
    ['empty', () => Buffer.alloc(0)],
  ])('ignores a file %s and shapes again', (_, damage) => {
    const first = new FontBook();
    const expected = shapedBy(first);
    first.saveShapes();
    for (const f of shapeFiles()) writeFileSync(f, damage(readFileSync(f)));

    const second = new FontBook();
    const runs = TEXTS.map(([text, face]) => second.shaped(text, face));
    expect(runs.map((r) => Array.from(r))).toEqual(expected);
    for (const run of runs) expect(run.buffer.byteLength).toBe(run.byteLength);
    // The damaged files are replaced by whole ones.
    second.saveShapes();
    const third = new FontBook();
    for (const [text, face] of TEXTS) expect(third.shaped(text, face).buffer.byteLength).toBeGreaterThan(third.shaped(text, face).byteLength);
  });

  it('builds the same bytes with no cache, with the cache it filled, and with a damaged one', () => {
    const kit = copyKit(path.join(ROOT, 'kits/demo'));
    const out = freshDir();
    const build = (n: number) => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/capa.js'), 'build', kit, '--out', path.join(out, String(n)), '--only', 'carnet,cards', '--quiet'], {
        encoding: 'utf8',
        env: { ...process.env, CAPA_CACHE_DIR: cacheDir() },
      });
      expect(run.status, run.stderr).toBe(0);
      return ['carnet.pdf', 'defis.pdf'].map((f) => readFileSync(path.join(out, String(n), f)));
    };
    const cold = build(1);
    expect(shapeFiles().length).toBeGreaterThan(0);
    expect(build(2)).toEqual(cold);
    for (const f of shapeFiles()) writeFileSync(f, readFileSync(f).subarray(0, 100));
    expect(build(3)).toEqual(cold);
  });
});
