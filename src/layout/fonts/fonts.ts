import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
import { FALLBACK_FONTS } from '../../defaults.js';
import { FAMILIES, inRanges, splitByFamily, type Coverage, type Family } from './fontFallback.js';
import { fontBytes, openFont } from './openFont.js';
import { StoredShapes } from './shapeCache.js';
import { glyphCount, glyphId, runAdvance, Shaper, spaceKerning, type ShapedRun } from './shapedRun.js';

type ScriptFamily = (typeof FALLBACK_FONTS)[number]['family'];

/**
 * A face of the text family, of its fallback family (DejaVu) or of a script font, named the same in the model and
 * the renderer. Script fonts have a regular and a bold face (italic text uses them upright).
 */
export type FontId =
  | 'text' | 'text-bold' | 'text-italic' | 'text-bold-italic'
  | 'fallback' | 'fallback-bold' | 'fallback-italic' | 'fallback-bold-italic'
  | ScriptFamily | `${ScriptFamily}-bold`;

export interface InlineStyle {
  bold: boolean;
  italic: boolean;
}

const require = createRequire(import.meta.url);
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const atkinson = dirname(require.resolve('@expo-google-fonts/atkinson-hyperlegible-next/package.json'));
const dejavu = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The files of the script fonts, by face: resolved here, opened only when a text needs them. */
function scriptFiles(): Record<ScriptFamily | `${ScriptFamily}-bold`, string> {
  const files = {} as Record<ScriptFamily | `${ScriptFamily}-bold`, string>;
  for (const f of FALLBACK_FONTS) {
    let dir: string;
    try {
      dir = dirname(require.resolve(`${f.package}/package.json`));
    } catch {
      // A package missing from a partial install: its files are then reported by `missingFontFiles`, not a crash.
      dir = f.package;
    }
    files[f.family] = join(dir, f.regular);
    files[`${f.family}-bold`] = join(dir, f.bold);
  }
  return files;
}

/** TTF files (TTF, not WOFF: WOFF was several times slower to embed): Atkinson Hyperlegible Next for text, DejaVu Sans for glyphs it lacks, then script fonts. */
export const FONT_FILES: Record<FontId, string> = {
  text: join(atkinson, '400Regular/AtkinsonHyperlegibleNext_400Regular.ttf'),
  'text-bold': join(atkinson, '700Bold/AtkinsonHyperlegibleNext_700Bold.ttf'),
  'text-italic': join(atkinson, '400Regular_Italic/AtkinsonHyperlegibleNext_400Regular_Italic.ttf'),
  'text-bold-italic': join(atkinson, '700Bold_Italic/AtkinsonHyperlegibleNext_700Bold_Italic.ttf'),
  fallback: join(dejavu, 'DejaVuSans.ttf'),
  'fallback-bold': join(dejavu, 'DejaVuSans-Bold.ttf'),
  'fallback-italic': join(dejavu, 'DejaVuSans-Oblique.ttf'),
  'fallback-bold-italic': join(dejavu, 'DejaVuSans-BoldOblique.ttf'),
  ...scriptFiles(),
};

/**
 * Font files of the install that cannot be read (a broken or partial install): checked once before
 * a build so that the user gets one clear message instead of a crash deep inside the renderer.
 */
