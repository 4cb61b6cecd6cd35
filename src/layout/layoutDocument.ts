import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { fontBook } from './fonts.js';
import { breakLines, collectRuns, type RunStyle } from './inlineLayout.js';
import { layoutFlow, type FlowContext } from './layoutFlow.js';
import { LAYOUT_DEFAULTS as D } from './layoutDefaults.js';
import type { Box, FitRecord, LayoutModel, OutlineEntry, Page } from './model.js';
import { imposeSheet } from './imposeSheet.js';
import { finishToc, prepareToc } from './layoutToc.js';
import { layoutMessage } from './layoutMessages.js';
import { paginate } from './paginate.js';
import { parseMarkup, type MarkupElement, type MarkupNode } from './parseMarkup.js';
import { MM, parseBool, parseColor, parseLength, parseNumber } from './units.js';
import { PAGE_SIZES } from './vocabulary.js';

export interface LayoutDocumentOptions {
  /** The markup a template produced. */
  markup: string;
  /** The template file the markup comes from, for diagnostics. */
  file: string;
  /** Language of diagnostic messages (the document language is `<document lang>`). */
  lang?: Lang;
  /** Returns the bytes of an image named in `<img src>`, or undefined when it is not an allowed asset. */
  assets?: (src: string) => Buffer | undefined;
}

export interface LayoutResult {
  /** Absent when there are diagnostics. */
  model?: LayoutModel;
  diagnostics: Diagnostic[];
}

/** Page margins from `margin="20"`, `"20 15"`, `"20 15 25"` or `"20 15 25 15"` (CSS order), in points. */
function margins(raw: string | undefined): [number, number, number, number] {
  const parts = (raw ?? '').trim().split(/\s+/).filter(Boolean).map((p) => {
    const l = parseLength(p);
    return l.ok ? l.value : 0;
  });
  const [t, r = t, b = t, l = r] = parts.length ? parts : D.margins.map((m) => m * MM);
  return [t, r, b, l];
}

