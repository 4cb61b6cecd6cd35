import type { FlowContext } from './flowContext.js';
import type { Box } from './model.js';
import { textOn } from '../core/units.js';

/**
 * Smallest size of bar labels, points. 7 pt bold is the floor of legible print read at arm's length (the size of
 * captions and map labels; below it only legal small print goes, 6 pt being the usual footnote floor): a timeline
 * read while walking between rooms must stay above it. Labels never shrink below it: they use a short form instead.
 */
export const BAR_LABEL_MIN = 7;
const BAR_LABEL_PAD = 3;
/** A key mark (a letter) needs less room around it than words. */
const MARK_PAD = 1;
const BAR_LINE_HEIGHT = 1.15;
const LABEL_STYLE = { bold: true, italic: false };

export interface BarText {
  /** The full label (the slot's title). */
  label: string;
  /** Short forms from the data, tried in order when the label does not fit: a short title, a défi number. */
  shorts: string[];
  /** Inner width of the bar, points. */
  width: number;
}

export interface BarLabel {
  /** The lines printed in the bar (none when not even a key letter fits). */
  lines: string[];
  /** Set when the bar does not print its full label: the key under the timeline gives it, after `mark`. */
  keyed: boolean;
  /** What the bar prints instead of its label (a short form or a key letter), repeated in the key. */
  mark?: string;
}

/**
 * The one size of a document's bar labels: a fixed share of its text size (so every timeline of a document uses the
 * same, whatever its day holds), at most what the bar height holds, never below `BAR_LABEL_MIN`.
 */
export function barLabelSize(textSize: number, barHeight: number): number {
  return Math.max(BAR_LABEL_MIN, Math.round(Math.min(textSize * 0.8, barHeight * 0.6) * 10) / 10);
}

/**
 * What each bar of a timeline prints, at `size`: its label when it fits whole (wrapped between words on as many lines
 * as the bar holds, two at most); else the first short form that fits whole; else a key letter (A, B…, in the order
 * the bars come) when one fits; else nothing. Every bar but the first kind gets a key entry. Never an ellipsis, never
 * a cut word: a label is whole, or the key gives it whole.
 */
export function barLabels(opts: { ctx: Pick<FlowContext, 'book'>; bars: BarText[]; height: number; size: number }): BarLabel[] {
  const { ctx, bars, height, size } = opts;
  const maxLines = Math.max(1, Math.min(2, Math.floor((height - 2) / (size * BAR_LINE_HEIGHT))));
  const measure = (s: string) => ctx.book.segments(s, LABEL_STYLE).reduce((w, g) => w + ctx.book.width(g.text, g.font, size), 0);
  let letters = 0;
  return bars.map((b) => {
    // A bar without a label has nothing to key.
    if (!b.label.trim()) return { lines: [], keyed: false };
    const whole = wrapWhole({ text: b.label, width: b.width - 2 * BAR_LABEL_PAD, maxLines, measure });
    if (whole) return { lines: whole, keyed: false };
    for (const s of b.shorts) {
      const lines = wrapWhole({ text: s, width: b.width - 2 * BAR_LABEL_PAD, maxLines, measure });
      if (lines) return { lines, keyed: true, mark: lines.join(' ') };
    }
    const letter = keyLetter(letters);
    if (measure(letter) <= b.width - 2 * MARK_PAD) {
      letters++;
      return { lines: [letter], keyed: true, mark: letter };
    }
    return { lines: [], keyed: true };
  });
}

/** A, B, … Z, AA, AB…: key letters never run out. */
function keyLetter(n: number): string {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Greedy word wrap of `text` in `maxLines` lines of `width`, or undefined when it does not fit whole. */
function wrapWhole(opts: { text: string; width: number; maxLines: number; measure: (s: string) => number }): string[] | undefined {
  const { width, maxLines, measure } = opts;
  const words = opts.text.split(' ').filter(Boolean);
  if (!words.length || width <= 0) return undefined;
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    if (measure(words[i]) > width) return undefined;
    let line = words[i++];
    while (i < words.length && measure(`${line} ${words[i]}`) <= width) line += ` ${words[i++]}`;
    lines.push(line);
  }
  return i === words.length ? lines : undefined;
}

/** The text boxes of a bar label: its lines centred vertically in the bar; a lone key letter centred across it too. */
export function drawLabel(opts: { ctx: FlowContext; label: BarLabel; size: number; x: number; y: number; width: number; height: number; fill: string; node: number }): Box[] {
  const { ctx, size, label } = opts;
  const color = textOn(opts.fill);
  const lh = size * BAR_LINE_HEIGHT;
  const out: Box[] = [];
  const letter = label.mark !== undefined && /^[A-Z]+$/.test(label.mark) && label.lines.length === 1 && label.lines[0] === label.mark;
  label.lines.forEach((line, k) => {
    const segs = ctx.book.segments(line, LABEL_STYLE);
    const total = segs.reduce((w, g) => w + ctx.book.width(g.text, g.font, size), 0);
    let x = letter ? opts.x + (opts.width - total) / 2 : opts.x + BAR_LABEL_PAD;
    const baseline = opts.y + opts.height / 2 + (k - (label.lines.length - 1) / 2) * lh + size * 0.35;
    for (const g of segs) {
      const w = ctx.book.width(g.text, g.font, size);
      out.push({ kind: 'text', text: g.text, font: g.font, size, color, x, y: baseline, width: w, role: 'Figure', node: opts.node });
      x += w;
    }
    endWord(out);
  });
  return out;
}

/**
 * Ends the text written so far with a space in the text layer (`trailingSpace`): the figure's separate labels (ticks,
 * lanes, bars, legend items) otherwise read back glued (« DHalleDes fils », « dataexterne »).
 */
export function endWord(boxes: Box[]): void {
  for (let k = boxes.length - 1; k >= 0; k--) {
    const b = boxes[k];
    if (b.kind === 'text') {
      b.trailingSpace = true;
      return;
    }
  }
}
