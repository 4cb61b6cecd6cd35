import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontBook, type FontId } from '../../src/layout/fonts/fonts.js';
import { glyphCount, glyphId, xAdvance, xOffset, yOffset } from '../../src/layout/fonts/shapedRun.js';

/** The words of the reference kit's files (French prose, names, times, punctuation), once each. */
function kitWords(): string[] {
  const dir = 'kits/capacities';
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join(' ');
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}

const FACES: FontId[] = ['text', 'text-bold', 'text-italic', 'text-bold-italic', 'fallback', 'fallback-bold', 'fallback-italic', 'fallback-bold-italic'];

describe('FontBook.spaced', () => {
  const words = kitWords();

  it.each(FACES)('gives each word and its space the glyphs and advances of shaping them together (%s)', (face) => {
    expect(words.length).toBeGreaterThan(500);
    const book = new FontBook();
    const whole = new FontBook();
    let reused = 0;
    let kerned = 0;
    for (const word of words) {
      const spaced = book.spaced(word, face);
      const real = whole.shaped(`${word} `, face);
      const n = glyphCount(spaced.run);
      const got: number[][] = [];
      for (let i = 0; i < n; i++) got.push([glyphId(spaced.run, i), xAdvance(spaced.run, i) + (i === n - 1 ? spaced.kern : 0), xOffset(spaced.run, i), yOffset(spaced.run, i)]);
      if (spaced.space) {
        reused++;
        if (spaced.kern || spaced.spaceKern) kerned++;
        got.push([glyphId(spaced.space, 0), xAdvance(spaced.space, 0) + spaced.spaceKern, xOffset(spaced.space, 0), yOffset(spaced.space, 0)]);
      }
      const expected: number[][] = [];
      for (let i = 0; i < glyphCount(real); i++) expected.push([glyphId(real, i), xAdvance(real, i), xOffset(real, i), yOffset(real, i)]);
      expect(got, word).toEqual(expected);
    }
    // The word's own run serves (the point of `spaced`), kerned where the face kerns a glyph with the space.
    expect(reused).toBe(words.length);
    if (face.startsWith('text')) expect(kerned).toBeGreaterThan(0);
  });
});
