import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** fontkit's cache of decoded tables (private in fontkit 2: `_tables`, filled by each table's getter on first use). */
interface TableCache {
  _tables: Record<string, unknown>;
}

/** Per font file, the decoded tables shared by every font opened from it. */
const tablesByFile = new Map<string, Record<string, unknown>>();
/** Per font file, its bytes: read once per process (fontkit only reads them). */
const bytesByFile = new Map<string, Buffer>();

/** The bytes of a font file, read once per process. */
export function fontBytes(file: string): Buffer {
  let bytes = bytesByFile.get(file);
  if (!bytes) {
    bytes = readFileSync(file);
    bytesByFile.set(file, bytes);
  }
  return bytes;
}

/**
 * A fresh fontkit font of `file` that reuses the tables (cmap, GSUB, GPOS, hmtx, post…) already decoded by the
 * fonts opened here before it: decoding them is most of the cost of opening a font, and a build measures text with
 * the layout's font book and then draws several documents with the same faces (each pdfkit document needs its own
 * font object).
 *
 * Font objects themselves must not be shared between documents: fontkit caches each glyph with the code points
 * of the first text that produced it, and pdfkit builds the ToUnicode map (text extraction) from those, so a
 * shared font would make a document's text depend on the documents drawn before it. Decoded tables hold no such
 * state: they are data read from the file, and parts decoded lazily are cached the same whoever asks first.
 */
export function openFont(file: string): fontkit.Font {
  const font = fontkit.create(fontBytes(file));
  const cache = font as unknown as TableCache;
  const shared = tablesByFile.get(file);
  if (shared) cache._tables = shared;
  else tablesByFile.set(file, cache._tables);
  return font;
}
