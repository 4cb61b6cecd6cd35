import { breakLines } from '../flow/inlineLayout.js';
import { layoutFace, type Rect } from './layoutFace.js';
import { faceKey, type FaceCache } from './FaceCache.js';
import { lengthAttr, structNode, type FlowContext } from '../flow/flowContext.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { Box, FitRecord, LineBox, OutlineEntry, Page, TrimBox } from '../flow/model.js';
import type { MarkupElement, MarkupNode } from '../markup/parseMarkup.js';
import { MM, parseNumber } from '../core/units.js';
import { pushAll } from '../core/pushAll.js';

/**
 * Crop marks: this far outside the bleed (so a cut never shows a mark), this long (at least `minLength` where the
 * margin is narrow), this thin (points). `edge` keeps them inside what an office printer prints: lasers and inkjets
 * leave 4.2 mm (HP, Brother: 1/6 inch) to 5 mm (Canon, Epson sides) of every edge blank, so a mark ending 5 mm in
 * survives all of them (see docs/printing.md).
 */
export const CROP_MARK = { offset: 1 * MM, length: 5 * MM, minLength: 3 * MM, edge: 5 * MM, width: 0.3, color: '#000000' } as const;

export type Duplex = 'long-edge' | 'short-edge';

export interface SheetGrid {
  cols: number;
  rows: number;
  /** Front trim boxes of one sheet, row by row (reading order). */
  slots: Rect[];
}

/**
 * How many items of `item` size fit on a page with their bleed and crop marks, and where: the grid is centred on
 * the page, so the margins left and right (top and bottom) are equal and a back mirrored about the page's
 * centre line falls exactly behind its front.
 */
export function sheetGrid(opts: { page: { width: number; height: number }; item: { width: number; height: number }; gutter: number; bleed: number }): SheetGrid {
  const { page, item, gutter, bleed } = opts;
  const margin = bleed + CROP_MARK.offset + CROP_MARK.minLength + CROP_MARK.edge;
  const count = (room: number, size: number) => Math.max(0, Math.floor((room - 2 * margin + gutter + 1e-6) / (size + gutter)));
  const cols = count(page.width, item.width);
  const rows = count(page.height, item.height);
  const left = (page.width - (cols * item.width + (cols - 1) * gutter)) / 2;
  const top = (page.height - (rows * item.height + (rows - 1) * gutter)) / 2;
  const slots: Rect[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) slots.push({ x: left + c * (item.width + gutter), y: top + r * (item.height + gutter), width: item.width, height: item.height });
  }
  return { cols, rows, slots };
}

/** The largest bleed (points) with which one item still fits on the page with its crop marks; negative when none does. */
export function maxBleed(opts: { page: { width: number; height: number }; item: { width: number; height: number } }): number {
  const { page, item } = opts;
  const marks = CROP_MARK.offset + CROP_MARK.minLength + CROP_MARK.edge;
  // One item per row and column (no gutter): room − 2 × (bleed + marks) ≥ size, as in `sheetGrid`.
  return Math.min((page.width - item.width) / 2, (page.height - item.height) / 2) - marks;
}

/**
 * Where the back of the item at `front` is printed so that it lands behind it: printed on the long edge the
 * sheet turns about its vertical axis (left and right swap), on the short edge about its horizontal axis.
 * `offset` (points) then moves every back to correct a printer's duplex shift.
 */
export function backOf(opts: { front: Rect; page: { width: number; height: number }; duplex: Duplex; offset: { x: number; y: number } }): Rect {
  const { front, page, duplex, offset } = opts;
  const x = duplex === 'long-edge' ? page.width - front.x - front.width : front.x;
  const y = duplex === 'short-edge' ? page.height - front.y - front.height : front.y;
  return { x: x + offset.x, y: y + offset.y, width: front.width, height: front.height };
}

