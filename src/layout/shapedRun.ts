import type { Font } from 'fontkit';

/**
 * A text shaped by fontkit, packed in one typed array (a large carnet keeps a few hundred thousand of them):
 *
 *   [glyph count n, advance, flags, ids × n, (xAdvance, xOffset, yOffset) × n, glyph calls…]
 *
 * Positions are in font units, as fontkit gives them. The glyph calls are what fontkit's `getGlyph` was asked
 * while shaping (glyph id, count of code points, the code points), the first call per glyph only: pdfkit's ToUnicode
 * map (text extraction) gives each glyph the code points of the call that first made it in the document's font,
 * so the drawing replays them to write the same map pdfkit wrote when it shaped the text itself.
 */
export type ShapedRun = Int32Array | Float64Array;

const HEADER = 3;
/** Flag: some glyph has an x or y offset (a mark set on its base), drawn with a text matrix of its own. */
const HAS_OFFSETS = 1;

export const glyphCount = (run: ShapedRun): number => run[0];
/** Sum of the glyphs' advances, in font units (fontkit's `GlyphRun.advanceWidth`). */
export const runAdvance = (run: ShapedRun): number => run[1];
export const hasOffsets = (run: ShapedRun): boolean => (run[2] & HAS_OFFSETS) !== 0;
export const glyphId = (run: ShapedRun, i: number): number => run[HEADER + i];
export const xAdvance = (run: ShapedRun, i: number): number => run[HEADER + run[0] + 3 * i];
export const xOffset = (run: ShapedRun, i: number): number => run[HEADER + run[0] + 3 * i + 1];
export const yOffset = (run: ShapedRun, i: number): number => run[HEADER + run[0] + 3 * i + 2];

/** Calls `use(id, codePoints)` for each recorded glyph call, in the order fontkit made them. */
export function forEachGlyphCall(run: ShapedRun, use: (id: number, codePoints: number[]) => void): void {
  for (let at = HEADER + 4 * run[0]; at < run.length; ) {
    const id = run[at];
    const count = run[at + 1];
    use(id, Array.from(run.subarray(at + 2, at + 2 + count)));
    at += 2 + count;
  }
}

interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): { advanceWidth: number };
}

/**
 * Shapes texts with one fontkit font, recording its glyph calls. The font's `getGlyph` is wrapped on this instance
 * (fontkit's layout engine and cmap lookups all call it through the font), recording only while `shape` runs.
 */
export class Shaper {
  /** Read by the wrapped `getGlyph`, which outlives this call of the constructor. */
  private readonly state = { recording: false };
  private readonly calls: number[] = [];
  /** Advance width of each glyph met, in font units: what pdfkit writes in the font's /W array. */
  readonly advanceWidths = new Map<number, number>();

  constructor(private readonly font: Font) {
    const source = font as unknown as GlyphSource;
    const getGlyph = source.getGlyph;
    const { calls, state } = this;
    source.getGlyph = function (this: GlyphSource, id: number, codePoints: number[] = []) {
      if (state.recording) {
        calls.push(id, codePoints.length);
        for (const cp of codePoints) calls.push(cp);
      }
      return getGlyph.call(this, id, codePoints);
    };
  }

  shape(text: string): ShapedRun {
    this.calls.length = 0;
    this.state.recording = true;
    let run;
    try {
      run = this.font.layout(text);
    } finally {
      this.state.recording = false;
    }
    const n = run.glyphs.length;
    // Only the first call naming a glyph counts (later ones find it made); keeping those alone saves memory.
    const seen = new Set<number>();
    const kept: number[] = [];
    const calls = this.calls;
    for (let at = 0; at < calls.length; ) {
      const count = calls[at + 1];
      if (!seen.has(calls[at])) {
        seen.add(calls[at]);
        for (let k = at; k < at + 2 + count; k++) kept.push(calls[k]);
      }
      at += 2 + count;
    }
    const values: number[] = [n, 0, 0];
    let advance = 0;
    let flags = 0;
    for (const g of run.glyphs) {
      values.push(g.id);
      if (!this.advanceWidths.has(g.id)) this.advanceWidths.set(g.id, g.advanceWidth);
    }
    for (const p of run.positions) {
      values.push(p.xAdvance, p.xOffset, p.yOffset);
      // Summed in order, as fontkit's `advanceWidth` does: the same number to the last bit.
      advance += p.xAdvance;
      if (p.xOffset || p.yOffset) flags |= HAS_OFFSETS;
    }
    values[1] = advance;
    values[2] = flags;
    for (const v of kept) values.push(v);
    // Font units are integers in capa's fonts; a fractional value (a variable font) keeps full precision.
    return values.every(Number.isInteger) ? Int32Array.from(values) : Float64Array.from(values);
  }
}
