import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
import { openFont } from './openFont.js';

/** A face of the text family or of the fallback family, named the same in the model and the renderer. */
export type FontId = 'text' | 'text-bold' | 'text-italic' | 'text-bold-italic' | 'fallback' | 'fallback-bold' | 'fallback-italic' | 'fallback-bold-italic';

export interface InlineStyle {
  bold: boolean;
  italic: boolean;
}

const require = createRequire(import.meta.url);
const atkinson = dirname(require.resolve('@expo-google-fonts/atkinson-hyperlegible-next/package.json'));
const dejavu = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** TTF files (CONVENTIONS: TTF, not WOFF): Atkinson Hyperlegible Next for text, DejaVu Sans for glyphs it lacks. */
export const FONT_FILES: Record<FontId, string> = {
  text: join(atkinson, '400Regular/AtkinsonHyperlegibleNext_400Regular.ttf'),
  'text-bold': join(atkinson, '700Bold/AtkinsonHyperlegibleNext_700Bold.ttf'),
  'text-italic': join(atkinson, '400Regular_Italic/AtkinsonHyperlegibleNext_400Regular_Italic.ttf'),
  'text-bold-italic': join(atkinson, '700Bold_Italic/AtkinsonHyperlegibleNext_700Bold_Italic.ttf'),
  fallback: join(dejavu, 'DejaVuSans.ttf'),
  'fallback-bold': join(dejavu, 'DejaVuSans-Bold.ttf'),
  'fallback-italic': join(dejavu, 'DejaVuSans-Oblique.ttf'),
  'fallback-bold-italic': join(dejavu, 'DejaVuSans-BoldOblique.ttf'),
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

export function faceFor(style: InlineStyle, fallback: boolean): FontId {
  const base = fallback ? 'fallback' : 'text';
  const suffix = style.bold && style.italic ? '-bold-italic' : style.bold ? '-bold' : style.italic ? '-italic' : '';
  return (base + suffix) as FontId;
}

export interface FontSegment {
  text: string;
  font: FontId;
  /** Width per point of size (`width(text, font, size)` is `perPoint * size`), kept here to save a second lookup. */
  perPoint: number;
}

/**
 * Font metrics for layout, loaded once per process. Widths are measured with fontkit the way pdfkit
 * does (per word, default features), and cached per (string, face) at 1 pt since width scales with size.
 */
export class FontBook {
  private readonly fonts = new Map<FontId, Font>();
  private readonly widths = new Map<FontId, Map<string, number>>();
  private readonly coverage = new Map<number, boolean>();
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
    let cache = this.widths.get(font);
    if (!cache) {
      cache = new Map();
      this.widths.set(font, cache);
    }
    let w = cache.get(text);
    if (w === undefined) {
      const f = this.font(font);
      w = f.layout(text).advanceWidth / f.unitsPerEm;
      cache.set(text, w);
    }
    return w;
  }

  /** Distance from the top of the em box to the baseline, per point of size. */
  ascender(font: FontId): number {
    const f = this.font(font);
    return f.ascent / f.unitsPerEm;
  }

  /** True when the text family has no glyph for this code point, so the fallback must draw it. */
  needsFallback(codePoint: number): boolean {
    let r = this.coverage.get(codePoint);
    if (r === undefined) {
      // All text faces share one character set; checking the regular face is enough.
      r = !this.font('text').hasGlyphForCodePoint(codePoint) && this.font('fallback').hasGlyphForCodePoint(codePoint);
      this.coverage.set(codePoint, r);
    }
    return r;
  }

  /** Splits `text` into runs of the text face and of the fallback face, glyph by glyph (cached; do not mutate). */
  segments(text: string, style: InlineStyle): FontSegment[] {
    const cache = this.segmentCache[(style.bold ? 2 : 0) + (style.italic ? 1 : 0)];
    let out = cache.get(text);
    if (!out) {
      out = this.splitByCoverage(text, style);
      cache.set(text, out);
    }
    return out;
  }

  private splitByCoverage(text: string, style: InlineStyle): FontSegment[] {
    const out: FontSegment[] = [];
    // Segments are slices of `text` (all of it, the usual case, is `text` itself): no string is rebuilt per character.
    let start = 0;
    let currentFallback = false;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) ?? 32;
      const fb = cp > 0x7e && this.needsFallback(cp);
      if (i > start && fb !== currentFallback) {
        out.push(this.segment(text.slice(start, i), faceFor(style, currentFallback)));
        start = i;
      }
      currentFallback = fb;
      i += cp > 0xffff ? 2 : 1;
    }
    if (text.length > start) out.push(this.segment(text.slice(start), faceFor(style, currentFallback)));
    return out;
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