/** Crop marks for trim boxes: each trim line extended into the margins, starting outside the bleed. */
export function cropMarks(opts: { trims: Rect[]; bleed: number; page: { width: number; height: number } }): LineBox[] {
  const { trims, bleed, page } = opts;
  if (!trims.length) return [];
  const key = (v: number) => Math.round(v * 100) / 100;
  const xs = [...new Set(trims.flatMap((t) => [key(t.x), key(t.x + t.width)]))].sort((a, b) => a - b);
  const ys = [...new Set(trims.flatMap((t) => [key(t.y), key(t.y + t.height)]))].sort((a, b) => a - b);
  const top = Math.min(...trims.map((t) => t.y));
  const bottom = Math.max(...trims.map((t) => t.y + t.height));
  const left = Math.min(...trims.map((t) => t.x));
  const right = Math.max(...trims.map((t) => t.x + t.width));
  const off = bleed + CROP_MARK.offset;
  const edge = CROP_MARK.edge;
  const marks: LineBox[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.hypot(x2 - x1, y2 - y1) < CROP_MARK.minLength - 0.01) return;
    marks.push({ kind: 'line', x1, y1, x2, y2, lineWidth: CROP_MARK.width, color: CROP_MARK.color, role: 'Artifact', mark: 'crop' });
  };
  for (const x of xs) {
    line(x, top - off, x, Math.max(edge, top - off - CROP_MARK.length));
    line(x, bottom + off, x, Math.min(page.height - edge, bottom + off + CROP_MARK.length));
  }
  for (const y of ys) {
    line(left - off, y, Math.max(edge, left - off - CROP_MARK.length), y);
    line(right + off, y, Math.min(page.width - edge, right + off + CROP_MARK.length), y);
  }
  return marks;
}

export interface ImposeSheetResult {
  pages: Page[];
  outline: OutlineEntry[];
  fits: FitRecord[];
}

/**
 * Imposes a `<sheet>`: its cards N-up, each sheet of fronts followed by the sheet of their backs (mirrored for
 * duplex, shifted by the duplex offset), crop marks as artifacts; with `calibration`, a test pair first.
 */
