import { layoutMessage } from '../core/layoutMessages.js';
import { moveBox, type Box } from './model.js';
import type { MarkupElement } from '../markup/parseMarkup.js';
import { emptyFragment, stackFragments, type Fragment } from './fragment.js';
import { contrastRatio, MIN_CONTRAST, textOn } from '../../colors/contrast.js';
import { colorAttr, structNode, type FlowContext, type LayoutFlow } from './flowContext.js';
import { LAYOUT_DEFAULTS as D } from './layoutDefaults.js';
import { VOCABULARY } from '../markup/vocabulary.js';
import { MM, parseNumber, parseWidth, type Width } from '../core/units.js';
import { pushAll } from '../core/pushAll.js';

const elements = (el: MarkupElement, name?: string) =>
  el.children.filter((c): c is MarkupElement => c.type === 'element' && (!name || c.name === name));

/** Resolves column widths: fixed and percentages first, `*` shares the rest; scaled down if too wide. */
export function columnWidths(specs: Width[], count: number, total: number): number[] {
  const all: Width[] = Array.from({ length: count }, (_, i) => specs[i] ?? { kind: 'star', value: 1 });
  const fixed = all.map((w) => (w.kind === 'abs' ? w.value : w.kind === 'percent' ? (w.value / 100) * total : 0));
  const used = fixed.reduce((a, b) => a + b, 0);
  const stars = all.reduce((a, w) => a + (w.kind === 'star' ? w.value : 0), 0);
  const rest = Math.max(0, total - used);
  let widths = all.map((w, i) => (w.kind === 'star' ? (rest * w.value) / stars : fixed[i]));
  const sum = widths.reduce((a, b) => a + b, 0);
  if (sum > total || (stars === 0 && sum < total)) widths = widths.map((w) => (w * total) / sum);
  return widths;
}

interface RowSpec {
  el: MarkupElement;
  header: boolean;
}

