import { barLabels, barLabelSize, drawLabel, endWord, type BarLabel } from './barLabels.js';
import { breakLines, collectRuns, type Run } from './inlineLayout.js';
import { emptyFragment, type Fragment } from './fragment.js';
import { colorAttr, lengthAttr, structNode, type FlowContext } from './flowContext.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { Box } from './model.js';
import type { MarkupElement } from '../markup/parseMarkup.js';
import { typeset } from '../markup/typography.js';
import { MM, textOn } from '../core/units.js';

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

/** A range of clock labels, spaced as `formatTimeRange` (src/render/format.ts) spaces them: `09:00–09:30`, `9 h – 9 h 30`. */
function formatMinuteRange(start: number, end: number, format: 'h' | '24h' | '12h'): string {
  const [a, b] = [formatMinutes(start, format), formatMinutes(end, format)];
  return format === '24h' ? `${a}–${b}` : `${a}\u00A0– ${b}`;
}

interface Bar {
  start: number;
  end: number;
  color: string;
  label: string;
  /** Short forms from the data (`short`, then `abbr`), for a bar too narrow for its label. */
  shorts: string[];
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
      const text = (name: string) => typeset(attrText(b.attrs[name]), ctx.docLang);
      bars.push({ start: s, end: e, color: colorAttr(b) ?? ctx.accent, label: text('label'), shorts: [text('short'), text('abbr')].filter(Boolean), row: 0 });
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
  // Bars in time order (then lane order), so key letters and key entries read as the day goes.
  const ordered = laneBars.flatMap((l) => l.bars).map((bar, i) => ({ bar, i })).sort((p, q) => p.bar.start - q.bar.start || p.i - q.i);
  const size = lengthAttr(el, 'label-size', 'pt') ?? barLabelSize(ctx.style.size, barH);
  const laid = barLabels({ ctx, bars: ordered.map(({ bar }) => ({ label: bar.label, shorts: bar.shorts, width: xOf(bar.end) - xOf(bar.start) - 1 })), height: barH, size });
  const labelOf = new Map<Bar, BarLabel>(ordered.map(({ bar }, k) => [bar, laid[k]]));

  let y = axisH;
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
        endWord(boxes);
        ly += l.height;
      }
    }
    for (const bar of bars) {
      const bx = xOf(bar.start);
      const bw = xOf(bar.end) - bx;
      const by = y + bar.row * laneH + 2;
      boxes.push({ kind: 'rect', x: bx + 0.5, y: by, width: Math.max(0.5, bw - 1), height: barH, fill: bar.color, radius: 2, role: 'Figure', node });
      boxes.push(...drawLabel({ ctx, label: labelOf.get(bar)!, size, x: bx + 0.5, y: by, width: Math.max(0.5, bw - 1), height: barH, fill: bar.color, node }));
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
    endWord(boxes);
  }
  const keyed = ordered.filter(({ bar }) => labelOf.get(bar)!.keyed).map(({ bar }) => ({ bar, mark: labelOf.get(bar)!.mark }));
  const key = timelineKey({ ctx, entries: keyed.map(({ bar, mark }) => ({ mark, label: bar.label, time: formatMinuteRange(bar.start, bar.end, format) })) });
  return [
    emptyFragment({
      height: bottom,
      spaceBefore: ctx.style.size * 0.6,
      spaceAfter: key.length ? ctx.style.size * 0.4 : ctx.style.size * 0.6,
      containers: ctx.containers,
      group: ctx.group,
      // The key belongs with its timeline: a page break between them would leave marks without their meaning.
      keepWithNext: key.length > 0,
      boxes: [...boxes.filter((b) => b.kind === 'rect' && b.fill === '#F4F6F8'), ...grid, ...boxes.filter((b) => !(b.kind === 'rect' && b.fill === '#F4F6F8'))],
      source: { name: 'timeline', line: el.line, column: el.column },
    }),
    ...key,
  ];
}

/**
 * The key under a timeline: for each bar that does not print its full label, its mark (the short form or letter it
 * prints; its time when it prints nothing) in bold, then the full label, in two columns. Each entry is a paragraph.
 */
function timelineKey(opts: { ctx: FlowContext; entries: Array<{ mark?: string; label: string; time: string }> }): Fragment[] {
  const { ctx, entries } = opts;
  if (!entries.length) return [];
  const size = ctx.style.size * 0.8;
  const gap = 6 * MM;
  const colW = (ctx.width - gap) / 2;
  const muted = '#3E4C59';
  const laid = entries.map((e) => {
    const node = structNode(ctx, 'P');
    const bold = { ...ctx.style, size, bold: true, color: muted };
    const plain = { ...ctx.style, size, bold: false, color: muted };
    const runs: Run[] = e.mark
      ? [{ text: e.mark, style: bold }, { text: ` ${e.label} (${e.time})`, style: plain }]
      : [{ text: e.time, style: bold }, { text: ` ${e.label}`, style: plain }];
    return breakLines({ runs, width: colW, book: ctx.book, lineHeight: 1.25, role: 'P', node });
  });
  const frags: Fragment[] = [];
  for (let r = 0; r < laid.length; r += 2) {
    const pair = laid.slice(r, r + 2);
    const height = Math.max(...pair.map((lines) => lines.reduce((h, l) => h + l.height, 0)));
    const boxes: Box[] = [];
    pair.forEach((lines, c) => {
      let y = 0;
      for (const l of lines) {
        for (const b of l.boxes) if (b.kind === 'text') boxes.push({ ...b, x: b.x + ctx.x + c * (colW + gap), y: b.y + y });
        y += l.height;
      }
    });
    const last = r + 2 >= laid.length;
    frags.push(emptyFragment({ height, boxes, containers: ctx.containers, group: ctx.group, keepWithNext: !last, spaceAfter: last ? ctx.style.size * 0.6 : size * 0.2 }));
  }
  return frags;
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
    endWord(line);
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

