import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../src/layout/renderMarkup.js';

/** The ToUnicode CMaps of a PDF: every Flate stream that declares `beginbfrange`, inflated. */
function toUnicodeMaps(pdf: Buffer): string[] {
  const maps: string[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/\/Length (\d+)[^>]*\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const body = pdf.subarray(start, start + Number(m[1]));
    let inflated: string;
    try {
      inflated = inflateSync(body).toString('latin1');
    } catch {
      continue;
    }
    if (inflated.includes('beginbfrange')) maps.push(inflated);
  }
  return maps;
}

describe('ToUnicode of no-break spaces', () => {
  it('gives the space, the no-break space and the narrow no-break space their own entries', async () => {
    // `9 h 30` (no-break spaces, text face), `10 %` (narrow no-break space, drawn by the fallback face), a plain space.
    const r = await renderMarkup({ markup: '<document><p>9\u00A0h\u00A030 et 10\u202F%</p></document>', file: 'test.hbs' });
    expect(r.diagnostics).toEqual([]);
    const entries = toUnicodeMaps(r.pdf!).flatMap((cmap) => [...cmap.matchAll(/<([0-9a-f]{4})>/g)].map((e) => e[1]));
    // Each is its own glyph in both faces, so copied text keeps them apart (readers that copy U+00A0 as a space do so themselves).
    expect(entries).toContain('0020');
    expect(entries).toContain('00a0');
    expect(entries).toContain('202f');
  });
});
