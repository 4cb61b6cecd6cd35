import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { fontBook } from '../fonts/fonts.js';
import type { RunStyle } from '../flow/inlineLayout.js';
import { layoutFlow, type FlowContext } from '../flow/layoutFlow.js';
import { runPausing, runToEnd, type Checkpoint } from '../core/checkpoint.js';
import { furnitureBoxes, prepareFurniture, type PreparedFurniture, type SourceField } from './layoutFurniture.js';
import { LAYOUT_DEFAULTS as D } from '../flow/layoutDefaults.js';
import { StructureList, type Box, type LayoutModel, type OutlineEntry, type Page } from '../flow/model.js';
import { ensureContrast } from './ensureContrast.js';
import { imposeSheets } from './imposeSheet.js';
import type { FaceCache } from './FaceCache.js';
import { finishToc, prepareToc } from '../flow/layoutToc.js';
import { layoutMessage } from '../core/layoutMessages.js';
import { Paginator, type PaginatedPage } from './paginate.js';
import { PageStore } from './pageStore.js';
import { parseMarkupSteps, type MarkupElement, type MarkupNode, type MarkupSource } from '../markup/parseMarkup.js';
import { MM, parseBool, parseColor, parseLength, parseNumber } from '../core/units.js';
import { PAGE_SIZES, VOCABULARY } from '../markup/vocabulary.js';

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
  /** Boxes of finished pages kept in memory before the rest wait in a file (see pageStore.ts); tests lower it. */
  pageBudget?: number;
  /** Card faces of the last layout of this document, reused when unchanged (`capa build --watch`; FaceCache.ts). */
  faces?: FaceCache;
}

export interface LayoutResult {
  /** Absent when there are diagnostics. */
  model?: LayoutModel;
  diagnostics: Diagnostic[];
}

/**
 * A laid-out document whose pages are made one at a time, in order, as they are drawn: `pages` can be read once.
 * `close` releases what holds the pages waiting (see pageStore.ts); call it whether or not they were all read.
 */
export interface StreamedLayout extends Omit<LayoutModel, 'pages'> {
  pages: Iterable<Page>;
  pageCount: number;
  close(): void;
  /** What pagination held at most at once (fragments, pages being set, pages waiting in memory): tests check the bound. */
  held: { fragments: number; drafted: number; inMemory: number };
}

export interface StreamedResult {
  model?: StreamedLayout;
  diagnostics: Diagnostic[];
}

/** Margins from `margin="20"`, `"20 15"`, `"20 15 25"` or `"20 15 25 15"` (CSS order), in points. */
function margins(raw: string | undefined): [number, number, number, number] {
  const parts = (raw ?? '').trim().split(/\s+/).filter(Boolean).map((p) => {
    const l = parseLength(p);
    return l.ok ? l.value : 0;
  });
  const [t, r = t, b = t, l = r] = parts.length ? parts : D.margins.map((m) => m * MM);
  return [t, r, b, l];
}

/** Parses, checks and lays out a document: markup → pages of positioned boxes, all in memory (tests, previews). */
export function layoutDocument(opts: LayoutDocumentOptions): LayoutResult {
  return whole(runToEnd(layoutSteps(opts)));
}

/** `layoutDocument`, pausing at `checkpoint` between blocks and pages so that a long layout can be interrupted. */
export async function layoutDocumentPausing(opts: LayoutDocumentOptions, checkpoint: Checkpoint): Promise<LayoutResult> {
  return whole(await runPausing(layoutSteps(opts), checkpoint));
}

/** The layout with its pages made as they are read (the build's way: memory holds a few pages, not the document). */
export function layoutStreamed(opts: LayoutDocumentOptions, checkpoint?: Checkpoint): StreamedResult | Promise<StreamedResult> {
  return checkpoint ? runPausing(layoutSteps(opts), checkpoint) : runToEnd(layoutSteps(opts));
}

function whole(r: StreamedResult): LayoutResult {
  if (!r.model) return { diagnostics: r.diagnostics };
  const { pages, pageCount: _count, close, held: _held, ...rest } = r.model;
  try {
    return { model: { ...rest, pages: [...pages] }, diagnostics: r.diagnostics };
  } finally {
    close();
  }
}

/** Narrowest printable area (mm) margins may leave: below it, text would be set a letter or two per line. */
const MIN_PRINTABLE = 40;

