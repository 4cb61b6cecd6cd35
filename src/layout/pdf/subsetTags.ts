import { createHash } from 'node:crypto';
import { embedWithSubsetCache, type EmbeddingFont } from './subsetCache.js';

/**
 * The six-letter tag of a font subset (`ABCDEF+FontName`), from what the subset holds: its font's PostScript name
 * and its glyphs in subset order. Two subsets share a tag only when they are the same subset (barring a 1 in 26⁶
 * collision), in one file or across files, and the same input always gives the same tag, so builds stay
 * byte-identical. The document's name is deliberately not mixed in: identical subsets are the same font program,
 * and a print shop that merges files may rightly share it.
 */
export function subsetTag(postscriptName: string, glyphs: readonly number[]): string {
  const digest = createHash('sha256').update(postscriptName).update('\0').update(glyphs.join(',')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest.readUInt32BE(i * 4) % 26));
  return tag;
}

/** What pdfkit 0.20's `EmbeddedFont` holds that the tag is made from (its private members, checked in tests). */
interface EmbeddedFontLike extends EmbeddingFont {
  id: string;
  font: EmbeddingFont['font'] & { postscriptName?: string };
  embed(): unknown;
}

const isEmbedded = (f: unknown): f is EmbeddedFontLike => {
  const e = f as Partial<EmbeddedFontLike> | null;
  return !!e && typeof e.id === 'string' && typeof e.embed === 'function' && Array.isArray(e.subset?.glyphs) && !!e.font;
};

/**
 * Makes every embedded font of `doc` take its tag from `subsetTag` instead of pdfkit's: pdfkit derives it from
 * the font's resource name (`F3` → `CZZZZZ`), so every file had the same tags for different subsets. Call before
 * `doc.end()`, when the fonts are embedded. pdfkit reads the tag from characters 1–6 of the font's `id` (each
 * plus 17); the id is swapped for the time of `embed()` only, as it also names the font in the page resources.
 * The font programs come from the subset cache when they were made before (see subsetCache.ts).
 */
export function tagSubsets(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, unknown> })._fontFamilies ?? {};
  for (const font of new Set(Object.values(families))) {
    if (!isEmbedded(font)) continue;
    const embed = font.embed.bind(font);
    font.embed = () => {
      const id = font.id;
      const tag = subsetTag(font.font.postscriptName ?? '', font.subset.glyphs);
      font.id = id.charAt(0) + [...tag].map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join('');
      try {
        return embedWithSubsetCache(font, embed);
      } finally {
        font.id = id;
      }
    };
  }
}
