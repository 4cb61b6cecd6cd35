import type { FontBook, FontId } from '../fonts/fonts.js';
import { glyphCount, glyphId, hasOffsets, replayGlyphCalls, xAdvance, xOffset, yOffset, type ShapedRun } from '../fonts/shapedRun.js';

/** pdfkit 0.20's embedded font: the fields its `_fragment` and `EmbeddedFont.encode` use. */
interface EmbeddedFont {
  id: string;
  /** 1000 / unitsPerEm: pdfkit works in thousandths of an em. */
  scale: number;
  ascender: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface PdfkitInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string | Uint8Array): unknown;
}

/**
 * pdfkit's number format (`PDFObject.number`: `String(Math.round(n * 1e6) / 1e6)`), written from the integer
 * count of millionths: the same text (checked against pdfkit's over millions of values in tests), three times
 * faster than turning the double into a string, and each text drawn writes at least four.
 */
export function num(n: number): string {
  const r = Math.round(n * 1e6);
  // Past 10⁹ points, or NaN: pdfkit's own way (never met in a page).
  if (!(r > -1e15 && r < 1e15)) return String(r / 1e6);
  if (r === 0) return '0';
  const a = r < 0 ? -r : r;
  const whole = Math.floor(a / 1e6);
  let frac = a - whole * 1e6;
  const int = r < 0 ? `-${whole}` : `${whole}`;
  if (frac === 0) return int;
  let digits = 6;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  const f = `${frac}`;
  return `${int}.${f.length < digits ? '00000'.slice(0, digits - f.length) : ''}${f}`;
}

/** A line of text encoded for one document's font: glyphs as hex of their subset ids, positions in thousandths of an em. */
interface Glyphs {
  hex: string[];
  xAdvance: number[];
  advanceWidth: number[];
  xOffset: number[];
  yOffset: number[];
  offsets: boolean;
}

/** A line without glyph offsets is kept as its TJ operators: they then do not depend on where or how large the text is. */
type Encoded = { offsets: false; tj: string } | (Glyphs & { offsets: true });

/** What a document's font holds beyond pdfkit's own state. */
interface FaceState {
  /** fontkit's glyph cache as the document's font would have it: code points of the call that first made each glyph. */
  made: Map<number, number[]>;
  /** Hex of each glyph's id in the subset. */
  hex: Map<number, string>;
  lines: Map<string, Encoded>;
}

/**
 * Writes text from the glyphs the font book shaped for the layout, with the content-stream operators pdfkit 0.20's
 * `doc.text(text, x, y, { lineBreak: false })` writes (`_fragment`): the same BT, Tm, Tf, TJ with the same kerning
 * adjustments, and the same subset, widths and ToUnicode map in pdfkit's font object, which still embeds the font.
 * pdfkit would shape every word again for each document, through its per-word machinery, for each text box.
 */