export function missingFontFiles(): string[] {
  return [...new Set(Object.values(FONT_FILES))].filter((file) => {
    try {
      accessSync(file, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** Script families with a bold face of their own (emoji have one weight: bold emoji are the regular face, embedded once). */
const HAS_BOLD = new Set<Family>(FALLBACK_FONTS.filter((f) => f.bold !== f.regular).map((f) => f.family));

/** The face of `family` for a style: script fonts have no italic, emoji no bold. */
export function faceFor(style: InlineStyle, family: Family): FontId {
  if (family === 'text' || family === 'fallback') {
    const suffix = style.bold && style.italic ? '-bold-italic' : style.bold ? '-bold' : style.italic ? '-italic' : '';
    return (family + suffix) as FontId;
  }
  return (style.bold && HAS_BOLD.has(family) ? `${family}-bold` : family) as FontId;
}

/** A face of a script font (not of the text family or of DejaVu). */
export function isScriptFace(font: FontId): boolean {
  return !font.startsWith('text') && !font.startsWith('fallback');
}

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

/**
 * Font metrics for layout, loaded once per process. Each (string, face) is shaped once with fontkit the way pdfkit
 * shapes a word (default features): the layout takes its width (at 1 pt, since width scales with size) and the
 * renderer draws its glyphs (see drawGlyphs.ts), so no text is shaped twice.
 */
export class FontBook implements Coverage {
  private readonly fonts = new Map<FontId, Font>();
  private readonly shapers = new Map<FontId, Shaper>();
  private readonly runs = new Map<FontId, Map<string, ShapedRun>>();
  /** Runs of earlier processes (see shapeCache.ts), per face; faces that shaped something new are `dirty`. */
  private readonly stores = new Map<FontId, StoredShapes | undefined>();
  private readonly dirty = new Set<FontId>();
  /** Per face, the kerning of (glyph, space) pairs by glyph, or null when the face's space does more than kern. */
  private readonly spaceKerns = new Map<FontId, Map<number, [number, number]> | null>();
  private readonly coverage = new Map<number, number>();
  private readonly reordering = new Map<FontId, Map<string, boolean>>();
  /** Per style (regular, italic, bold, bold italic): keying by the text alone avoids building a key string per lookup. */
  private readonly segmentCache = [new Map<string, FontSegment[]>(), new Map<string, FontSegment[]>(), new Map<string, FontSegment[]>(), new Map<string, FontSegment[]>()];

  private font(id: FontId): Font {
    let f = this.fonts.get(id);
    if (!f) {
      // Opened like the documents' fonts: the tables decoded while measuring serve every document drawn after.
      f = openFont(FONT_FILES[id]);
      this.fonts.set(id, f);
    }
    return f;
  }

  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontId, size: number): number {
    return this.perPoint(text, font) * size;
  }

  private perPoint(text: string, font: FontId): number {
    return runAdvance(this.shaped(text, font)) / this.font(font).unitsPerEm;
  }

  /** `text` shaped in `font` (once per process; do not mutate). */
  shaped(text: string, font: FontId): ShapedRun {
    let cache = this.runs.get(font);
    if (!cache) {
      cache = new Map();
      this.runs.set(font, cache);
    }
    let run = cache.get(text);
    if (!run) {
      const shaper = this.shaper(font);
      run = this.stores.get(font)?.get(text);
      if (!run) {
        run = shaper.shape(text);
        this.dirty.add(font);
      }
      cache.set(text, run);
    }
    return run;
  }

  /** Keeps the texts shaped by this process in capa's cache folder, for the next run (nothing when none is new). */
  saveShapes(): void {
    for (const font of this.dirty) this.stores.get(font)?.save(this.runs.get(font)!, this.shaper(font).advanceWidths);
    this.dirty.clear();
  }

  /**
   * `text + ' '` shaped, as pdfkit shapes a word followed by a space. In the text and fallback faces the space only
   * kerns with the glyph before it (Atkinson Hyperlegible Next kerns "r "), so the word's run is reused with that
   * pair's kerning, learnt from one real shaping per glyph ending a word: drawing then shapes a few dozen words
   * instead of every word again. Should a face's space ever do more than kern, its words are shaped whole.
   */
  spaced(text: string, font: FontId): SpacedWord {
    let kerns = this.spaceKerns.get(font);
    if (kerns === undefined) {
      kerns = isScriptFace(font) ? null : new Map();
      this.spaceKerns.set(font, kerns);
    }
    const c = text.charCodeAt(text.length - 1);
    if (kerns && text.length > 0 && c !== 32 && c !== 9) {
      const run = this.shaped(text, font);
      const space = this.shaped(' ', font);
      const last = glyphCount(run) > 0 ? glyphId(run, glyphCount(run) - 1) : -1;
      let k = kerns.get(last);
      if (!k && last >= 0) {
        k = spaceKerning(run, space, this.shaped(`${text} `, font));
        if (k) kerns.set(last, k);
        else this.spaceKerns.set(font, null);
      }
      if (k) return { run, kern: k[0], space, spaceKern: k[1] };
    }
    return { run: this.shaped(`${text} `, font), kern: 0, spaceKern: 0 };
  }

  /** Advance width in font units of a glyph of a run shaped in `font`. */
  glyphWidth(font: FontId, id: number): number {
    return this.shaper(font).advanceWidths.get(id)!;
  }

  private shaper(font: FontId): Shaper {
    let s = this.shapers.get(font);
    if (!s) {
      s = new Shaper(this.font(font));
      this.shapers.set(font, s);
      const store = StoredShapes.open(font, fontBytes(FONT_FILES[font]));
      this.stores.set(font, store);
      if (store) for (const [id, w] of store.widths) s.advanceWidths.set(id, w);
    }
    return s;
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
    let cache = this.reordering.get(font);
    if (!cache) {
      cache = new Map();
      this.reordering.set(font, cache);
    }
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