export function imposeSheet(opts: { sheet: MarkupElement; ctx: FlowContext; page: { width: number; height: number }; firstPage: number; faces?: FaceCache }): ImposeSheetResult {
  const { sheet, ctx, page } = opts;
  const item = { width: lengthAttr(sheet, 'item-width') ?? 0, height: lengthAttr(sheet, 'item-height') ?? 0 };
  const bleed = lengthAttr(sheet, 'bleed') ?? 0;
  // Items with bleed need room for two bleeds between them; without, neighbours share one cut.
  const gutter = Math.max(lengthAttr(sheet, 'gutter') ?? 0, 2 * bleed);
  const duplex: Duplex = sheet.attrs.duplex === 'short-edge' ? 'short-edge' : 'long-edge';
  const mm = (name: string) => {
    const n = parseNumber(sheet.attrs[name] ?? '');
    return n.ok ? n.value * MM : 0;
  };
  const offset = { x: mm('offset-x'), y: mm('offset-y') };
  const grid = sheetGrid({ page, item, gutter, bleed });
  const result: ImposeSheetResult = { pages: [], outline: [], fits: [] };
  if (!grid.slots.length) {
    const size = { width: (item.width / MM).toFixed(0), height: (item.height / MM).toFixed(0) };
    // When a smaller bleed would leave room, the bleed is what to change: say so, and by how much.
    const max = Math.floor(maxBleed({ page, item }) / MM);
    const byBleed = bleed > 0 && max >= 0;
    ctx.diagnostics.push({
      severity: 'error',
      code: 'layout/item-too-large',
      message: byBleed
        ? layoutMessage(ctx.lang, 'bleedTooLarge', { bleed: (bleed / MM).toFixed(0), ...size })
        : layoutMessage(ctx.lang, 'itemTooLarge', size),
      ...(byBleed ? { hint: layoutMessage(ctx.lang, 'bleedHint', { max }) } : {}),
      file: ctx.file,
      line: sheet.line,
      column: sheet.column,
    });
    return result;
  }
  const addPage = (items: Box[], trims: TrimBox[]) => {
    result.pages.push({ width: page.width, height: page.height, items, trims, bleed });
  };
  const pageIndex = () => opts.firstPage + result.pages.length;

  if (sheet.attrs.calibration !== undefined && sheet.attrs.calibration !== 'false') {
    const fronts = grid.slots;
    const backs = fronts.map((front) => backOf({ front, page, duplex, offset }));
    const note = sheet.attrs['calibration-note'];
    addPage(calibrationFace({ slots: fronts, ctx, note, scales: false, bleed, page }), fronts.map((t, i) => ({ ...t, label: '', item: i, side: 'calibration' })));
    addPage(calibrationFace({ slots: backs, ctx, note, scales: true, bleed, page }), backs.map((t, i) => ({ ...t, label: '', item: i, side: 'calibration' })));
  }

  const cards = sheet.children.filter((c): c is MarkupElement => c.type === 'element' && c.name === 'card');
  for (let start = 0; start < cards.length; start += grid.slots.length) {
    const chunk = cards.slice(start, start + grid.slots.length);
    // One section (`Sect`) per item, titled with its label, holding the text of its front then its back: a screen
    // reader reads card by card, whichever page each face is printed on, and a template's `<p level>` heads it.
    // Fills and crop marks stay artifacts.
    const divs = chunk.map((card) => {
      const id = structNode(ctx, 'Sect');
      if (card.attrs.label) ctx.structure.setTitle(id, card.attrs.label);
      return id;
    });
    for (const side of ['front', 'back'] as const) {
      const faces = chunk.map((card) => card.children.find((c): c is MarkupElement => c.type === 'element' && c.name === side));
      if (!faces.some(Boolean)) continue;
      const items: Box[] = [];
      const trims: TrimBox[] = [];
      faces.forEach((face, i) => {
        const front = grid.slots[i];
        const trim = side === 'front' ? front : backOf({ front, page, duplex, offset });
        const label = chunk[i].attrs.label ?? '';
        trims.push({ ...trim, label, item: start + i, side });
        if (side === 'front') result.outline.push({ level: 1, title: label, page: pageIndex(), y: trim.y });
        if (!face) return;
        const at = pageIndex();
        const faceCtx = { ...ctx, parent: divs[i] };
        const laid = opts.faces
          ? opts.faces.layout(faceKey(face, [trim, bleed, label, side]), faceCtx, (c) => layoutFace({ face, trim, bleed, ctx: c, label, side, page: at }), at)
          : layoutFace({ face, trim, bleed, ctx: faceCtx, label, side, page: at });
        pushAll(items, laid.boxes);
        pushAll(result.fits, laid.fits);
      });
      items.push(...cropMarks({ trims, bleed, page }));
      addPage(items, trims);
    }
  }
  return result;
}

/**
 * A calibration face: at every item position a cross at the trim centre; on the back, millimetre scales around
 * it. Printed double-sided and held against the light, the front's cross shows through and the scales read the
 * printer's shift, which goes into `build.duplex_offset_mm`.
 */
