import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { layoutFlow, type FlowContext } from '../flow/layoutFlow.js';
import type { Box, OutlineEntry } from '../flow/model.js';
import { tocScanner } from '../flow/layoutToc.js';
import { imposeSheets, misplacedBesideSheets } from './imposeSheet.js';
import type { FaceCache } from './FaceCache.js';
import { Paginator, type PaginatedPage } from './paginate.js';
import { PageStore } from './pageStore.js';
import { boundHeapGrowth, letYoungGenerationGrow, LONG_LAYOUT, VERY_LONG_LAYOUT } from './boundHeapGrowth.js';
import { parseMarkupBlocks, type MarkupElement, type MarkupNode, type MarkupSource, type ParseMarkupResult } from '../markup/parseMarkup.js';
import { VOCABULARY } from '../markup/vocabulary.js';

/** What the `<document>` element sets for the body: read once its start tag is parsed (layoutDocument.ts). */
export interface BodySetup {
  /** A fresh flow context: a layout started again starts from nothing. */
  context(): FlowContext;
  /** Top margin: where the body starts on a page. */
  top: number;
  page: { width: number; height: number };
}

export interface BodyResult {
  /** Problems of the markup (alone, as `parseMarkup` gives them), or of the layout; nothing else is set then. */
  diagnostics: Diagnostic[];
  /** The document element, holding only its `<header>` and `<footer>`. */
  root?: MarkupElement;
  ctx?: FlowContext;
  /** The finished pages, waiting for the page count; closed by whoever takes it. */
  store?: PageStore;
  outline?: OutlineEntry[];
  imposed?: ReturnType<typeof imposeSheets>;
  /** Most fragments, pages being set, and parsed top-level nodes held at once: tests check the bounds. */
  held: { fragments: number; drafted: number; blocks: number };
}

export interface BodyOptions {
  markup: MarkupSource;
  /** The same markup once more, for the rare document that must be read twice (see below); `markup` when a string. */
  again?: () => MarkupSource;
  /** With `again`: the markup read is kept for the second read up to this many UTF-16 units (default `KEEP_MARKUP`). */
  keep?: number;
  file: string;
  lang: Lang;
  pageBudget?: number;
  /** Card faces of the last layout of this document, reused when unchanged (`capa build --watch`; FaceCache.ts). */
  faces?: FaceCache;
  /** Reads `<document>`'s attributes: the body's setup, or the diagnostic that refuses them (it then stands alone). */
  setup(root: MarkupElement): BodySetup | Diagnostic;
}

const isFurniture = (n: MarkupNode) => n.type === 'element' && (n.name === 'header' || n.name === 'footer');

/**
 * Parses and lays out the body of a document block by block: each top-level node is laid out as soon as the parser
 * has completed it, and its pages go to the page store, so the document's markup tree is never whole in memory.
 *
 * What the whole tree was needed for is kept as small records while reading:
 * - a problem found anywhere in the markup stands alone, as before: what was laid out is dropped;
 * - a `<toc>` lists headings that come after it: once it is met, the rest is only scanned for its headings, then
 *   the markup is read a second time (`again`) and laid out from the block holding the `<toc>` (from the start if a
 *   heading it lists was already laid out, without its anchor);
 * - `<sheet>` must be alone: from the first one, sheets are kept whole (cards are imposed on them at the end), and the
 *   place of every other node is kept for its diagnostic.
 */
