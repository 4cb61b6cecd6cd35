import { emptyFragment, type Fragment } from './fragment.js';
import { breakLines, collectRuns, type LaidLine } from './inlineLayout.js';
import { colorAttr, lengthAttr, structNode, type FlowContext } from './flowContext.js';
import { diagramMessage } from './diagramMessages.js';
import type { Box } from './model.js';
import type { MarkupElement } from '../markup/parseMarkup.js';
import { orderColumns } from './orderDiagram.js';
import { MM } from '../core/units.js';

const children = (el: MarkupElement, name: string) =>
  el.children.filter((c): c is MarkupElement => c.type === 'element' && c.name === name);

interface DiagramNode {
  id: string;
  el: MarkupElement;
  column: number;
  /** Nodes of one group stay together in their column (défis of one thread), groups in written order. */
  group?: string;
  color?: string;
  fill?: string;
  lines: LaidLine[];
  height: number;
  y: number;
}

/** `#RRGGBB` moved towards white (`amount` 1 = white): node fills are light tints of their colour. */
function tint(hex: string, amount: number): string {
  const full = hex.length === 4 ? '#' + [...hex.slice(1)].map((c) => c + c).join('') : hex;
  const ch = (i: number) => {
    const v = parseInt(full.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(v + (255 - v) * amount).toString(16).padStart(2, '0');
  };
  return `#${ch(0)}${ch(1)}${ch(2)}`.toUpperCase();
}

const MUTED = '#5F6B7A';
const STUB = 2.5 * MM;
const MAX_SCALE = 1.3;
const LINE_HEIGHT = 1.25;
const PAD = 1.8 * MM;
const BAND = 3;
/** Default smallest text scale a diagram shrinks to (`min-scale`). */
export const DIAGRAM_MIN_SCALE = 0.6;

/** The sizes a diagram uses at text scale `scale` of `fontSize` (points): what callers need to foresee its height. */
export interface DiagramMetrics {
  /** Text size of the nodes. */
  size: number;
  /** Height of one line of node text. */
  lineHeight: number;
  /** Vertical padding of a node, top plus bottom. */
  padding: number;
  /** Space between two nodes of a column. */
  gapY: number;
  /** Height of the column titles row. */
  titleHeight: number;
}

export function diagramMetrics(fontSize: number, scale: number): DiagramMetrics {
  const size = fontSize * scale;
  return {
    size,
    lineHeight: size * LINE_HEIGHT,
    padding: 2 * PAD,
    gapY: Math.max(1.5 * MM, 3 * MM * scale),
    titleHeight: size * 1.1 * 1.4 + 2.5 * MM,
  };
}

/** Text width inside a node of a diagram `width` points wide with `columns` columns (the widest a line can run). */
export function diagramNodeTextWidth(width: number, columns: number): number {
  const gapX = Math.min(16 * MM, width * 0.08);
  return (width - (columns - 1) * gapX) / columns - 2 * PAD - BAND;
}

/**
 * `<diagram>`: columns of boxed nodes joined by edges (by node id), laid out automatically as one unbreakable block.
 * The text is set at up to 1.3 × `font-size`, shrinking (down to `min-scale`) until the diagram fits `max-height`
 * (default: the page body), so a map of
 * threads, défis and use cases stays on one page. Nodes are placed next to the nodes they connect to (barycentre
 * of their neighbours in the column laid out before), which keeps lines short and crossings few.
 */
export function layoutDiagram(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const figure = structNode(ctx, 'Figure', { alt: el.attrs.alt ?? '' });
  const report = (at: MarkupElement, message: string) =>
    ctx.diagnostics.push({ severity: 'error', code: 'template/bad-value', message, file: ctx.file, line: at.line, column: at.column });
  const columns = children(el, 'column');
  if (!columns.length) return [];
  const nodes: DiagramNode[] = [];
  const byId = new Map<string, DiagramNode>();
  columns.forEach((col, c) => {
    for (const n of children(col, 'node')) {
      const id = n.attrs.id ?? '';
      if (byId.has(id)) {
        report(n, diagramMessage(ctx.lang, 'duplicateNode', { id }));
        continue;
      }
      const node: DiagramNode = { id, el: n, column: c, group: n.attrs.group, color: colorAttr(n), fill: colorAttr(n, 'fill'), lines: [], height: 0, y: 0 };
      nodes.push(node);
      byId.set(id, node);
    }
  });
  const edges: Array<{ a: DiagramNode; b: DiagramNode; color?: string }> = [];
  for (const e of children(el, 'edge')) {
    const from = byId.get(e.attrs.from ?? '');
    const to = byId.get(e.attrs.to ?? '');
    const missing = !from ? e.attrs.from : !to ? e.attrs.to : undefined;
    if (missing !== undefined || !from || !to) {
      report(e, diagramMessage(ctx.lang, 'unknownNode', { id: missing ?? '', known: [...byId.keys()].slice(0, 8).join(', ') }));
      continue;
    }
    if (from.column === to.column) {
      report(e, diagramMessage(ctx.lang, 'sameColumn', { from: from.id, to: to.id }));
      continue;
    }
    // Drawn left to right whatever the written direction; the colour defaults to the left node's.
    const [a, b] = from.column < to.column ? [from, to] : [to, from];
    edges.push({ a, b, color: colorAttr(e) ?? a.color });
  }

  const n = columns.length;
  const gaps = gapWidths({ edges, columns: n, width: ctx.width });
  const nodeW = (ctx.width - gaps.reduce((s, g) => s + g, 0)) / n;
  const maxHeight = Math.min(lengthAttr(el, 'max-height') ?? ctx.bodyHeight, ctx.bodyHeight);
  const base = Number(el.attrs['font-size'] ?? ctx.style.size * 0.85);
  const minScale = Number(el.attrs['min-scale'] ?? DIAGRAM_MIN_SCALE);
  const pad = PAD;
  const band = BAND;

  // A small map grows its text (up to `MAX_SCALE`) rather than sitting in a corner of its page.
  let scale = MAX_SCALE;
  let layout = measure(scale);
  while (layout.total > maxHeight && scale - 0.05 >= minScale - 1e-9) {
    scale -= 0.05;
    layout = measure(scale);
  }
  const { size, titleH, gapY, height } = layout;

  function measure(s: number) {
    const { size, gapY, titleHeight } = diagramMetrics(base, s);
    for (const node of nodes) {
      node.lines = breakLines({
        runs: collectRuns(node.el.children, { ...ctx.style, size }),
        width: nodeW - 2 * pad - band,
        book: ctx.book,
        lineHeight: LINE_HEIGHT,
        role: 'Figure',
        node: figure,
      });
      node.height = node.lines.reduce((h, l) => h + l.height, 0) + 2 * pad;
    }
    const heights = columns.map((_, c) => columnHeight(nodes.filter((d) => d.column === c), gapY));
    const titleH = columns.some((c) => c.attrs.title) ? titleHeight : 0;
    const height = Math.max(0, ...heights);
    return { size, gapY, titleH, height, total: titleH + height };
  }

  const ports = place({ nodes, edges, columns: n, gapY, height });

  const boxes: Box[] = [];
  const colX = (c: number) => ctx.x + c * nodeW + gaps.slice(0, c).reduce((s, g) => s + g, 0);
  columns.forEach((col, c) => {
    if (!col.attrs.title) return;
    const tsize = size * 1.1;
    const lines = breakLines({ runs: [{ text: col.attrs.title, style: { ...ctx.style, size: tsize, bold: true, color: MUTED } }], width: nodeW, book: ctx.book, align: 'center', role: 'Figure', node: figure });
    const line = lines[0];
    if (line) for (const b of line.boxes) if (b.kind === 'text') boxes.push({ ...b, x: b.x + colX(c), y: b.y });
    boxes.push({ kind: 'line', x1: colX(c), x2: colX(c) + nodeW, y1: titleH - 1.5 * MM, y2: titleH - 1.5 * MM, lineWidth: 0.6, color: '#C9D1DA', role: 'Artifact' });
  });
  // Edges first, so the boxes cover their ends: a short horizontal stub out of each box, a straight run between.
  // Each edge leaves and enters its boxes at a port of its own, so no two lines share an end.
  for (const e of edges) {
    const x1 = colX(e.a.column) + nodeW;
    const x2 = colX(e.b.column);
    const y1 = titleH + ports.get(e)!.a;
    const y2 = titleH + ports.get(e)!.b;
    const color = e.color ?? '#9AA5B1';
    const line = (ax: number, ay: number, bx: number, by: number): Box => ({ kind: 'line', x1: ax, y1: ay, x2: bx, y2: by, lineWidth: 1.1, color, role: 'Artifact' });
    boxes.push(line(x1, y1, x1 + STUB, y1), line(x1 + STUB, y1, x2 - STUB, y2), line(x2 - STUB, y2, x2, y2));
  }
  for (const node of nodes) {
    const x = colX(node.column);
    const y = titleH + node.y;
    const color = node.color ?? '#9AA5B1';
    boxes.push({ kind: 'rect', x, y, width: nodeW, height: node.height, fill: node.fill ?? tint(color, 0.88), stroke: color, lineWidth: 0.8, radius: 2, role: 'Artifact' });
    boxes.push({ kind: 'rect', x, y, width: band, height: node.height, fill: color, role: 'Artifact' });
    let ly = y + pad;
    for (const l of node.lines) {
      for (const b of l.boxes) if (b.kind === 'text') boxes.push({ ...b, x: b.x + x + band + pad, y: b.y + ly });
      ly += l.height;
    }
  }
  return [
    emptyFragment({
      height: titleH + height,
      spaceBefore: ctx.style.size * 0.6,
      spaceAfter: ctx.style.size * 0.6,
      containers: ctx.containers,
      group: ctx.group,
      boxes,
      source: { name: 'diagram', line: el.line, column: el.column },
    }),
  ];
}

function columnHeight(nodes: DiagramNode[], gap: number): number {
  return nodes.reduce((h, d) => h + d.height, 0) + Math.max(0, nodes.length - 1) * gap;
}

/**
 * Widths of the gaps between columns: room for the lines that run through each (about 1 mm a line, 10 to 36 mm),
 * so that twenty-five lines are not squeezed into the same 14 mm as three; all gaps together at most 40 % of the width.
 */
function gapWidths(opts: { edges: Array<{ a: DiagramNode; b: DiagramNode }>; columns: number; width: number }): number[] {
  const { edges, columns, width } = opts;
  const wanted = Array.from({ length: Math.max(0, columns - 1) }, (_, g) => {
    const through = edges.filter((e) => e.a.column <= g && e.b.column > g).length;
    return Math.min(36 * MM, Math.max(10 * MM, 6 * MM + through * MM));
  });
  const total = wanted.reduce((s, g) => s + g, 0);
  const cap = width * 0.4;
  return total > cap ? wanted.map((g) => (g * cap) / total) : wanted;
}

type Edge = { a: DiagramNode; b: DiagramNode };

/**
 * Node order and vertical positions; returns each edge's port heights on its two boxes. The order crosses few edges
 * (`orderColumns`). The tallest column is packed from the top; each other column, working outwards from it, puts
 * its nodes at the mean centre of their neighbours in the column just placed, pushes overlapping nodes apart, then
 * spreads over the whole height from the top (a short column no longer floats in the middle, pulling every line
 * into the same few millimetres). Ports share out each box side among its edges, ordered like the other ends.
 */
function place(opts: { nodes: DiagramNode[]; edges: Edge[]; columns: number; gapY: number; height: number }): Map<Edge, { a: number; b: number }> {
  const { nodes, edges, gapY, height } = opts;
  const cols = orderColumns(
    Array.from({ length: opts.columns }, (_, c) => nodes.filter((d) => d.column === c)),
    edges,
  );
  const anchor = cols.reduce((best, col, c) => (columnHeight(col, gapY) > columnHeight(cols[best], gapY) ? c : best), 0);
  let y = 0;
  for (const d of cols[anchor]) {
    d.y = y;
    y += d.height + gapY;
  }
  const order = [...Array.from({ length: opts.columns - anchor - 1 }, (_, i) => anchor + 1 + i), ...Array.from({ length: anchor }, (_, i) => anchor - 1 - i)];
  for (const c of order) {
    const from = c > anchor ? c - 1 : c + 1;
    const col = cols[c];
    const wanted = new Map<DiagramNode, number>();
    let last = 0;
    for (const d of col) {
      const centres = edges.flatMap((e) => (e.a === d && e.b.column === from ? [e.b] : e.b === d && e.a.column === from ? [e.a] : [])).map((o) => o.y + o.height / 2);
      // Unconnected nodes follow their predecessor.
      const w = centres.length ? centres.reduce((s, v) => s + v, 0) / centres.length - d.height / 2 : last;
      wanted.set(d, w);
      last = w;
    }
    let floor = 0;
    for (const d of col) {
      d.y = Math.max(floor, wanted.get(d)!);
      floor = d.y + d.height + gapY;
    }
    spread(col, height);
  }
  return portsOf(cols, edges);
}

/** A column moved to start at the top and end at the bottom of `height`, its gaps scaled alike (kept when it is full). */
function spread(col: DiagramNode[], height: number): void {
  if (!col.length) return;
  const gaps = col.slice(1).map((d, i) => d.y - (col[i].y + col[i].height));
  const free = height - col.reduce((s, d) => s + d.height, 0);
  const sum = gaps.reduce((s, g) => s + g, 0);
  if (col.length === 1) {
    col[0].y = Math.min(col[0].y, height - col[0].height);
    return;
  }
  let y = 0;
  col.forEach((d, i) => {
    if (i > 0) y += sum > 0 ? (gaps[i - 1] * free) / sum : free / (col.length - 1);
    d.y = y;
    y += d.height;
  });
}

/** Port heights: a box side's edges spread over its inner height, in the order of their other ends. */
function portsOf(cols: DiagramNode[][], edges: Edge[]): Map<Edge, { a: number; b: number }> {
  const pos = new Map<DiagramNode, number>();
  for (const col of cols) col.forEach((d, i) => pos.set(d, i));
  const ports = new Map<Edge, { a: number; b: number }>(edges.map((e) => [e, { a: 0, b: 0 }]));
  const side = (node: DiagramNode, end: 'a' | 'b') => {
    const other = end === 'a' ? 'b' : 'a';
    const mine = edges.filter((e) => e[end] === node).sort((p, q) => p[other].y - q[other].y || pos.get(p[other])! - pos.get(q[other])!);
    const inner = Math.max(0, node.height - 2 * PAD);
    mine.forEach((e, j) => (ports.get(e)![end] = node.y + PAD + (inner * (j + 1)) / (mine.length + 1)));
  };
  for (const col of cols) for (const d of col) {
    side(d, 'a');
    side(d, 'b');
  }
  return ports;
}
