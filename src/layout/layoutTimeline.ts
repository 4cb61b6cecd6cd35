import { breakLines, collectRuns } from './inlineLayout.js';
import { emptyFragment, type Fragment } from './fragment.js';
import { colorAttr, lengthAttr, structNode, type FlowContext } from './layoutFlow.js';
import { layoutMessage } from './layoutMessages.js';
import type { Box } from './model.js';
import type { MarkupElement } from './parseMarkup.js';
import { typeset } from './typography.js';
import { MM, textOn } from './units.js';

const children = (el: MarkupElement, name: string) =>
  el.children.filter((c): c is MarkupElement => c.type === 'element' && c.name === name);

/** Clock label for minutes since midnight: `9 h 30` (fr), `09:30` (24h) or `9:30 am` (12h). */
export function formatMinutes(total: number, format: 'h' | '24h' | '12h'): string {
  const h = Math.floor(total / 60) % 24;
  const m = Math.round(total % 60);
  const mm = String(m).padStart(2, '0');
  // No-break spaces, as `formatTime` (src/render/format.ts) writes times in the rest of the document.
  if (format === 'h') return m ? `${h}\u00A0h\u00A0${mm}` : `${h}\u00A0h`;
  if (format === '24h') return `${String(h).padStart(2, '0')}:${mm}`;
  const suffix = h < 12 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m ? `${h12}:${mm}\u00A0${suffix}` : `${h12}\u00A0${suffix}`;
}

interface Bar {
  start: number;
  end: number;
  color: string;
  label: string;
  row: number;
}

/**
 * `<timeline>`: a time axis from `start` to `end` (minutes since midnight), one band per `<lane>`, bars placed
 * proportionally to their minutes. Overlapping bars in one lane go to extra rows. One unbreakable fragment.
 */