export function* layoutBody(opts: BodyOptions): Generator<void, BodyResult> {
  const { file, lang } = opts;
  const source = rereadable(opts);
  const held = { fragments: 0, drafted: 0, blocks: 0 };
  const furniture: MarkupNode[] = [];
  const scan = tocScanner();
  // Line and column of every body node that is neither a sheet nor blank, in case a `<sheet>` comes.
  const loose: number[] = [];
  const sheets: MarkupElement[] = [];
  let setup: BodySetup | Diagnostic | undefined;
  let run: FlowRun | undefined;
  let mode = 'flow' as 'flow' | 'toc' | 'imposed';
  let tocAt = 0;
  let listedLaidOut = false;
  let handedOver: PageStore | undefined;
  const fresh = (s: BodySetup) => {
    run?.store.close();
    return (run = new FlowRun(s, file, lang, opts.pageBudget));
  };
  const read = (markup: MarkupSource, take: (n: MarkupNode, index: number, s: BodySetup) => Generator<void>) =>
    readBlocks({ markup, file, lang, held, alive: () => run?.inline.length ?? 0 }, function* (n, index, root) {
      setup ??= opts.setup(root);
      if ('context' in setup) yield* take(n, index, setup);
    });

  try {
    const parsed = yield* read(source.first, function* (n, index, s) {
      if (isFurniture(n)) return void furniture.push(n);
      const sheet = n.type === 'element' && n.name === 'sheet';
      if (misplacedBesideSheets(n)) loose.push(n.line, n.column);
      if (sheet || mode === 'imposed') {
        mode = 'imposed';
        if (sheet) sheets.push(n as MarkupElement);
        return;
      }
      const listed = scan.add([n]);
      if (mode === 'toc') return;
      const flow = run ?? fresh(s);
      if (scan.found) {
        yield* flow.flush();
        mode = 'toc';
        tocAt = index;
        return;
      }
      if (listed) listedLaidOut = true;
      yield* flow.take(n);
    });
    if (!parsed.root || parsed.diagnostics.length) return { diagnostics: parsed.diagnostics, held };
    const root = parsed.root;
    root.children = furniture;
    setup ??= opts.setup(root);
    if (!('context' in setup)) return { diagnostics: [setup], held };
    const s = setup;

    if (mode === 'imposed') {
      run?.store.close();
      run = undefined;
      const ctx = s.context();
      // Sheets of cards are few and whole: they are imposed at once.
      const imposed = imposeSheets({ misplaced: loose, sheets, ctx, page: s.page, faces: opts.faces });
      sheets.length = 0;
      if (ctx.diagnostics.length) return { diagnostics: ctx.diagnostics, held };
      const store = (handedOver = new PageStore(opts.pageBudget));
      for (const p of imposed.pages) store.add({ boxes: p.items }, true);
      return { diagnostics: [], root, ctx, store, outline: imposed.outline, imposed, held };
    }
    loose.length = 0;

    if (mode === 'toc') {
      // A heading laid out before the `<toc>` lacks the anchor the contents link to: everything is laid out again.
      const from = listedLaidOut ? 0 : tocAt;
      const flow = listedLaidOut ? fresh(s) : run!;
      flow.ctx.toc = scan.state;
      const again = yield* read(source.again(), function* (n, index) {
        if (index < from || isFurniture(n)) return;
        scan.anchor([n]);
        yield* flow.take(n);
      });
      if (again.diagnostics.length) return { diagnostics: again.diagnostics, held };
    }
    const flow = run ?? fresh(s);
    yield* flow.flush();
    const { outline } = yield* flow.pager.end();
    held.fragments = flow.pager.mostHeld;
    held.drafted = flow.pager.mostDrafted;
    if (flow.ctx.diagnostics.length) return { diagnostics: flow.ctx.diagnostics, held };
    handedOver = flow.store;
    return { diagnostics: [], root, ctx: flow.ctx, store: flow.store, outline, held };
  } finally {
    if (run && run.store !== handedOver) run.store.close();
  }
}

/**
 * One layout of the flowing body: blocks go to the paginator as they come, as `layoutFlow(body)` would take them
 * (loose inline content between two blocks makes one paragraph), and finished pages leave for the store.
 */
class FlowRun {
  readonly ctx: FlowContext;
  readonly store: PageStore;
  readonly pager: Paginator;
  /** Loose inline nodes waiting for the block that ends their paragraph. */
  inline: MarkupNode[] = [];

