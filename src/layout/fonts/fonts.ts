import type { Font } from 'fontkit';
import { FAMILIES, inRanges, splitByFamily, type Coverage, type Family } from './fontFallback.js';
import { FONT_FILES, faceFor, isScriptFace, type FontId, type InlineStyle } from './fontFiles.js';
import { fontBytes, openFont } from './openFont.js';
import { StoredShapes } from './shapeCache.js';
import { glyphCount, glyphId, runAdvance, Shaper, spaceKerning, type ShapedRun } from './shapedRun.js';

export { FONT_FILES, faceFor, isScriptFace, missingFontFiles, type FontId, type InlineStyle } from './fontFiles.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A word and the space after it, as shaped together: `run`, then `space` if given, with the pair's kerning. */
export interface SpacedWord {
  run: ShapedRun;
  /** Added to the advance of the last glyph of `run`. */
  kern: number;
  space?: ShapedRun;
  /** Added to the advance of the space. */
  spaceKern: number;
}

export interface FontSegment {
  text: string;
  font: FontId;
  /** Width per point of size (`width(text, font, size)` is `perPoint * size`), kept here to save a second lookup. */
  perPoint: number;
}

/** What the book holds for one face, made when the face is first used. */
interface Face {
  font: Font;
  /** Read once: fontkit's getter goes through its table cache at each call. */
  unitsPerEm: number;
  /** The shaper and the runs of earlier processes (see shapeCache.ts), made when the face first shapes. */
  shaper?: Shaper;
  store?: StoredShapes;
  /** Texts shaped in this face (do not mutate); `dirty` when some were shaped by this process. */
  runs: Map<string, ShapedRun>;
  dirty: boolean;
  /** The kerning of (glyph, space) pairs by glyph, or null when the face's space does more than kern. */
  spaceKerns: Map<number, [number, number]> | null;
  reordering: Map<string, boolean>;
}

/**
 * Font metrics for layout, loaded once per process. Each (string, face) is shaped once with fontkit the way pdfkit
 * shapes a word (default features): the layout takes its width (at 1 pt, since width scales with size) and the
 * renderer draws its glyphs (see drawGlyphs.ts), so no text is shaped twice.
 */
export class FontBook implements Coverage {
  private readonly faces = new Map<FontId, Face>();
  private readonly coverage = new Map<number, number>();
  /** Per style (regular, italic, bold, bold italic): keying by the text alone avoids building a key string per lookup. */
  private readonly segmentCache = [new Map<string, FontSegment[]>(), new Map<string, FontSegment[]>(), new Map<string, FontSegment[]>(), new Map<string, FontSegment[]>()];

  private face(id: FontId): Face {
    let face = this.faces.get(id);
    if (!face) {
      // Opened like the documents' fonts: the tables decoded while measuring serve every document drawn after.
      const font = openFont(FONT_FILES[id]);
      face = { font, unitsPerEm: font.unitsPerEm, runs: new Map(), dirty: false, spaceKerns: isScriptFace(id) ? null : new Map(), reordering: new Map() };
      this.faces.set(id, face);
    }
    return face;
  }

