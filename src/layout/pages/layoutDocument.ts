import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { fontBook } from '../fonts/fonts.js';
import type { RunStyle } from '../flow/inlineLayout.js';
import type { FlowContext } from '../flow/layoutFlow.js';
import { runPausing, runToEnd, type Checkpoint } from '../core/checkpoint.js';
import { furnitureBoxes, prepareFurniture, type PreparedFurniture, type SourceField } from './layoutFurniture.js';
import { LAYOUT_DEFAULTS as D } from '../flow/layoutDefaults.js';
import { StructureList, type LayoutModel, type OutlineEntry, type Page } from '../flow/model.js';
import { ensureContrast } from './ensureContrast.js';
import type { imposeSheets } from './imposeSheet.js';
import { finishToc } from '../flow/layoutToc.js';
import type { FaceCache } from './FaceCache.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { PageStore } from './pageStore.js';
import type { MarkupElement, MarkupSource } from '../markup/parseMarkup.js';
import { layoutBody } from './layoutBody.js';
import { MM, parseBool, parseColor, parseLength, parseNumber } from '../core/units.js';
import { PAGE_SIZES } from '../markup/vocabulary.js';

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
  /**
   * The same markup once more, read only by a document with a `<toc>` (layoutBody.ts): a build renders it again in
   * parts. Without it, markup given in parts is kept as read, in case.
   */
  again?: () => MarkupSource;
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
  /**
   * What the layout held at most at once (fragments, pages being set, pages waiting in memory, parsed top-level
   * nodes): tests check the bounds.
   */
  held: { fragments: number; drafted: number; inMemory: number; blocks: number };
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
  let geometry: { page: { width: number; height: number }; margins: [number, number, number, number] } | undefined;
  const body = yield* layoutBody({
    markup: opts.markup,
    again: opts.again,
    file: opts.file,
    lang,
    pageBudget: opts.pageBudget,
    faces: opts.faces,
    setup: (root) => {
      const s = documentSetup(root, opts.file, lang, opts.assets);
      if ('context' in s) geometry = s;
      return s;
    },
  });
  const { root, ctx, store, outline } = body;
  let handedOver = false;
  try {
    if (body.diagnostics.length || !root || !ctx || !store || !outline || !geometry) return { diagnostics: body.diagnostics };
    const model = yield* finishLayout({ opts, ctx, root, store, outline, imposed: body.imposed, page: geometry.page, margins: geometry.margins });
    if (!model) return { diagnostics: ctx.diagnostics };
    const held = { fragments: body.held.fragments, drafted: body.held.drafted, inMemory: store.mostInMemory, blocks: body.held.blocks };
    handedOver = true;
    return { model: { ...model, held }, diagnostics: [] };
  } finally {
    if (!handedOver) store?.close();
  }
}

/** What `<document>`'s attributes set: page, margins, base style; or the diagnostic refusing its margins. */
export function documentSetup(root: MarkupElement, file: string, lang: Lang, assets?: LayoutDocumentOptions['assets']) {
  const a = root.attrs;
  const [pw, ph] = PAGE_SIZES[a.size ?? D.size];
  const landscape = a.orientation === 'landscape';
  const width = landscape ? ph : pw;
  const height = landscape ? pw : ph;
  const [mt, mr, mb, ml] = margins(a.margin);
  const narrow = checkMargins({ root, page: { width, height }, margins: [mt, mr, mb, ml], file, lang });
  if (narrow) return narrow;
  const size = parseNumber(a['font-size'] ?? '').ok ? Number(a['font-size']) : D.fontSize;
  const color = parseColor(a.color ?? '');
  const accent = parseColor(a.accent ?? '');
  const style: RunStyle = { bold: false, italic: false, size, color: color.ok ? color.value : D.textColor };
  const book = fontBook();
  // Every field is present from the start (`group`, `toc` too), so the context and its copies keep one shape.
  const context = (): FlowContext => ({
    book,
    x: ml,
    width: width - ml - mr,
    style,
    accent: accent.ok ? accent.value : D.accent,
    lang,
    docLang: a.lang === 'en' ? 'en' : 'fr',
    file,
    bodyHeight: height - mt - mb,
    containers: [],
    group: undefined,
    listDepth: 0,
    ids: { container: 0, group: 0 },
    structure: new StructureList(),
    parent: 0,
    diagnostics: [],
    assets,
    images: new Map(),
    toc: undefined,
  });
  return { context, top: mt, page: { width, height }, margins: [mt, mr, mb, ml] as [number, number, number, number] };
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