  constructor(setup: BodySetup, file: string, lang: Lang, budget: number | undefined) {
    const ctx = (this.ctx = setup.context());
    const store = (this.store = new PageStore(budget));
    // Contents pages stay in memory: their numbers are filled in once the headings have pages (`finishToc`).
    const numbers = new Set<Box>();
    const holdsNumbers = (p: PaginatedPage) => {
      const toc = ctx.toc;
      if (!toc?.numbers.length) return false;
      if (numbers.size < toc.numbers.length) for (const n of toc.numbers) numbers.add(n.box);
      return p.boxes.some((b) => numbers.has(b));
    };
    const onPage = (p: PaginatedPage) => {
      store.add(p, holdsNumbers(p));
      if (store.count === LONG_LAYOUT) boundHeapGrowth();
      if (store.count === VERY_LONG_LAYOUT) letYoungGenerationGrow();
    };
    this.pager = new Paginator({ top: setup.top, height: ctx.bodyHeight, file, lang, diagnostics: ctx.diagnostics, onPage });
  }

  *take(n: MarkupNode): Generator<void> {
    if (n.type === 'text' || VOCABULARY[n.name]?.category === 'inline') {
      this.inline.push(n);
      return;
    }
    yield* this.flush();
    yield* this.lay([n]);
  }

  *flush(): Generator<void> {
    if (!this.inline.length) return;
    const part = this.inline;
    this.inline = [];
    yield* this.lay(part);
  }

  private *lay(part: MarkupNode[]): Generator<void> {
    yield* this.pager.push(layoutFlow(part, this.ctx));
    yield;
  }
}

/** Reads the markup's top-level nodes one by one (`index` counts them, header and footer included). */
function* readBlocks(
  opts: { markup: MarkupSource; file: string; lang: Lang; held: { blocks: number }; alive: () => number },
  take: (n: MarkupNode, index: number, root: MarkupElement) => Generator<void>,
): Generator<void, ParseMarkupResult> {
  const parse = parseMarkupBlocks(opts);
  let index = 0;
  for (;;) {
    const step = parse.next();
    if (step.done) return step.value;
    if (!step.value) {
      yield;
      continue;
    }
    const { root, blocks } = step.value;
    for (let i = 0; i < blocks.length; i++) {
      const n = blocks[i]!;
      // Laid out once taken: the batch stops holding it, so a block's markup is released with its layout.
      (blocks as Array<MarkupNode | undefined>)[i] = undefined;
      opts.held.blocks = Math.max(opts.held.blocks, blocks.length - i + opts.alive());
      yield* take(n, index++, root);
    }
  }
}

/**
 * Markup kept as read for the second read of a document with a contents list, at most (UTF-16 units, 4 MB at most):
 * rendering the template again cost more than parsing it (capacities' carnet, 86,000 units: ~25 ms; the 500-workshop
 * carnet, 1.25 million: ~280 ms, measured), while a larger document (5,000 workshops) is rendered again rather than held.
 */
export const KEEP_MARKUP = 2_000_000;

/**
 * The markup, and a way to read it again: the string itself; else the parts kept as read, while they are within
 * `keep` and were all read; else the caller's `again`.
 */
function rereadable(opts: BodyOptions): { first: MarkupSource; again: () => MarkupSource } {
  const { markup } = opts;
  if (typeof markup === 'string') return { first: markup, again: () => markup };
  const limit = opts.again ? (opts.keep ?? KEEP_MARKUP) : Infinity;
  let kept: string[] | undefined = [];
  let size = 0;
  let complete = false;
  const first = {
    *[Symbol.iterator]() {
      for (const part of markup) {
        size += part.length;
        if (size > limit) kept = undefined;
        else kept?.push(part);
        yield part;
      }
      complete = true;
    },
  };
  return { first, again: () => (kept && (complete || !opts.again) ? kept : opts.again!()) };
}
