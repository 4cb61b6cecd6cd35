import type { Diagnostic } from '../../report/Diagnostic.js';
import { quote } from '../../report/messages.js';
import { breakLines, collectRuns, type LaidLine, type PageContext, type RunStyle } from '../flow/inlineLayout.js';
import type { FlowContext } from '../flow/flowContext.js';
import { LAYOUT_DEFAULTS as D } from '../flow/layoutDefaults.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { Box } from '../flow/model.js';
import type { MarkupElement, MarkupNode, MarkupText } from '../markup/parseMarkup.js';
import { MM, parseColor, parseNumber } from '../core/units.js';
import { pushAll } from '../core/pushAll.js';

/** A value of the kit that templates print, so an overflow can name the field the user edits (`/kit/title`). */
export interface SourceField {
  path: string;
  text: string;
}

/** Furniture never comes closer than this to the page edge (mm): printers do not print the last millimetres. */
const PAGE_EDGE = 2;
/** Furniture too tall for its margin shrinks down to this fraction of its size before the build fails. */
const FLOOR = 0.6;
const STEP = 0.05;

/** A header or footer with the size that fits its margin, ready to be laid out on each page. */
export interface PreparedFurniture {
  el: MarkupElement;
  style: RunStyle;
  /** Where it meets the body: headers grow upwards from it, footers downwards. */
  above: boolean;
  /** Slots without page numbers, laid out once for every page (a long title then costs once, not once per page). */
  fixed: Map<MarkupElement, LaidLine[]>;
}

const slotsOf = (el: MarkupElement) => el.children.filter((c): c is MarkupElement => c.type === 'element');
const hasPageNumbers = (nodes: MarkupNode[]): boolean =>
  nodes.some((n) => n.type === 'element' && (n.name === 'page-number' || n.name === 'page-count' || n.name === 'running-title' || hasPageNumbers(n.children)));

function laySlot(slot: MarkupElement, style: RunStyle, ctx: FlowContext, page: PageContext): LaidLine[] {
  return breakLines({
    runs: collectRuns(slot.children, style, { page }),
    width: ctx.width,
    book: ctx.book,
    align: slot.name as 'left' | 'center' | 'right',
    role: 'Artifact',
  });
}

const heightOf = (lines: LaidLine[]) => lines.reduce((h, l) => h + l.height, 0);

/**
 * A lower bound of a slot's height (never more than `laySlot` gives): its words end to end, cut into lines no
 * wider than the column plus a space (a line break drops at most one space), with a margin for fallback faces.
 */
function leastHeight(slot: MarkupElement, style: RunStyle, ctx: FlowContext, page: PageContext): number {
  let natural = 0;
  let biggest = 0;
  let smallest = Infinity;
  for (const r of collectRuns(slot.children, style, { page })) {
    if (!('text' in r)) continue;
    biggest = Math.max(biggest, r.style.size);
    smallest = Math.min(smallest, r.style.size);
    for (const word of r.text.split(' ')) natural += ctx.book.width(word, 'text', r.style.size);
  }
  if (natural === 0) return 0;
  const space = ctx.book.width(' ', 'text', biggest);
  const lines = Math.ceil((0.8 * natural) / (ctx.width + space));
  return lines * smallest * 1.3;
}

/** The longest text of a slot, where an overflow is reported (the source map turns it into its template place). */
function longestText(nodes: MarkupNode[], best?: MarkupText): MarkupText | undefined {
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      if (!best || n.text.length > best.text.length) best = n;
    } else pushAll(stack, n.children);
  }
  return best;
}

/** Compares texts as typeset (no-break and narrow spaces added) and as written. */
const squeeze = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, '');

/**
 * Fits a `<header>` or `<footer>` into its margin: `room` points between the body edge and the page edge (less
 * `PAGE_EDGE`). Too tall, it shrinks step by step to `FLOOR`; still too tall, a `layout/furniture-overflow`
 * error names the text (and the kit field it comes from, when known) instead of drawing it off the page.
 */