/** Tables laid out by capa: one unbreakable fragment per row, header rows repeated after each page break. */
export function layoutTable(el: MarkupElement, ctx: FlowContext, layoutFlow: LayoutFlow): Fragment[] {
  const tableNode = structNode(ctx, 'Table');
  const rules = el.attrs.rules ?? 'rows';
  const size = parseNumber(el.attrs.size ?? '').ok ? Number(el.attrs.size) : ctx.style.size * 0.95;
  const stripe = colorAttr(el, 'stripe');
  const headerFill = colorAttr(el, 'header-fill') ?? D.headerFill;
  const rows: RowSpec[] = [];
  for (const part of elements(el)) {
    if (part.name === 'thead') pushAll(rows, elements(part, 'tr').map((r) => ({ el: r, header: true })));
    else if (part.name === 'tbody') pushAll(rows, elements(part, 'tr').map((r) => ({ el: r, header: false })));
    else if (part.name === 'tr') rows.push({ el: part, header: false });
  }
  const span = (c: MarkupElement) => Number(c.attrs.colspan ?? 1);
  const count = Math.max(1, ...rows.map((r) => elements(r.el).reduce((s, c) => s + span(c), 0)));
  const specs = elements(el, 'col').map((c) => {
    const w = parseWidth(c.attrs.width ?? '*');
    return w.ok ? w.value : ({ kind: 'star', value: 1 } as Width);
  });
  const widths = columnWidths(specs, count, ctx.width);
  const lefts = widths.map((_, i) => ctx.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const padX = D.cellPadX;
  const padY = D.cellPadY;
  const right = ctx.x + ctx.width;

  // One context serves every cell, updated cell by cell (layoutFlow keeps no reference to its context once it
  // returns): copying the whole context for each cell was the main cost of long tables. Likewise cells without
  // a colour of their own share the header or body style.
  const cellCtx: FlowContext = { ...ctx, containers: [], group: undefined };
  const headStyle = { ...ctx.style, size, bold: true, color: ctx.style.color };
  const bodyStyle = { ...ctx.style, size, bold: ctx.style.bold, color: ctx.style.color };

  const headerFrags: Fragment[] = [];
  const bodyFrags: Fragment[] = [];
  let bodyIndex = 0;
  for (const row of rows) {
    const rowNode = structNode(ctx, 'TR', { parent: tableNode });
    const cells: Array<{ boxes: Box[]; height: number; x: number; w: number; fill?: string }> = [];
    let col = 0;
    for (const cell of elements(row.el)) {
      const n = Math.min(span(cell), count - col);
      if (n <= 0) break;
      const x = lefts[col];
      const w = widths.slice(col, col + n).reduce((a, b) => a + b, 0);
      col += n;
      const th = cell.name === 'th' || row.header;
      const cellNode = structNode(ctx, th ? 'TH' : 'TD', { parent: rowNode, scope: th ? (row.header ? 'Column' : 'Row') : undefined });
      // Without a colour of its own, a cell's text keeps the body colour unless its fill needs white (a header on the primary colour).
      const fill = colorAttr(cell, 'fill') ?? colorAttr(row.el, 'fill') ?? (row.header ? headerFill : undefined);
      const color = colorAttr(cell) ?? (fill && contrastRatio(ctx.style.color, fill) < MIN_CONTRAST.text ? textOn(fill) : undefined);
      cellCtx.x = x + padX;
      cellCtx.width = Math.max(1, w - 2 * padX);
      cellCtx.parent = cellNode;
      cellCtx.style = color === undefined ? (th ? headStyle : bodyStyle) : { ...ctx.style, size, bold: th || ctx.style.bold, color };
      const content = layoutFlow(wrapAligned(cell), cellCtx);
      if (content.length) {
        content[0].spaceBefore = 0;
        content[content.length - 1].spaceAfter = 0;
      }
      const { boxes, height } = stackFragments(content);
      cells.push({ boxes, height, x, w, fill: colorAttr(cell, 'fill') });
    }
    const height = Math.max(size * D.lineHeight, ...cells.map((c) => c.height)) + 2 * padY;
    const rowFill = colorAttr(row.el, 'fill') ?? (row.header ? headerFill : stripe && bodyIndex % 2 === 1 ? stripe : undefined);
    const boxes: Box[] = [];
    if (rowFill) boxes.push({ kind: 'rect', x: ctx.x, y: 0, width: ctx.width, height, fill: rowFill, role: 'Artifact' });
    for (const c of cells) {
      if (c.fill) boxes.push({ kind: 'rect', x: c.x, y: 0, width: c.w, height, fill: c.fill, role: 'Artifact' });
    }
    for (const c of cells) for (const b of c.boxes) boxes.push(moveBox(b, 0, padY));
    if (rules === 'rows') {
      const strong = row.header;
      boxes.push({ kind: 'line', x1: ctx.x, x2: right, y1: height, y2: height, lineWidth: strong ? 0.9 : 0.5, color: strong ? D.ruleStrong : D.rule, role: 'Artifact' });
    } else if (rules === 'grid') {
      boxes.push({ kind: 'line', x1: ctx.x, x2: right, y1: 0, y2: 0, lineWidth: 0.5, color: D.ruleStrong, role: 'Artifact' });
      boxes.push({ kind: 'line', x1: ctx.x, x2: right, y1: height, y2: height, lineWidth: 0.5, color: D.ruleStrong, role: 'Artifact' });
      for (const x of [...cells.map((c) => c.x), right]) boxes.push({ kind: 'line', x1: x, x2: x, y1: 0, y2: height, lineWidth: 0.5, color: D.ruleStrong, role: 'Artifact' });
    }
    const frag = emptyFragment({ height, boxes, containers: ctx.containers, group: ctx.group, source: { name: 'tr', line: row.el.line, column: row.el.column } });
    if (row.header) {
      frag.isHeader = true;
      frag.keepWithNext = true;
      headerFrags.push(frag);
    } else {
      // `keep-with-next`: a row that heads the rows below it (a group title, a slot before its steps)
      // is never left alone at the foot of a page.
      if (row.el.attrs['keep-with-next'] === 'true') frag.keepWithNext = true;
      // `optional`: a row (a blank one to fill in) that is left out rather than start a page.
      if (row.el.attrs.optional === 'true') frag.droppable = true;
      bodyIndex++;
      bodyFrags.push(frag);
    }
    const headerHeight = row.header ? 0 : headerFrags.reduce((s, f) => s + f.height, 0);
    if (height + headerHeight > ctx.bodyHeight) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'layout/row-too-tall',
        message: layoutMessage(ctx.lang, 'rowTooTall', { height: ((height + headerHeight) / MM).toFixed(0), avail: (ctx.bodyHeight / MM).toFixed(0) }),
        file: ctx.file,
        line: row.el.line,
        column: row.el.column,
      });
    }
  }
  // A rule above the first row frames the table in the `rows` style.
  const first = headerFrags[0] ?? bodyFrags[0];
  if (first && rules === 'rows') {
    for (const f of headerFrags.length ? headerFrags.slice(0, 1) : [first]) {
      f.boxes.push({ kind: 'line', x1: ctx.x, x2: right, y1: 0, y2: 0, lineWidth: 0.9, color: D.ruleStrong, role: 'Artifact' });
    }
  }
  for (const f of bodyFrags) if (headerFrags.length) f.repeat = headerFrags;
  keepTwoRows(bodyFrags.filter((f) => !f.droppable));
  const all = [...headerFrags, ...bodyFrags];
  if (all.length) {
    all[0].spaceBefore = ctx.style.size * 0.4;
    all[all.length - 1].spaceAfter = ctx.style.size * 0.9;
  }
  return all;
}

/**
 * A table splits only with at least two rows on each side: the first two rows stay together, and so do the last
 * two (three rows or fewer stay whole).
 */
function keepTwoRows(body: Fragment[]): void {
  const n = body.length;
  if (n < 2) return;
  body[0].keepWithNext = true;
  body[n - 2].keepWithNext = true;
}

/** A cell's `align` applies to its loose text, as if it were a `<p align>`. */
function wrapAligned(cell: MarkupElement) {
  const align = cell.attrs.align;
  const inlineOnly = cell.children.every((c) => c.type === 'text' || VOCABULARY[c.name]?.category === 'inline');
  if (!align || !inlineOnly) return cell.children;
  return [{ ...cell, name: 'p', attrs: { align }, children: cell.children }] as MarkupElement[];
}