  private font(id: FontId): Font {
    return this.face(id).font;
  }

  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontId, size: number): number {
    return this.perPoint(text, font) * size;
  }

  private perPoint(text: string, font: FontId): number {
    return runAdvance(this.shaped(text, font)) / this.face(font).unitsPerEm;
  }

  /** `text` shaped in `font` (once per process; do not mutate). */
  shaped(text: string, font: FontId): ShapedRun {
    const face = this.face(font);
    let run = face.runs.get(text);
    if (!run) {
      const shaper = this.shaper(font, face);
      run = face.store?.get(text);
      if (!run) {
        run = shaper.shape(text);
        face.dirty = true;
      }
      face.runs.set(text, run);
    }
    return run;
  }

  /** Keeps the texts shaped by this process in capa's cache folder, for the next run (nothing when none is new). */
  saveShapes(): void {
    for (const face of this.faces.values()) {
      if (face.dirty && face.shaper) face.store?.save(face.runs, face.shaper.advanceWidths);
      face.dirty = false;
    }
  }

  /**
   * `text + ' '` shaped, as pdfkit shapes a word followed by a space. In the text and fallback faces the space only
   * kerns with the glyph before it (Atkinson Hyperlegible Next kerns "r "), so the word's run is reused with that
   * pair's kerning, learnt from one real shaping per glyph ending a word: drawing then shapes a few dozen words
   * instead of every word again. Should a face's space ever do more than kern, its words are shaped whole.
   */
  spaced(text: string, font: FontId): SpacedWord {
    const face = this.face(font);
    const kerns = face.spaceKerns;
    const c = text.charCodeAt(text.length - 1);
    if (kerns && text.length > 0 && c !== 32 && c !== 9) {
      const run = this.shaped(text, font);
      const space = this.shaped(' ', font);
      const last = glyphCount(run) > 0 ? glyphId(run, glyphCount(run) - 1) : -1;
      let k = kerns.get(last);
      if (!k && last >= 0) {
        k = spaceKerning(run, space, this.shaped(`${text} `, font));
        if (k) kerns.set(last, k);
        else face.spaceKerns = null;
      }
      if (k) return { run, kern: k[0], space, spaceKern: k[1] };
    }
    return { run: this.shaped(`${text} `, font), kern: 0, spaceKern: 0 };
  }

  /** Advance width in font units of a glyph of a run shaped in `font`. */
  glyphWidth(font: FontId, id: number): number {
    return this.shaper(font, this.face(font)).advanceWidths.get(id)!;
  }

  private shaper(id: FontId, face: Face): Shaper {
    if (!face.shaper) {
      face.shaper = new Shaper(face.font);
      face.store = StoredShapes.open(id, fontBytes(FONT_FILES[id]));
      if (face.store) for (const [glyph, w] of face.store.widths) face.shaper.advanceWidths.set(glyph, w);
    }
    return face.shaper;
  }

  /** The outlines of `text` set in `font` at 1 unit per em, as SVG path data with the baseline at y = 0, y up. */
  outline(text: string, font: FontId): string {
    const f = this.font(font);
    let x = 0;
    let d = '';
    const run = f.layout(text);
    run.glyphs.forEach((g, i) => {
      const path = g.path.scale(1 / f.unitsPerEm).translate(x, 0);
      d += path.toSVG();
      x += run.positions[i].xAdvance / f.unitsPerEm;
    });
    return d;
  }

  /** Distance from the top of the em box to the baseline, per point of size. */
  ascender(font: FontId): number {
    const f = this.font(font);
    return f.ascent / f.unitsPerEm;
  }

  /**
   * The first family (index in `FAMILIES`) with a glyph for `cp`, or -1 when none has one. A script font is opened
   * only for a character in its ranges that the faces before it lack: Latin text never reads those files.
   */
  familyOf(cp: number): number {
    let r = this.coverage.get(cp);
    if (r === undefined) {
      r = -1;
      // All faces of a family share one character set; checking the regular face is enough.
      for (let i = 0; i < FAMILIES.length && r < 0; i++) if (inRanges(i, cp) && this.has(i, cp)) r = i;
      this.coverage.set(cp, r);
    }
    return r;
  }

  /** Whether family `family` (index in `FAMILIES`) has a glyph for `cp`. */
  has(family: number, cp: number): boolean {
    return this.font(FAMILIES[family]).hasGlyphForCodePoint(cp);
  }

  /** True when some font of capa draws `cp`; otherwise it prints as an empty box and is lost from the text layer. */
  draws(cp: number): boolean {
    return cp <= 0x7e || this.familyOf(cp) >= 0;
  }

  /** Splits `text` into runs of one face each, by glyph coverage (cached; do not mutate). */
  segments(text: string, style: InlineStyle): FontSegment[] {
    const cache = this.segmentCache[(style.bold ? 2 : 0) + (style.italic ? 1 : 0)];
    let out = cache.get(text);
    if (!out) {
      // Segments are slices of `text` (all of it, the usual case, is `text` itself): no string is rebuilt per character.
      out = splitByFamily(text, this).map((s) => {
        const piece = s.start === 0 && s.end === text.length ? text : text.slice(s.start, s.end);
        return this.segment(piece, this.faceWithGlyphs(piece, style, FAMILIES[s.family]));
      });
      cache.set(text, out);
    }
    return out;
  }

  /**
   * The face of `family` for `style`, upright when the italic face lacks a glyph of `text`: DejaVu Sans Oblique has
   * no Arabic, which would print as empty boxes in italics. Family coverage is judged on the regular face.
   */
  private faceWithGlyphs(text: string, style: InlineStyle, family: Family): FontId {
    const face = faceFor(style, family);
    if (!style.italic || isScriptFace(face)) return face;
    const italic = this.font(face);
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x7e && !italic.hasGlyphForCodePoint(cp) && this.font(faceFor({ ...style, italic: false }, family)).hasGlyphForCodePoint(cp)) {
        return faceFor({ ...style, italic: false }, family);
      }
    }
    return face;
  }

  /**
   * Whether the glyphs of `text` in `font` do not give back its characters in order: Devanagari draws the short i
   * before the consonant it follows, a monochrome emoji font drops skin tones. Text extraction reads glyphs, so
   * such text needs its characters spelled out (`ActualText`). Only script fonts are asked (cached per text).
   */
  reorders(text: string, font: FontId): boolean {
    const cache = this.face(font).reordering;
    let r = cache.get(text);
    if (r === undefined) {
      const drawn = this.font(font).layout(text).glyphs.flatMap((g) => g.codePoints);
      const written = [...text].map((c) => c.codePointAt(0)!);
      r = drawn.length !== written.length || drawn.some((cp, i) => cp !== written[i]);
      cache.set(text, r);
    }
    return r;
  }

  /**
   * The pieces an over-wide word of this face may be cut between: grapheme clusters in a script font (a Devanagari
   * vowel sign or a Thai mark stays with its consonant, an emoji sequence stays whole), code points elsewhere.
   */
  cuttable(text: string, font: FontId): Iterable<string> {
    return isScriptFace(font) ? Array.from(graphemes.segment(text), (s) => s.segment) : text;
  }

  private segment(text: string, font: FontId): FontSegment {
    return { text, font, perPoint: this.perPoint(text, font) };
  }
}

let shared: FontBook | undefined;

/** The process-wide font book: fonts are opened once and measurements reused across documents. */
export function fontBook(): FontBook {
  shared ??= new FontBook();
  return shared;
}
