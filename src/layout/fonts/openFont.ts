import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** fontkit's cache of decoded tables (private in fontkit 2: `_tables`, filled by each table's getter on first use). */
interface TableCache {
  _tables: Record<string, unknown>;
  /** The table directory, decoded when the font is created. */
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _decodeTable(entry: { offset: number; length: number }): Record<string, unknown>;
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
  else {
    tablesByFile.set(file, cache._tables);
    lazyPost(cache, fontBytes(file));
  }
  return font;
}

/** The fields of the `post` table's fixed header, in order, with their byte offset and reader. */
const POST_HEADER: Array<[string, number, (v: DataView, at: number) => number]> = [
  ['version', 0, (v, at) => v.getInt32(at) / 65536],
  ['italicAngle', 4, (v, at) => v.getInt32(at) / 65536],
  ['underlinePosition', 8, (v, at) => v.getInt16(at)],
  ['underlineThickness', 10, (v, at) => v.getInt16(at)],
  ['isFixedPitch', 12, (v, at) => v.getUint32(at)],
  ['minMemType42', 16, (v, at) => v.getUint32(at)],
  ['maxMemType42', 20, (v, at) => v.getUint32(at)],
  ['minMemType1', 24, (v, at) => v.getUint32(at)],
  ['maxMemType1', 28, (v, at) => v.getUint32(at)],
];
/** The rest of a `post` table (glyph names), by version in fontkit's description of it. */
const POST_NAMES = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'];

/**
 * Installs a `post` table whose header is read from the bytes and whose glyph names are decoded only when asked.
 * pdfkit reads one flag of it (`isFixedPitch`) to embed a font, and fontkit, asked for that flag, decodes the
 * names of every glyph (DejaVu Sans has 6,000): that was 10 % of drawing a document. Nothing in capa asks for a
 * glyph name; should anything, the whole table is decoded then, the same object fontkit would have made.
 */
function lazyPost(font: TableCache, bytes: Buffer): void {
  const entry = font.directory.tables.post;
  if (!entry || entry.length < 32 || entry.offset + 32 > bytes.length || 'post' in font._tables) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 32);
  const post: Record<string, unknown> = {};
  for (const [name, at, read] of POST_HEADER) post[name] = read(view, at);
  let full: Record<string, unknown> | undefined;
  for (const name of POST_NAMES) {
    Object.defineProperty(post, name, { enumerable: true, get: () => (full ??= font._decodeTable(entry))[name] });
  }
  font._tables.post = post;
}