/** The layout, as a generator that yields wherever it may pause (between top-level blocks, every few pages). */
function* layoutSteps(opts: LayoutDocumentOptions): Generator<void, StreamedResult> {
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
    structure: new StructureList(),
    parent: 0,
    diagnostics,
    assets: opts.assets,
    images: new Map(),
    toc: undefined,
  };
  const body = root.children.filter((c) => !(c.type === 'element' && (c.name === 'header' || c.name === 'footer')));
  // From here the body is held by `body` alone, which the flow empties block by block: the markup tree of a large
  // document is not kept whole next to its laid-out pages. The header and footer stay, for `finishLayout`.
  root.children = root.children.filter((c) => c.type === 'element' && (c.name === 'header' || c.name === 'footer'));
  const sheets = body.filter((c): c is MarkupElement => c.type === 'element' && c.name === 'sheet');
  const imposed = sheets.length ? imposeSheets({ body, sheets, ctx, page: { width, height }, faces: opts.faces }) : undefined;
  sheets.length = 0;
  ctx.toc = imposed ? undefined : prepareToc(body);
  // Sheets of cards are few and whole; flowing pages wait in the store (in a file when the document is long).
  const store = new PageStore(opts.pageBudget);
  let handedOver = false;
  try {
    const held = { fragments: 0, drafted: 0, inMemory: 0 };
    let outline: OutlineEntry[];
    if (imposed) {
      for (const p of imposed.pages) store.add({ boxes: p.items }, true);
      outline = imposed.outline;
    } else {
      // Contents pages stay in memory: their numbers are filled in once the headings have pages (`finishToc`).
      const toc = ctx.toc;
      const numbers = new Set<Box>();
      const holdsNumbers = (p: PaginatedPage) => {
        if (!toc?.numbers.length) return false;
        if (numbers.size < toc.numbers.length) for (const n of toc.numbers) numbers.add(n.box);
        return p.boxes.some((b) => numbers.has(b));
      };
      const pager = new Paginator({ top: mt, height: ctx.bodyHeight, file: opts.file, lang, diagnostics, onPage: (p) => store.add(p, holdsNumbers(p)) });
      // Block by block, as `layoutFlow(body)` would (loose inline content between blocks makes one paragraph each);
      // each block's fragments are paginated at once, and finished pages leave for the store.
      for (const part of flowParts(body)) {
        yield* pager.push(layoutFlow(part, ctx));
        yield;
      }
      ({ outline } = yield* pager.end());
      held.fragments = pager.mostHeld;
      held.drafted = pager.mostDrafted;
    }
    body.length = 0;
    if (diagnostics.length) return { diagnostics };
    const model = yield* finishLayout({ opts, ctx, root, store, outline, imposed, page: { width, height }, margins: [mt, mr, mb, ml] });
    if (!model) return { diagnostics };
    held.inMemory = store.mostInMemory;
    handedOver = true;
    return { model: { ...model, held }, diagnostics: [] };
  } finally {
    if (!handedOver) store.close();
  }
}

/** After the last page is laid out: contents numbers, furniture fitted to the page count, and the pages made as read. */
function* finishLayout(opts: {
  opts: LayoutDocumentOptions;
  ctx: FlowContext;
  root: MarkupElement;
  store: PageStore;
  outline: OutlineEntry[];
  imposed: ReturnType<typeof imposeSheets> | undefined;
  page: { width: number; height: number };
  margins: [number, number, number, number];
}): Generator<void, Omit<StreamedLayout, 'held'> | undefined> {
  const { ctx, root, store, outline, imposed } = opts;
  const { width, height } = opts.page;
  const [mt, , mb] = opts.margins;
  const a = root.attrs;
  const header = root.children.find((c): c is MarkupElement => c.type === 'element' && c.name === 'header');
  const footer = root.children.find((c): c is MarkupElement => c.type === 'element' && c.name === 'footer');
  // A PDF needs at least one page (a 0-page file is invalid and printers reject it): markup that places nothing
  // (a `<sheet>` with no `<card>`, an empty body) still yields one blank page, with its header and footer.
  if (store.count === 0) store.add({ boxes: [] }, true);
  const count = store.count;
  if (ctx.toc) finishToc(ctx.toc, outline, ctx.book);
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
  for (let i = 0; i < count; i++) lowestFooter = Math.max(lowestFooter, footerEdge(i));
  const prepare = (el: MarkupElement | undefined, above: boolean) =>
    el && prepareFurniture({ el, ctx, edge: above ? headerEdge : lowestFooter, pageHeight: height, above, pages: count, fields: opts.opts.fields });
  const head = prepare(header, true);
  const foot = prepare(footer, false);
  if (ctx.diagnostics.length) return undefined;
  yield;
  const onPage = (f: PreparedFurniture | undefined, i: number): f is PreparedFurniture => !!f && !(i === 0 && skipFirst(f.el));
  /** Each page as it is read: its boxes, then its header and footer, with contrast checked over them all. */
  function* pages(): Generator<Page> {
    let i = 0;
    for (const p of store.take()) {
      const ctxPage = { page: i + 1, pages: count, running: p.running };
      const furniture = [
        ...(onPage(head, i) ? furnitureBoxes(head, { ctx, page: ctxPage, edge: headerEdge }) : []),
        ...(onPage(foot, i) ? furnitureBoxes(foot, { ctx, page: ctxPage, edge: footerEdge(i) }) : []),
      ];
      const sheet = imposed?.pages[i];
      if (sheet) imposed.pages[i] = undefined!;
      yield { width, height, items: ensureContrast([...p.boxes, ...furniture]), ...(sheet?.trims ? { trims: sheet.trims, bleed: sheet.bleed ?? 0 } : {}) };
      i++;
    }
  }
  return {
    pages: pages(),
    pageCount: count,
    close: () => store.close(),
    outline,
    structure: ctx.structure,
    images: ctx.images,
    info: { title: a.title, author: a.author, subject: a.subject, keywords: a.keywords, lang: (a.lang as 'fr' | 'en') ?? 'fr' },
    ...(imposed ? { fits: imposed.fits } : {}),
    ...(destinations.length ? { destinations } : {}),
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
