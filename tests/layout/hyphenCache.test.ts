import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { freshDir } from '../helpers/tempKit.js';
import { cacheDirPerTest } from '../helpers/cacheDir.js';

/**
 * Words hyphenated by a build are kept in `CAPA_CACHE_DIR/hyphens` (src/layout/flow/hyphenCache.ts) for the next
 * process. Each test loads the hyphenation module afresh, as a new process would.
 */

const cacheDir = cacheDirPerTest();

/** The hyphenation module as a new process has it. */
async function fresh() {
  vi.resetModules();
  return import('../../src/layout/flow/hyphenate.js');
}
const files = () => {
  const dir = path.join(cacheDir(), 'hyphens');
  return existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f)) : [];
};
const WORDS = ['participation', 'organisatrice', 'bibliothèque'];

describe('Hyphenation cache', () => {
  it('gives a later process the words an earlier one hyphenated, from the file', async () => {
    const first = await fresh();
    const expected = WORDS.map((w) => first.hyphenateWord(w, 'fr'));
    expect(expected[0]).toContain('\u00AD');
    first.saveHyphenation();
    expect(files()).toHaveLength(1);

    const second = await fresh();
    expect(WORDS.map((w) => second.hyphenateWord(w, 'fr'))).toEqual(expected);

    // The file rewritten whole with another (still well-formed) cut: the next process uses it, so it reads the file.
    const { saveHyphens } = await import('../../src/layout/flow/hyphenCache.js');
    const file = files()[0];
    const before = readFileSync(file);
    saveHyphens('fr', `min-word=6 min-fragment=3`, new Map([['participation', 'partici\u00ADpation']]));
    expect(readFileSync(file).equals(before)).toBe(false);
    const third = await fresh();
    expect(third.hyphenateWord('participation', 'fr')).toBe('partici\u00ADpation');
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 5)],
    ['with a byte changed', (b: Buffer) => Buffer.from(b).fill(0x41, b.length - 10, b.length - 9)],
    ['replaced by other bytes', () => Buffer.from('{"not": "ours"}')],
    ['empty', () => Buffer.alloc(0)],
  ])('ignores a file %s and hyphenates again', async (_, damage) => {
    const first = await fresh();
    const expected = WORDS.map((w) => first.hyphenateWord(w, 'fr'));
    first.saveHyphenation();
    for (const f of files()) writeFileSync(f, damage(readFileSync(f)));
    const second = await fresh();
    expect(WORDS.map((w) => second.hyphenateWord(w, 'fr'))).toEqual(expected);
  });

  it('ignores a whole file whose word and hyphenation differ', async () => {
    const first = await fresh();
    const expected = first.hyphenateWord('participation', 'fr');
    first.saveHyphenation();
    const { saveHyphens } = await import('../../src/layout/flow/hyphenCache.js');
    saveHyphens('fr', 'min-word=6 min-fragment=3', new Map([['participation', 'parti\u00ADcipa\u00ADtionX']]));
    const second = await fresh();
    expect(second.hyphenateWord('participation', 'fr')).toBe(expected);
  });

  it('writes nothing when the cache is off', async () => {
    process.env.CAPA_CACHE_DIR = '';
    const m = await fresh();
    expect(m.hyphenateWord('participation', 'fr')).toContain('\u00AD');
    m.saveHyphenation();
    expect(existsSync(path.join(cacheDir(), 'hyphens'))).toBe(false);
  });
});