export class GlyphWriter {
  private readonly faces = new Map<EmbeddedFont, FaceState>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly book: FontBook,
  ) {}

  /**
   * Writes `text` in face `face` (the document's current font, at its current size) with the top of the em box
   * at `y`, as `doc.text` places it. A text with a line feed is handed to pdfkit (capa's boxes have none).
   */
  text(text: string, face: FontId, x: number, y: number): void {
    if (text.length === 0) return;
    if (text.includes('\n')) {
      this.doc.text(text, x, y, { lineBreak: false });
      return;
    }
    const doc = this.doc as unknown as PdfkitInternals;
    const font = doc._font;
    const size = doc._fontSize;
    const page = doc.page;
    const line = this.encode(font, face, text);
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    // pdfkit flips the y axis for the text, then places it by the top of the em box.
    const top = page.height - y - (font.ascender / 1000) * size;
    const tj = line.offsets ? positioned(line, x, top, size / 1000) : line.tj;
    // As bytes, with the line feed pdfkit appends to a string: pdfkit turns a string into bytes one character at a
    // time in JavaScript, Buffer.from does it natively (the operators are ASCII, so Latin-1 is byte for byte).
    doc.addContent(Buffer.from(`q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(top)} Tm\n/${font.id} ${num(size)} Tf\n${tj}ET\nQ\n`, 'latin1'));
  }

  private encode(font: EmbeddedFont, face: FontId, text: string): Encoded {
    let state = this.faces.get(font);
    if (!state) {
      // pdfkit's EmbeddedFont asks its font for glyph 0 with no code points when it is made.
      state = { made: new Map([[0, []]]), hex: new Map(), lines: new Map() };
      this.faces.set(font, state);
    }
    let line = state.lines.get(text);
    if (line) return line;
    // Most lines have no glyph offsets: their operators are written as the glyphs come. A line with offsets (marks
    // of a script) is encoded again glyph by glyph; what the first pass did to the font is done again the same way.
    line = this.encodeFlat(font, face, text, state) ?? this.encodeGlyphs(font, face, text, state);
    state.lines.set(text, line);
    return line;
  }

  /** pdfkit lays text out word by word, a word keeping the space or tab that ends it: `each` gets each run, in order. */
  private words(face: FontId, text: string, made: Map<number, number[]>, each: (run: ShapedRun, kern: number) => boolean): void {
    for (let start = 0, i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && i < text.length - 1) continue;
      if (c === 32 && i > start) {
        const word = this.book.spaced(text.slice(start, i), face);
        replayGlyphCalls(word.run, made);
        if (word.space) replayGlyphCalls(word.space, made);
        if (!each(word.run, word.kern)) return;
        if (word.space && !each(word.space, word.spaceKern)) return;
      } else {
        const run = this.book.shaped(text.slice(start, i + 1), face);
        replayGlyphCalls(run, made);
        if (!each(run, 0)) return;
      }
      start = i + 1;
    }
  }

  /**
   * The TJ operators of a line without glyph offsets, as `positioned` writes them (a segment ends at each glyph
   * whose advance differs from its width), or undefined when a run has offsets.
   */
  private encodeFlat(font: EmbeddedFont, face: FontId, text: string, state: FaceState): Encoded | undefined {
    const scale = font.scale;
    let commands = '';
    let segment = '';
    let flat = true;
    this.words(face, text, state.made, (run, kern) => {
      if (hasOffsets(run)) return (flat = false);
      const n = glyphCount(run);
      for (let i = 0; i < n; i++) {
        const id = glyphId(run, i);
        const width = this.book.glyphWidth(face, id) * scale;
        segment += this.hexOf(id, width, font, state);
        const advance = (i === n - 1 ? xAdvance(run, i) + kern : xAdvance(run, i)) * scale - width;
        if (advance !== 0) {
          commands += `${commands ? ' ' : ''}<${segment}> ${num(-advance)}`;
          segment = '';
        }
      }
      return true;
    });
    if (!flat) return undefined;
    if (segment) commands += `${commands ? ' ' : ''}<${segment}> 0`;
    return { offsets: false, tj: commands ? `[${commands}] TJ\n` : '' };
  }

  /** A line glyph by glyph, with each glyph's advance and offsets (see `positioned`). */
  private encodeGlyphs(font: EmbeddedFont, face: FontId, text: string, state: FaceState): Encoded {
    const line: Glyphs = { hex: [], xAdvance: [], advanceWidth: [], xOffset: [], yOffset: [], offsets: false };
    this.words(face, text, state.made, (run, kern) => {
      this.add(line, run, font, face, state, kern);
      return true;
    });
    return line.offsets ? { ...line, offsets: true } : { offsets: false, tj: positioned(line, 0, 0, 0) };
  }

  /** The hex of glyph `id` in the document's subset; a glyph met first joins the subset with its width and code points. */
  private hexOf(id: number, width: number, font: EmbeddedFont, state: FaceState): string {
    let hex = state.hex.get(id);
    if (hex === undefined) {
      const gid = font.subset.includeGlyph(id);
      hex = `0000${gid.toString(16)}`.slice(-4);
      state.hex.set(id, hex);
      if (font.widths[gid] == null) font.widths[gid] = width;
      if (font.unicode[gid] == null) font.unicode[gid] = state.made.get(id) ?? [];
    }
    return hex;
  }

  /**
   * `EmbeddedFont.encode` for one word: its glyphs join the subset, with their widths and code points. `kern`
   * (font units) is added to the last glyph's advance (see `FontBook.spaced`).
   */
  private add(line: Glyphs, run: ShapedRun, font: EmbeddedFont, face: FontId, state: FaceState, kern: number): void {
    const scale = font.scale;
    const n = glyphCount(run);
    for (let i = 0; i < n; i++) {
      const id = glyphId(run, i);
      const width = this.book.glyphWidth(face, id) * scale;
      line.hex.push(this.hexOf(id, width, font, state));
      line.xAdvance.push((i === n - 1 ? xAdvance(run, i) + kern : xAdvance(run, i)) * scale);
      line.advanceWidth.push(width);
      line.xOffset.push(xOffset(run, i) * scale);
      line.yOffset.push(yOffset(run, i) * scale);
    }
    if (hasOffsets(run)) line.offsets = true;
  }
}

/** The TJ (and Tm) operators of `_fragment` for a line starting at x, y (PDF space) at `scale` (size / 1000). */
function positioned(line: Glyphs, x: number, y: number, scale: number): string {
  let out = '';
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const advance = line.xAdvance[cur - 1] - line.advanceWidth[cur - 1];
      commands.push(`<${line.hex.slice(last, cur).join('')}> ${num(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      out += `[${commands.join(' ')}] TJ\n`;
      commands.length = 0;
    }
  };
  const n = line.hex.length;
  for (let i = 0; i < n; i++) {
    const dx = line.xOffset[i];
    const dy = line.yOffset[i];
    if (dx || dy) {
      flush(i);
      out += `1 0 0 1 ${num(x + dx * scale)} ${num(y + dy * scale)} Tm\n`;
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        out += `1 0 0 1 ${num(x)} ${num(y)} Tm\n`;
        hadOffset = false;
      }
      if (line.xAdvance[i] - line.advanceWidth[i] !== 0) addSegment(i + 1);
    }
    x += line.xAdvance[i] * scale;
  }
  flush(n);
  return out;
}
