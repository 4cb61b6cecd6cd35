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

/**
 * Replays the run's glyph calls into `made` (glyph id → code points), as fontkit's glyph cache keeps them: a glyph
 * already there keeps the code points it was first made with.
 */
export function replayGlyphCalls(run: ShapedRun, made: Map<number, number[]>): void {
  for (let at = HEADER + 4 * run[0]; at < run.length; ) {
    const count = run[at + 1];
    if (!made.has(run[at])) made.set(run[at], Array.from(run.subarray(at + 2, at + 2 + count)));
    at += 2 + count;
  }
}

/** Whether `run` is whole (a run read from the cache): its parts fit, its advance adds up, its glyphs have widths. */
export function validRun(run: ShapedRun, widths: Map<number, number>): boolean {
  const n = run[0];
  if (!(n >= 0) || HEADER + 4 * n > run.length) return false;
  let advance = 0;
  for (let i = 0; i < n; i++) {
    if (!widths.has(glyphId(run, i))) return false;
    advance += xAdvance(run, i);
  }
  if (advance !== run[1]) return false;
  let at = HEADER + 4 * n;
  while (at < run.length) {
    const count = run[at + 1];
    if (!(count >= 0)) return false;
    at += 2 + count;
  }
  return at === run.length;
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
  /** Scratch of `shape`, kept between calls. */
  private readonly seen = new Set<number>();
  private readonly values: number[] = [];
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
    const calls = this.calls;
    calls.length = 0;
    this.state.recording = true;
    let run;
    try {
      run = this.font.layout(text);
    } finally {
      this.state.recording = false;
    }
    // Only the first call naming a glyph counts (later ones find it made): the others are dropped to save memory.
    const seen = this.seen;
    seen.clear();
    for (let at = 0; at < calls.length; ) {
      const count = calls[at + 1];
      // A dropped call is marked by a negative count (-1 - count).
      if (seen.has(calls[at])) calls[at + 1] = -1 - count;
      else seen.add(calls[at]);
      at += 2 + count;
    }
    const n = run.glyphs.length;
    const values: number[] = this.values;
    values.length = 0;
    values.push(n, 0, 0);
    for (const g of run.glyphs) {
      values.push(g.id);
      if (!this.advanceWidths.has(g.id)) this.advanceWidths.set(g.id, g.advanceWidth);
    }
    let advance = 0;
    let flags = 0;
    for (const p of run.positions) {
      values.push(p.xAdvance, p.xOffset, p.yOffset);
      // Summed in order, as fontkit's `advanceWidth` does: the same number to the last bit.
      advance += p.xAdvance;
      if (p.xOffset || p.yOffset) flags |= HAS_OFFSETS;
    }
    values[1] = advance;
    values[2] = flags;
    const head = values.length;
    for (let at = 0; at < calls.length; ) {
      const count = calls[at + 1];
      if (count < 0) at += 2 + (-1 - count);
      else {
        for (let k = at; k < at + 2 + count; k++) values.push(calls[k]);
        at += 2 + count;
      }
    }
    // Font units are integers in capa's fonts; a fractional value (a variable font) keeps full precision.
    for (let i = 0; i < head; i++) if (!Number.isInteger(values[i])) return Float64Array.from(values);
    return Int32Array.from(values);
  }
}

/**
 * The kerning of the pair (last glyph of `word`, space) when `spaced` (the word and a space, shaped together) is
 * `word` then `space` with only those two advances changed: [change of the last glyph's, change of the space's].
 * Undefined when anything else differs.
 */
export function spaceKerning(word: ShapedRun, space: ShapedRun, spaced: ShapedRun): [number, number] | undefined {
  const n = glyphCount(word);
  if (n === 0 || glyphCount(space) !== 1 || glyphCount(spaced) !== n + 1) return undefined;
  for (let i = 0; i <= n; i++) {
    const [from, k] = i < n ? [word, i] : [space, 0];
    if (glyphId(spaced, i) !== glyphId(from, k) || xOffset(spaced, i) !== xOffset(from, k) || yOffset(spaced, i) !== yOffset(from, k)) return undefined;
    if (i < n - 1 && xAdvance(spaced, i) !== xAdvance(from, k)) return undefined;
  }
  return [xAdvance(spaced, n - 1) - xAdvance(word, n - 1), xAdvance(spaced, n) - xAdvance(space, 0)];
}