function calibrationFace(opts: { slots: Rect[]; ctx: FlowContext; note?: string; scales: boolean; bleed: number; page: { width: number; height: number } }): Box[] {
  const { slots, ctx, scales } = opts;
  const boxes: Box[] = [];
  const ink = scales ? '#C0392B' : '#000000';
  const line = (x1: number, y1: number, x2: number, y2: number, w = 0.5): void => {
    boxes.push({ kind: 'line', x1, y1, x2, y2, lineWidth: w, color: ink, role: 'Artifact' });
  };
  for (const s of slots) {
    boxes.push({ kind: 'rect', x: s.x, y: s.y, width: s.width, height: s.height, stroke: '#B8C2CC', lineWidth: 0.4, role: 'Artifact' });
    const cx = s.x + s.width / 2;
    const cy = s.y + s.height / 2;
    const arm = Math.min(s.width, s.height) * 0.3;
    line(cx - arm, cy, cx + arm, cy);
    line(cx, cy - arm, cx, cy + arm);
    if (!scales) continue;
    for (let k = -10; k <= 10; k++) {
      if (k === 0) continue;
      const t = (k % 5 === 0 ? 2.5 : 1.2) * MM;
      line(cx + k * MM, cy - t, cx + k * MM, cy + t, 0.3);
      line(cx - t, cy + k * MM, cx + t, cy + k * MM, 0.3);
      if (k % 5 === 0) {
        const label = (k > 0 ? '+' : '') + String(k);
        const size = 5;
        const w = ctx.book.width(label, 'text', size);
        boxes.push({ kind: 'text', text: label, font: 'text', size, color: ink, x: cx + k * MM - w / 2, y: cy - 3.5 * MM, width: w, role: 'Artifact' });
        boxes.push({ kind: 'text', text: label, font: 'text', size, color: ink, x: cx + 3.5 * MM, y: cy + k * MM + size * 0.35, width: w, role: 'Artifact' });
      }
    }
  }
  if (opts.note && slots.length) {
    // The note goes in the first item, under its cross: the margins belong to the crop marks.
    const s = slots[0];
    const width = s.width - 10 * MM;
    const node = structNode(ctx, 'P');
    const lines = breakLines({
      runs: [{ text: opts.note, style: { bold: false, italic: false, size: 8, color: '#1F2933' } }],
      width,
      book: ctx.book,
      role: 'P',
      node,
      lineHeight: 1.3,
    });
    let y = s.y + s.height / 2 + Math.min(s.width, s.height) * 0.3 + 4 * MM;
    for (const l of lines) {
      for (const b of l.boxes) if (b.kind === 'text') boxes.push({ ...b, x: b.x + s.x + 5 * MM, y: b.y + y });
      y += l.height;
    }
  }
  boxes.push(...cropMarks({ trims: slots, bleed: opts.bleed, page: opts.page }));
  return boxes;
}

/** Whether a body node beside `<sheet>`s would have no place on a cut sheet: it is reported, not silently dropped. */
export function misplacedBesideSheets(n: MarkupNode): boolean {
  return n.type === 'text' ? n.text.trim() !== '' : n.name !== 'sheet';
}

/**
 * A document of `<sheet>`s: each imposed in turn. `misplaced` holds the line and column, in pairs, of each body node
 * that has no place on a cut sheet (`misplacedBesideSheets`): each is reported. A footer is drawn below the lowest
 * crop mark.
 */
export function imposeSheets(opts: { misplaced: number[]; sheets: MarkupElement[]; ctx: FlowContext; page: { width: number; height: number }; faces?: FaceCache }) {
  const { ctx, page, misplaced } = opts;
  for (let i = 0; i < misplaced.length; i += 2) {
    ctx.diagnostics.push({ severity: 'error', code: 'template/misplaced-element', message: layoutMessage(ctx.lang, 'sheetAlone'), file: ctx.file, line: misplaced[i]!, column: misplaced[i + 1]! });
  }
  opts.faces?.begin();
  const pages: Page[] = [];
  const outline: OutlineEntry[] = [];
  const fits: FitRecord[] = [];
  for (const sheet of opts.sheets) {
    const r = imposeSheet({ sheet, ctx, page, firstPage: pages.length, faces: opts.faces });
    pushAll(pages, r.pages);
    pushAll(outline, r.outline);
    pushAll(fits, r.fits);
  }
  const footerEdge = pages.map((p) => {
    const lowest = Math.max(0, ...(p.trims ?? []).map((t) => t.y + t.height), ...p.items.flatMap((b) => (b.kind === 'line' && b.mark ? [b.y1, b.y2] : [])));
    // Never closer to the paper's edge than the crop marks (CROP_MARK.edge), room left for a line of small print:
    // on a tight sheet the line sits between the bottom marks, under the bleed.
    return Math.min(lowest + 1.5 * MM, page.height - CROP_MARK.edge - 3.5 * MM);
  });
  return { pages, outline, fits, footerEdge };
}