/** Parses, checks and lays out a document: markup → pages of positioned boxes. */
export function layoutDocument(opts: LayoutDocumentOptions): LayoutResult {
  const lang = opts.lang ?? 'fr';
  const parsed = parseMarkup({ markup: opts.markup, file: opts.file, lang });
  if (!parsed.root || parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  const root = parsed.root;
  const a = root.attrs;
  const [pw, ph] = PAGE_SIZES[a.size ?? D.size];
  const landscape = a.orientation === 'landscape';
  const width = landscape ? ph : pw;
  const height = landscape ? pw : ph;
  const [mt, mr, mb, ml] = margins(a.margin);
  const size = parseNumber(a['font-size'] ?? '').ok ? Number(a['font-size']) : D.fontSize;
  const color = parseColor(a.color ?? '');
  const accent = parseColor(a.accent ?? '');
  const style: RunStyle = { bold: false, italic: false, size, color: color.ok ? color.value : D.textColor };
  const book = fontBook();
  const diagnostics: Diagnostic[] = [];
  // Every field is present from the start (`group`, `toc` too), so the context and its copies keep one shape.
  const ctx: FlowContext = {
    book,
    x: ml,
    width: width - ml - mr,
    style,
    accent: accent.ok ? accent.value : D.accent,
    lang,
    docLang: a.lang === 'en' ? 'en' : 'fr',
    file: opts.file,
    bodyHeight: height - mt - mb,
    containers: [],
    group: undefined,
    listDepth: 0,
    ids: { container: 0, group: 0 },
    structure: [],
    parent: 0,
    diagnostics,
    assets: opts.assets,
    images: new Map(),
    toc: undefined,
  };
  const body = root.children.filter((c) => !(c.type === 'element' && (c.name === 'header' || c.name === 'footer')));
  const sheets = body.filter((c): c is MarkupElement => c.type === 'element' && c.name === 'sheet');
  const imposed = sheets.length ? imposeSheets({ body, sheets, ctx, page: { width, height } }) : undefined;
  ctx.toc = imposed ? undefined : prepareToc(body);
  const fragments = imposed ? [] : layoutFlow(body, ctx);
  const { pages: flowed, outline: flowOutline } = imposed
    ? { pages: [], outline: [] }
    : paginate({ fragments, top: mt, height: ctx.bodyHeight, file: opts.file, lang, diagnostics });
  if (diagnostics.length) return { diagnostics };
  const laid = imposed ? imposed.pages.map((p) => ({ boxes: p.items as Box[] })) : flowed;
  // A PDF needs at least one page (a 0-page file is invalid and printers reject it): markup that places nothing
  // (a `<sheet>` with no `<card>`, an empty body) still yields one blank page, with its header and footer.
  const placed = laid.length ? laid : [{ boxes: [] as Box[] }];
  const outline = imposed ? imposed.outline : flowOutline;
  if (ctx.toc) finishToc(ctx.toc, outline, book);
  const destinations = outline.flatMap((o) => (o.anchor ? [{ name: o.anchor, page: o.page, y: o.y }] : []));
  // On imposed sheets the margins hold crop marks: page furniture goes below the lowest mark.
  const footerEdge = imposed ? (i: number) => imposed.footerEdge[i] ?? height - 6 * MM : () => height - mb + D.furnitureGap * MM;

  const header = root.children.find((c): c is MarkupElement => c.type === 'element' && c.name === 'header');
  const footer = root.children.find((c): c is MarkupElement => c.type === 'element' && c.name === 'footer');
  const skipFirst = (el: MarkupElement) => {
    const b = parseBool(el.attrs['skip-first'] ?? 'false');
    return b.ok && b.value;
  };
  const onPage = (el: MarkupElement | undefined, i: number): el is MarkupElement => !!el && !(i === 0 && skipFirst(el));
  const pages: Page[] = placed.map((p, i) => {
    const ctxPage = { page: i + 1, pages: placed.length };
    const furniture = [
      ...(onPage(header, i) ? pageFurniture({ el: header, ctx, page: ctxPage, edge: mt - D.furnitureGap * MM, above: true }) : []),
      ...(onPage(footer, i) ? pageFurniture({ el: footer, ctx, page: ctxPage, edge: footerEdge(i), above: false }) : []),
    ];
    const trims = imposed?.pages[i]?.trims;
    return { width, height, items: [...p.boxes, ...furniture], ...(trims ? { trims } : {}) };
  });
  return {
    model: {
      pages,
      outline,
      structure: ctx.structure,
      images: ctx.images,
      info: { title: a.title, author: a.author, subject: a.subject, keywords: a.keywords, lang: (a.lang as 'fr' | 'en') ?? 'fr' },
      ...(imposed ? { fits: imposed.fits } : {}),
      ...(destinations.length ? { destinations } : {}),
    },
    diagnostics: [],
  };
}

/**
 * A document of `<sheet>`s: each imposed in turn. Anything else in the body would have no place on a cut sheet,
 * so it is reported rather than silently dropped. A footer is drawn below the lowest crop mark.
 */
function imposeSheets(opts: { body: MarkupNode[]; sheets: MarkupElement[]; ctx: FlowContext; page: { width: number; height: number } }) {
  const { ctx, page } = opts;
  for (const n of opts.body) {
    if (n.type === 'text' ? n.text.trim() !== '' : n.name !== 'sheet') {
      ctx.diagnostics.push({ severity: 'error', code: 'template/misplaced-element', message: layoutMessage(ctx.lang, 'sheetAlone'), file: ctx.file, line: n.line, column: n.column });
    }
  }
  const pages: Page[] = [];
  const outline: OutlineEntry[] = [];
  const fits: FitRecord[] = [];
  for (const sheet of opts.sheets) {
    const r = imposeSheet({ sheet, ctx, page, firstPage: pages.length });
    pages.push(...r.pages);
    outline.push(...r.outline);
    fits.push(...r.fits);
  }
  const footerEdge = pages.map((p) => {
    const lowest = Math.max(0, ...(p.trims ?? []).map((t) => t.y + t.height), ...p.items.flatMap((b) => (b.kind === 'line' && b.mark ? [b.y1, b.y2] : [])));
    return Math.min(lowest + 1.5 * MM, page.height - 6 * MM);
  });
  return { pages, outline, fits, footerEdge };
}

/** Header or footer of one page: up to three aligned slots, with `page-number`/`page-count` filled in. */
function pageFurniture(opts: { el: MarkupElement; ctx: FlowContext; page: { page: number; pages: number }; edge: number; above: boolean }): Box[] {
  const { el, ctx, page, edge, above } = opts;
  const fsize = parseNumber(el.attrs['font-size'] ?? '').ok ? Number(el.attrs['font-size']) : D.furnitureSize;
  const c = parseColor(el.attrs.color ?? '');
  const style: RunStyle = { bold: false, italic: false, size: fsize, color: c.ok ? c.value : D.muted };
  const boxes: Box[] = [];
  let tallest = 0;
  const slots: Box[][] = [];
  for (const slot of el.children) {
    if (slot.type !== 'element') continue;
    const lines = breakLines({
      runs: collectRuns(slot.children, style, { page }),
      width: ctx.width,
      book: ctx.book,
      align: slot.name as 'left' | 'center' | 'right',
      role: 'Artifact',
    });
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
  const top = above ? edge - tallest : edge;
  for (const s of slots) for (const b of s) boxes.push(b.kind === 'text' || b.kind === 'link' ? { ...b, y: b.y + top } : b);
  if (el.attrs.rule === 'true' || el.attrs.rule === '') {
    const ry = above ? edge + 3 : edge - 3;
    boxes.push({ kind: 'line', x1: ctx.x, x2: ctx.x + ctx.width, y1: ry, y2: ry, lineWidth: 0.5, color: D.rule, role: 'Artifact' });
  }
  return boxes;
}