export function prepareFurniture(opts: {
  el: MarkupElement;
  ctx: FlowContext;
  edge: number;
  pageHeight: number;
  above: boolean;
  pages: number;
  fields?: SourceField[];
}): PreparedFurniture | undefined {
  const { el, ctx, above } = opts;
  const fsize = parseNumber(el.attrs['font-size'] ?? '').ok ? Number(el.attrs['font-size']) : D.furnitureSize;
  const c = parseColor(el.attrs.color ?? '');
  const base: RunStyle = { bold: false, italic: false, size: fsize, color: c.ok ? c.value : D.muted };
  const room = (above ? opts.edge : opts.pageHeight - opts.edge) - PAGE_EDGE * MM;
  // The widest page numbers stand for every page: a smaller number is never wider.
  const widest = { page: opts.pages, pages: opts.pages };
  let scale = 1;
  let style = base;
  // Text many times too long for the margin fails at once, without laying it out at every scale (linear time).
  const floorStyle = { ...base, size: fsize * FLOOR };
  const least = Math.max(0, ...slotsOf(el).map((s) => leastHeight(s, floorStyle, ctx, widest)));
  if (least > room + 0.01) {
    report({ ...opts, room, tallest: least });
    return undefined;
  }
  for (;;) {
    const tallest = Math.max(0, ...slotsOf(el).map((s) => heightOf(laySlot(s, style, ctx, widest))));
    if (tallest <= room + 0.01) break;
    if (scale - STEP < FLOOR - 1e-9) {
      report({ ...opts, room, tallest });
      return undefined;
    }
    scale -= STEP;
    style = { ...base, size: Math.round(fsize * scale * 100) / 100 };
  }
  const fixed = new Map<MarkupElement, LaidLine[]>();
  for (const s of slotsOf(el)) if (!hasPageNumbers(s.children)) fixed.set(s, laySlot(s, style, ctx, widest));
  return { el, style, above, fixed };
}

function report(opts: { el: MarkupElement; ctx: FlowContext; above: boolean; room: number; tallest: number; fields?: SourceField[] }): void {
  const { el, ctx } = opts;
  const text = longestText(el.children);
  const shown = (text?.text ?? '').trim();
  const squeezed = squeeze(shown);
  // The longest kit value within the text: a title printed with a page number still names `/kit/title`.
  const field = (opts.fields ?? [])
    .filter((f) => f.text.trim() !== '' && squeezed.includes(squeeze(f.text)))
    .sort((a, b) => b.text.length - a.text.length)[0];
  const at = text ?? el;
  const d: Diagnostic = {
    severity: 'error',
    code: 'layout/furniture-overflow',
    message: layoutMessage(ctx.lang, opts.above ? 'headerOverflow' : 'footerOverflow', {
      text: quote(ctx.lang, shown.length > 40 ? `${shown.slice(0, 40)}…` : shown),
      height: (opts.tallest / MM).toFixed(0),
      avail: (Math.max(0, opts.room) / MM).toFixed(0),
      floor: Math.round(FLOOR * 100),
    }),
    hint: layoutMessage(ctx.lang, 'furnitureHint', {}),
    file: ctx.file,
    line: at.line,
    column: at.column,
    ...(field ? { path: field.path } : {}),
  };
  ctx.diagnostics.push(d);
}

/** The boxes of prepared furniture on one page, with `page-number`/`page-count` filled in. */
export function furnitureBoxes(f: PreparedFurniture, opts: { ctx: FlowContext; page: PageContext; edge: number }): Box[] {
  const { ctx, edge } = opts;
  const boxes: Box[] = [];
  let tallest = 0;
  const slots: Box[][] = [];
  for (const slot of slotsOf(f.el)) {
    const lines = f.fixed.get(slot) ?? laySlot(slot, f.style, ctx, opts.page);
    let y = 0;
    const slotBoxes: Box[] = [];
    for (const l of lines) {
      for (const b of l.boxes) slotBoxes.push(b.kind === 'text' || b.kind === 'link' ? { ...b, x: b.x + ctx.x, y: b.y + y } : b);
      y += l.height;
    }
    tallest = Math.max(tallest, y);
    slots.push(slotBoxes);
  }
  // Headers grow upwards from the body, footers downwards, so long furniture never overlaps the text.
  const top = f.above ? edge - tallest : edge;
  for (const s of slots) for (const b of s) boxes.push(b.kind === 'text' || b.kind === 'link' ? { ...b, y: b.y + top } : b);
  if (f.el.attrs.rule === 'true' || f.el.attrs.rule === '') {
    const ry = f.above ? edge + 3 : edge - 3;
    boxes.push({ kind: 'line', x1: ctx.x, x2: ctx.x + ctx.width, y1: ry, y2: ry, lineWidth: 0.5, color: D.rule, role: 'Artifact' });
  }
  return boxes;
}