export function layoutTimeline(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const node = structNode(ctx, 'Figure', { alt: el.attrs.alt ?? '' });
  const start = Number(el.attrs.start);
  const end = Number(el.attrs.end);
  const report = (at: MarkupElement, message: string) =>
    ctx.diagnostics.push({ severity: 'error', code: 'template/bad-value', message, file: ctx.file, line: at.line, column: at.column });
  if (!(end > start)) {
    report(el, layoutMessage(ctx.lang, 'timelineRange', { start, end }));
    return [];
  }
  const step = Number(el.attrs.ticks ?? 60);
  const format = (el.attrs['tick-format'] as 'h' | '24h' | '12h' | undefined) ?? (ctx.docLang === 'fr' ? 'h' : '24h');
  const lanes = children(el, 'lane');
  const hasLabels = lanes.some((l) => l.attrs.label);
  const labelW = Math.min(lengthAttr(el, 'label-width') ?? (hasLabels ? 30 * MM : 0), ctx.width * 0.35);
  const laneH = lengthAttr(el, 'lane-height') ?? 9 * MM;
  const plotX = ctx.x + labelW;
  const plotW = ctx.width - labelW;
  const xOf = (min: number) => plotX + ((min - start) / (end - start)) * plotW;
  const tickSize = ctx.style.size * 0.75;
  const axisH = tickSize * 2;
  const boxes: Box[] = [];
  const grid: Box[] = [];
  const muted = '#5F6B7A';

  const laneBars = lanes.map((lane) => {
    const bars: Bar[] = [];
    for (const b of children(lane, 'bar')) {
      const s = Number(b.attrs.start);
      const e = Number(b.attrs.end);
      if (s < start || e > end || e <= s) {
        report(b, layoutMessage(ctx.lang, 'barOutside', { start: s, end: e, from: start, to: end }));
        continue;
      }
      // Labels are attributes, which the markup's typesetting (text nodes only) does not reach.
      bars.push({ start: s, end: e, color: colorAttr(b) ?? ctx.accent, label: typeset(attrText(b.attrs.label), ctx.docLang), row: 0 });
    }
    // Greedy row assignment: each bar takes the first row free at its start.
    const rowEnds: number[] = [];
    for (const bar of [...bars].sort((a, b) => a.start - b.start || a.end - b.end)) {
      let r = rowEnds.findIndex((e) => e <= bar.start);
      if (r < 0) r = rowEnds.length;
      rowEnds[r] = bar.end;
      bar.row = r;
    }
    return { bars, rows: Math.max(1, rowEnds.length) };
  });
  const barH = laneH - 4;
  const labels = barLabels({ ctx, bars: laneBars.flatMap((l) => l.bars.map((b) => ({ text: b.label, width: xOf(b.end) - xOf(b.start) - 1 }))), height: barH });

  let y = axisH;
  let barIndex = 0;
  lanes.forEach((lane, li) => {
    const { bars, rows } = laneBars[li];
    const h = rows * laneH;
    if (li % 2 === 0) boxes.push({ kind: 'rect', x: ctx.x, y, width: ctx.width, height: h, fill: '#F4F6F8', role: 'Figure', node });
    if (lane.attrs.label) {
      const lines = breakLines({
        runs: [{ text: typeset(attrText(lane.attrs.label), ctx.docLang), style: { ...ctx.style, size: ctx.style.size * 0.8, bold: true, color: '#3E4C59' } }],
        width: labelW - 8,
        book: ctx.book,
        role: 'Figure',
        node,
      });
      const total = lines.reduce((s, l) => s + l.height, 0);
      let ly = y + (h - total) / 2;
      for (const l of lines) {
        for (const b of l.boxes) if (b.kind === 'text') boxes.push({ ...b, x: b.x + ctx.x + 4, y: b.y + ly });
        ly += l.height;
      }
    }
    for (const bar of bars) {
      const bx = xOf(bar.start);
      const bw = xOf(bar.end) - bx;
      const by = y + bar.row * laneH + 2;
      boxes.push({ kind: 'rect', x: bx + 0.5, y: by, width: Math.max(0.5, bw - 1), height: barH, fill: bar.color, radius: 2, role: 'Figure', node });
      boxes.push(...drawLabel({ ctx, lines: labels.lines[barIndex++], size: labels.size, x: bx + 0.5, y: by, height: barH, fill: bar.color, node }));
    }
    y += h;
  });
  const bottom = y;
  // Axis: hour ticks with labels above, light guides through the lanes.
  grid.push({ kind: 'line', x1: plotX, x2: plotX + plotW, y1: axisH, y2: axisH, lineWidth: 0.8, color: '#7B8794', role: 'Artifact' });
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    const x = xOf(t);
    grid.push({ kind: 'line', x1: x, x2: x, y1: axisH - 3, y2: bottom, lineWidth: 0.4, color: '#CBD2D9', role: 'Artifact' });
    const label = formatMinutes(t, format);
    const segs = ctx.book.segments(label, { bold: false, italic: false });
    const w = segs.reduce((s, g) => s + ctx.book.width(g.text, g.font, tickSize), 0);
    let tx = Math.min(Math.max(x - w / 2, ctx.x), ctx.x + ctx.width - w);
    for (const g of segs) {
      const gw = ctx.book.width(g.text, g.font, tickSize);
      boxes.push({ kind: 'text', text: g.text, font: g.font, size: tickSize, color: muted, x: tx, y: axisH - 5, width: gw, role: 'Figure', node });
      tx += gw;
    }
  }
  return [
    emptyFragment({
      height: bottom,
      spaceBefore: ctx.style.size * 0.6,
      spaceAfter: ctx.style.size * 0.6,
      containers: ctx.containers,
      group: ctx.group,
      boxes: [...boxes.filter((b) => b.kind === 'rect' && b.fill === '#F4F6F8'), ...grid, ...boxes.filter((b) => !(b.kind === 'rect' && b.fill === '#F4F6F8'))],
      source: { name: 'timeline', line: el.line, column: el.column },
    }),
  ];
}

/** Smallest size of bar labels, points: below it a label is left out rather than printed unreadably. */
export const BAR_LABEL_MIN = 6;
const BAR_LABEL_PAD = 3;
const BAR_LINE_HEIGHT = 1.15;

/**
 * Bar labels of one timeline, all at one size (labels of mixed sizes read as mixed importance). The size is the
 * largest from the base size down to `BAR_LABEL_MIN` that shows the most labels whole; each label wraps onto as
 * many lines as the bar height holds (two at most) and breaks only between words. A label that does not fit whole
 * is shortened to its first words plus "…", or left out when not even its first word fits: the legend, the
 * table and the figure's alternative text carry the information, a letter and an ellipsis would not.
 */
export function barLabels(opts: { ctx: Pick<FlowContext, 'book' | 'style'>; bars: Array<{ text: string; width: number }>; height: number }): { size: number; lines: string[][] } {
  const { ctx, bars, height } = opts;
  const base = Math.max(BAR_LABEL_MIN, Math.min(ctx.style.size * 0.8, height * 0.6));
  let best: { size: number; lines: string[][]; whole: number; shown: number } | undefined;
  for (let size = base; size >= BAR_LABEL_MIN - 1e-9; size = Math.round((size - 0.5) * 100) / 100) {
    const maxLines = Math.max(1, Math.min(2, Math.floor((height - 2) / (size * BAR_LINE_HEIGHT))));
    const laid = bars.map((b) => wrapLabel({ ctx, text: b.text, width: b.width - 2 * BAR_LABEL_PAD, size, maxLines }));
    const whole = laid.filter((l) => l.whole).length;
    const shown = laid.filter((l) => l.lines.length).length;
    // Strictly better only: on a tie the larger size wins.
    if (!best || whole > best.whole || (whole === best.whole && shown > best.shown)) best = { size, lines: laid.map((l) => l.lines), whole, shown };
  }
  return { size: best?.size ?? base, lines: best?.lines ?? bars.map(() => []) };
}

