import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { fontBook } from '../fonts/fonts.js';
import type { RunStyle } from '../flow/inlineLayout.js';
import { layoutFlow, type FlowContext } from '../flow/layoutFlow.js';
import { runPausing, runToEnd, type Checkpoint } from '../core/checkpoint.js';
import type { Fragment } from '../flow/fragment.js';
import { furnitureBoxes, prepareFurniture, type PreparedFurniture, type SourceField } from './layoutFurniture.js';
import { LAYOUT_DEFAULTS as D } from '../flow/layoutDefaults.js';
import type { Box, FitRecord, LayoutModel, OutlineEntry, Page } from '../flow/model.js';
import { ensureContrast } from './ensureContrast.js';
import { CROP_MARK, imposeSheet } from './imposeSheet.js';
import { finishToc, prepareToc } from '../flow/layoutToc.js';
import { layoutMessage } from '../core/layoutMessages.js';
import { paginateSteps } from './paginate.js';
import { parseMarkupSteps, type MarkupElement, type MarkupNode, type MarkupSource } from '../markup/parseMarkup.js';
import { MM, parseBool, parseColor, parseLength, parseNumber } from '../core/units.js';
import { PAGE_SIZES, VOCABULARY } from '../markup/vocabulary.js';
import { pushAll } from '../core/pushAll.js';

export interface LayoutDocumentOptions {
  /** The markup a template produced: one string, or its parts in order (read once, as the layout goes). */
  markup: MarkupSource;
  /** The template file the markup comes from, for diagnostics. */
  file: string;
  /** Language of diagnostic messages (the document language is `<document lang>`). */
  lang?: Lang;
  /** Returns the bytes of an image named in `<img src>`, or undefined when it is not an allowed asset. */
  assets?: (src: string) => Buffer | undefined;
  /** Kit values the markup prints, so text that cannot fit is reported at the field (`/kit/title`). */
  fields?: SourceField[];
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
  return runToEnd(layoutSteps(opts));
}

/** `layoutDocument`, pausing at `checkpoint` between blocks and pages so that a long layout can be interrupted. */
export function layoutDocumentPausing(opts: LayoutDocumentOptions, checkpoint: Checkpoint): Promise<LayoutResult> {
  return runPausing(layoutSteps(opts), checkpoint);
}

/** Narrowest printable area (mm) margins may leave: below it, text would be set a letter or two per line. */
const MIN_PRINTABLE = 40;