/** Greedy word wrap of one label in `maxLines` lines of `width`; the last line ends with "…" when words are left over. */
function wrapLabel(opts: { ctx: Pick<FlowContext, 'book'>; text: string; width: number; size: number; maxLines: number }): { lines: string[]; whole: boolean } {
  const { ctx, width, size, maxLines } = opts;
  const measure = (s: string) => ctx.book.segments(s, LABEL_STYLE).reduce((w, g) => w + ctx.book.width(g.text, g.font, size), 0);
  const words = opts.text.split(' ').filter(Boolean);
  if (!words.length || width <= 0) return { lines: [], whole: false };
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    if (measure(words[i]) > width) break;
    let line = words[i++];
    while (i < words.length && measure(`${line} ${words[i]}`) <= width) line += ` ${words[i++]}`;
    lines.push(line);
  }
  if (i === words.length) return { lines, whole: true };
  // Words are left over: end on "…", dropping words from the end until it fits; never cut inside a word.
  while (lines.length) {
    const last = lines[lines.length - 1].split(' ');
    const cut = () => last.join(' ').replace(/[\s,;:.]+$/u, '');
    while (last.length && (measure(`${cut()}…`) > width || /^[—–-]$/u.test(last[last.length - 1]))) last.pop();
    // "À…" says no more than nothing: keep at least three characters before the ellipsis.
    if (last.length && [...[...lines.slice(0, -1), ...last].join(' ')].length >= 3) {
      lines[lines.length - 1] = `${cut()}…`;
      return { lines, whole: false };
    }
    lines.pop();
  }
  return { lines: [], whole: false };
}

const LABEL_STYLE = { bold: true, italic: false };

/** The text boxes of a bar label: its lines centred vertically in the bar. */
function drawLabel(opts: { ctx: FlowContext; lines: string[]; size: number; x: number; y: number; height: number; fill: string; node: number }): Box[] {
  const { ctx, lines, size } = opts;
  const color = textOn(opts.fill);
  const lh = size * BAR_LINE_HEIGHT;
  const out: Box[] = [];
  lines.forEach((line, k) => {
    let x = opts.x + BAR_LABEL_PAD;
    const baseline = opts.y + opts.height / 2 + (k - (lines.length - 1) / 2) * lh + size * 0.35;
    for (const g of ctx.book.segments(line, LABEL_STYLE)) {
      const w = ctx.book.width(g.text, g.font, size);
      out.push({ kind: 'text', text: g.text, font: g.font, size, color, x, y: baseline, width: w, role: 'Figure', node: opts.node });
      x += w;
    }
  });
  return out;
}

/** `<legend>`: colour swatches with their labels, flowing on as many lines as needed. */
export function layoutLegend(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const node = structNode(ctx, 'P');
  const size = ctx.style.size * 0.85;
  const sw = size * 0.85;
  const lineH = size * 1.6;
  const lines: Box[][] = [[]];
  let x = 0;
  for (const item of children(el, 'item')) {
    const laid = breakLines({ runs: collectRuns(item.children, { ...ctx.style, size }), width: ctx.width - sw - 4, book: ctx.book, role: 'P', node })[0];
    const w = sw + 4 + (laid?.width ?? 0);
    if (x > 0 && x + w > ctx.width) {
      lines.push([]);
      x = 0;
    }
    const line = lines[lines.length - 1];
    const baseline = lineH / 2 + size * 0.35;
    line.push({ kind: 'rect', x: ctx.x + x, y: baseline - sw * 0.9, width: sw, height: sw, fill: colorAttr(item) ?? ctx.accent, radius: 1.5, role: 'Artifact', node });
    for (const b of laid?.boxes ?? []) if (b.kind === 'text') line.push({ ...b, x: ctx.x + x + sw + 4 + b.x, y: baseline });
    x += w + size * 1.4;
  }
  return lines.map((boxes, i) =>
    emptyFragment({ height: lineH, boxes, containers: ctx.containers, group: ctx.group, spaceAfter: i === lines.length - 1 ? ctx.style.size * 0.6 : 0 }),
  );
}

/** An attribute used as text, white space collapsed as in text nodes (a tab in the data is a space, not a glyph). */
function attrText(value: string | undefined): string {
  return (value ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();
}