/** The layout, as a generator that yields wherever it may pause (between top-level blocks, every few pages). */
function* layoutSteps(opts: LayoutDocumentOptions): Generator<void, LayoutResult> {
  const lang = opts.lang ?? 'fr';
  const parsed = yield* parseMarkupSteps({ markup: opts.markup, file: opts.file, lang });
  if (!parsed.root || parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  yield;
  const root = parsed.root;
  const a = root.attrs;
  const [pw, ph] = PAGE_SIZES[a.size ?? D.size];
  const landscape = a.orientation === 'landscape';
  const width = landscape ? ph : pw;
  const height = landscape ? pw : ph;
  const [mt, mr, mb, ml] = margins(a.margin);
  const narrow = checkMargins({ root, page: { width, height }, margins: [mt, mr, mb, ml], file: opts.file, lang });
  if (narrow) return { diagnostics: [narrow] };
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
  const header = root.children.find((c): c is MarkupElement => c.type === 'element' && c.name === 'header');
  const footer = root.children.find((c): c is MarkupElement => c.type === 'element' && c.name === 'footer');
  const body = root.children.filter((c) => !(c.type === 'element' && (c.name === 'header' || c.name === 'footer')));
  // From here the body is held by `body` alone, which the flow empties block by block: the markup tree of a large
  // document is not kept whole next to its laid-out pages.
  root.children = [];
  const sheets = body.filter((c): c is MarkupElement => c.type === 'element' && c.name === 'sheet');
  const imposed = sheets.length ? imposeSheets({ body, sheets, ctx, page: { width, height } }) : undefined;
  sheets.length = 0;
  ctx.toc = imposed ? undefined : prepareToc(body);
  const fragments: Fragment[] = [];
  if (!imposed) {
    // Block by block, as `layoutFlow(body)` would (loose inline content between blocks makes one paragraph each).
    for (const part of flowParts(body)) {
      for (const f of layoutFlow(part, ctx)) fragments.push(f);
      yield;
    }
  }
  body.length = 0;
  const { pages: flowed, outline: flowOutline } = imposed
    ? { pages: [], outline: [] }
    : yield* paginateSteps({ fragments, top: mt, height: ctx.bodyHeight, file: opts.file, lang, diagnostics });
  // Their boxes are on the pages now; the fragments themselves (one per line or row) are no longer needed.
  fragments.length = 0;
  if (diagnostics.length) return { diagnostics };
  const laid: Array<{ boxes: Box[]; running?: string }> = imposed ? imposed.pages.map((p) => ({ boxes: p.items as Box[] })) : flowed;
  // A PDF needs at least one page (a 0-page file is invalid and printers reject it): markup that places nothing
  // (a `<sheet>` with no `<card>`, an empty body) still yields one blank page, with its header and footer.
  const placed = laid.length ? laid : [{ boxes: [] as Box[] }];
  const outline = imposed ? imposed.outline : flowOutline;
  if (ctx.toc) finishToc(ctx.toc, outline, book);
  const destinations = outline.flatMap((o) => (o.anchor ? [{ name: o.anchor, page: o.page, y: o.y }] : []));
  // On imposed sheets the margins hold crop marks: page furniture goes below the lowest mark.
  const footerEdge = imposed ? (i: number) => imposed.footerEdge[i] ?? height - 6 * MM : () => height - mb + D.furnitureGap * MM;
  const headerEdge = mt - D.furnitureGap * MM;

  const skipFirst = (el: MarkupElement) => {
    const b = parseBool(el.attrs['skip-first'] ?? 'false');
    return b.ok && b.value;
  };
  // Furniture is fitted into its margin once (the lowest footer edge of all pages stands for every page).
  let lowestFooter = -Infinity;
  for (let i = 0; i < placed.length; i++) lowestFooter = Math.max(lowestFooter, footerEdge(i));
  const prepare = (el: MarkupElement | undefined, above: boolean) =>
    el && prepareFurniture({ el, ctx, edge: above ? headerEdge : lowestFooter, pageHeight: height, above, pages: placed.length, fields: opts.fields });
  const head = prepare(header, true);
  const foot = prepare(footer, false);
  if (diagnostics.length) return { diagnostics };
  const onPage = (f: PreparedFurniture | undefined, i: number): f is PreparedFurniture => !!f && !(i === 0 && skipFirst(f.el));
  const pages: Page[] = [];
  for (let i = 0; i < placed.length; i++) {
    if ((i & 63) === 63) yield;
    const p = placed[i];
    const ctxPage = { page: i + 1, pages: placed.length, running: p.running };
    const furniture = [
      ...(onPage(head, i) ? furnitureBoxes(head, { ctx, page: ctxPage, edge: headerEdge }) : []),
      ...(onPage(foot, i) ? furnitureBoxes(foot, { ctx, page: ctxPage, edge: footerEdge(i) }) : []),
    ];
    const sheet = imposed?.pages[i];
    pages.push({ width, height, items: ensureContrast([...p.boxes, ...furniture]), ...(sheet?.trims ? { trims: sheet.trims, bleed: sheet.bleed ?? 0 } : {}) });
    p.boxes = [];
  }
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

/** The body cut where `layoutFlow` starts a new block: each block alone, each run of loose inline content alone. */
function* flowParts(body: MarkupNode[]): Generator<MarkupNode[]> {
  let inline: MarkupNode[] = [];
  for (let i = 0; i < body.length; i++) {
    const n = body[i];
    // Laid out once yielded: the array stops holding it, so a block's markup is released with its layout.
    (body as Array<MarkupNode | undefined>)[i] = undefined;
    if (n.type === 'text' || VOCABULARY[n.name]?.category === 'inline') {
      inline.push(n);
      continue;
    }
    if (inline.length) yield inline;
    inline = [];
    yield [n];
  }
  if (inline.length) yield inline;
}

/** Margins that leave no room to set text are refused at `<document>` rather than printing a letter per line. */
function checkMargins(opts: {
  root: MarkupElement;
  page: { width: number; height: number };
  margins: [number, number, number, number];
  file: string;
  lang: Lang;
}): Diagnostic | undefined {
  const [mt, mr, mb, ml] = opts.margins;
  const w = opts.page.width - ml - mr;
  const h = opts.page.height - mt - mb;
  if (w >= MIN_PRINTABLE * MM && h >= MIN_PRINTABLE * MM) return undefined;
  const mm = (v: number) => String(Math.round((v / MM) * 10) / 10);
  return {
    severity: 'error',
    code: 'template/margins-too-wide',
    message: layoutMessage(opts.lang, 'marginsTooWide', {
      margins: opts.margins.map(mm).join(' '),
      width: mm(Math.max(0, w)),
      height: mm(Math.max(0, h)),
      min: MIN_PRINTABLE,
    }),
    hint: layoutMessage(opts.lang, 'marginsHint', { pageWidth: mm(opts.page.width), pageHeight: mm(opts.page.height) }),
    file: opts.file,
    line: opts.root.line,
    column: opts.root.column,
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
