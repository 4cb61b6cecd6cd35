import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { OutlineEntry } from '../flow/model.js';
import { emptyFragment, type Fragment } from '../flow/fragment.js';
import { finishPage, type PageDraft, type PaginatedPage } from './finishPage.js';
import { MM } from '../core/units.js';
import { runToEnd } from '../core/checkpoint.js';
import { balancedBreak, MIN_FILL, runEnd, runHeight } from './pageRules.js';

export type { PaginatedPage };

export interface PaginateOptions {
  fragments: Fragment[];
  /** Top of the body area and its height, in points. */
  top: number;
  height: number;
  file: string;
  lang: Lang;
  diagnostics: Diagnostic[];
}

/** Places fragments on pages: keeps groups and chains together, repeats table headers, draws `<box>` frames per page. */
export function paginate(opts: PaginateOptions): { pages: PaginatedPage[]; outline: OutlineEntry[] } {
  const pages: PaginatedPage[] = [];
  const pager = new Paginator({ ...opts, onPage: (p) => pages.push(p) });
  const { outline } = runToEnd(
    (function* () {
      yield* pager.push(opts.fragments);
      return yield* pager.end();
    })(),
  );
  return { pages, outline };
}

/** Stands for a fragment whose page is finished: the paginator never reads it again (see `Paginator.finish`). */
const RELEASED: Fragment = emptyFragment();

/**
 * Pagination fed block by block: `push` the fragments of each block as they are laid out, `end` after the last.
 * A page is handed to `onPage` as soon as nothing can change it any more, and its fragments are let go, so memory
 * holds the pages of the passage being set, not the document's.
 *
 * When a page is final: the rules look ahead only as far as a run kept together (`runEnd`, which stops at a page
 * break), and the only rewind (balancing, at the end of a passage) takes content from the page before the last.
 * So a fragment is placed once its run is complete among those received, and every page but the last two is final
 * (during a balancing trial, every page before the trial). Memory holds a block and two pages, not a document.
 */
export class Paginator {
  private readonly frags: Fragment[] = [];
  private readonly bottom: number;
  /** An endless page (a card zone measured by layoutFace) has no page to fill or balance. */
  private readonly paged: boolean;
  /**
   * `ban[k]` is 1 when a page may not start at fragment `k` (it is kept with something before it): known for the
   * first `banned` fragments, those whose run (`runEnd`) is complete among the fragments received.
   */
  private ban = new Uint8Array(1024);
  private banned = 0;
  private reach = -1;
  private lastBreak = -1;
  /** Pages not yet final; `done` pages before them were handed out. */
  private readonly drafts: PageDraft[] = [];
  private done = 0;
  private page!: PageDraft;
  /** Next fragment to place. */
  private next = 0;
  /** Fragments before this index are released. */
  private kept = 0;
  private y = 0;
  private empty = true;
  private prevAfter = 0;
  /** What the page holds, leaving out repeated header rows and optional rows: what `MIN_FILL` measures. */
  private repeatedHeight = 0;
  private solidBottom = 0;
  /** Breaks chosen to balance a near-empty page, and the passage to undo if the balance cost a page. */
  private readonly breakBefore = new Set<number>();
  private readonly tooTall = new Set<Fragment>();
  private trial: { from: number; saved: PageDraft[]; y: number; prevAfter: number; empty: boolean; repeatedHeight: number; solidBottom: number } | undefined;
  /** The running text in effect at the end of the last finished page. */
  private running: string | undefined;
  readonly outline: OutlineEntry[] = [];
  /** Most fragments, and most pages, held at once: tests check that they stay bounded by a passage, not a document. */
  mostHeld = 0;
  mostDrafted = 0;

  constructor(private readonly opts: Omit<PaginateOptions, 'fragments'> & { onPage: (page: PaginatedPage, index: number) => void }) {
    this.bottom = opts.top + opts.height;
    this.paged = opts.height < 1e7;
    this.newPage(0, 'forced');
  }

  /** Adds fragments and places those that no later fragment can move. */
  *push(frags: readonly Fragment[]): Generator<void, void> {
    for (const f of frags) {
      if (f.pageBreak) this.lastBreak = this.frags.length;
      this.frags.push(f);
    }
    this.mostHeld = Math.max(this.mostHeld, this.frags.length - this.kept);
    if (this.paged) yield* this.place(this.settle(false), false);
  }

  /** Places what is left, hands out the last pages and returns the outline of the whole document. */
  *end(): Generator<void, { pages: number; outline: OutlineEntry[] }> {
    if (this.paged) this.settle(true);
    yield* this.place(this.frags.length, true);
    const last = this.drafts[this.drafts.length - 1];
    if (this.done + this.drafts.length > 1 && !last.placed.some((p) => p.f.running === undefined)) this.drafts.pop();
    this.finish(this.drafts.length);
    return { pages: this.done, outline: this.outline };
  }

  private held(): number {
    return Math.max(0, this.solidBottom - this.opts.top - this.repeatedHeight);
  }

  private newPage(start: number, cause: PageDraft['cause']): void {
    this.page = { placed: [], start, cause };
    this.drafts.push(this.page);
    this.mostDrafted = Math.max(this.mostDrafted, this.drafts.length);
    this.y = this.opts.top;
    this.empty = true;
    this.prevAfter = 0;
    this.repeatedHeight = 0;
    this.solidBottom = this.opts.top;
  }

  private put(f: Fragment, repeated = false): void {
    if (f.running !== undefined) {
      this.page.placed.push({ f, at: this.y, repeated });
      return;
    }
    const at = this.y + (this.empty ? 0 : Math.max(this.prevAfter, f.spaceBefore));
    this.page.placed.push({ f, at, repeated });
    this.y = at + f.height;
    if (repeated) this.repeatedHeight = this.y - this.opts.top;
    else if (!f.droppable) this.solidBottom = this.y;
    this.prevAfter = f.spaceAfter;
    this.empty = false;
  }

  private startPageFor(f: Fragment, i: number, cause: PageDraft['cause']): void {
    this.newPage(i, cause);
    if (f.repeat && !f.isHeader) for (const h of f.repeat) this.put(h, true);
  }

  /**
   * Works out `ban` as far as the fragments received allow, and returns how far that is: a run that reaches the last
   * fragment received may go on in the next block, unless a page break ends it first. `final`: nothing follows.
   */
  private settle(final: boolean): number {
    const { frags } = this;
    const n = frags.length;
    if (n > this.ban.length) {
      const grown = new Uint8Array(Math.max(n, this.ban.length * 2));
      grown.set(this.ban);
      this.ban = grown;
    }
    let i = this.banned;
    for (; i < n; i++) {
      const j = runEnd(frags, i);
      if (!final && i > this.lastBreak && j >= n - 1) break;
      if (i <= this.reach) this.ban[i] = 1;
      this.reach = Math.max(this.reach, j);
    }
    this.banned = i;
    return i;
  }

  /**
   * At the end of a passage (a page break, the end): a last page below `MIN_FILL` that only exists because the page
   * before was full takes content from it. Returns the fragment to go on from after a rewind.
   */
  private endPassage(end: number): number | undefined {
    const { drafts, frags, trial } = this;
    if (trial) {
      // The balanced passage took more pages than before (the estimate missed): the first layout stays.
      if (drafts.length - trial.from > trial.saved.length) {
        drafts.splice(trial.from, Infinity, ...trial.saved);
        this.page = drafts[drafts.length - 1];
        ({ y: this.y, prevAfter: this.prevAfter, empty: this.empty, repeatedHeight: this.repeatedHeight, solidBottom: this.solidBottom } = trial);
      }
      this.trial = undefined;
      return undefined;
    }
    const k = drafts.length - 1;
    const { page } = this;
    if (!this.paged || this.done + k === 0 || page.cause !== 'full' || this.held() >= MIN_FILL * this.opts.height) return undefined;
    // A page that opens a section with its heading (after space or marks) is a short section, not a passage cut
    // short: it stays as it is.
    let first = page.start;
    while (first < end && (frags[first].running !== undefined || !frags[first].boxes.length)) first++;
    if (frags[first]?.heading) return undefined;
    const prev = drafts[k - 1];
    const b = balancedBreak(frags, this.ban, prev.start, page.start, end, this.opts.height);
    if (b === undefined) return undefined;
    this.trial = { from: k - 1, saved: drafts.slice(k - 1), y: this.y, prevAfter: this.prevAfter, empty: this.empty, repeatedHeight: this.repeatedHeight, solidBottom: this.solidBottom };
    this.breakBefore.add(b);
    drafts.length = k - 1;
    if (prev.cause === 'forced') this.newPage(prev.start, 'forced');
    else this.startPageFor(frags[prev.start], prev.start, prev.cause);
    return prev.start;
  }

  /** Places fragments up to `to` (exclusive); `final`: `to` is the end of the document. */
  private *place(to: number, final: boolean): Generator<void, void> {
    const { frags, opts } = this;
    const { height } = opts;
    for (let steps = 1; ; steps++) {
      if ((steps & 2047) === 0) yield;
      const i = this.next;
      if (i >= to) {
        if (!final) break;
        const back = this.endPassage(i);
        if (back === undefined) break;
        this.next = back;
        continue;
      }
      this.next = i + 1;
      const f = frags[i];
      if (f.pageBreak) {
        // A soft break only starts a page below a page that holds enough: a short section (one that started this
        // page) shares the page with the next; the end of a section that ran over from the page before does not.
        if (this.empty || (f.softBreak && this.page.cause === 'forced' && this.held() < MIN_FILL * height)) continue;
        const back = this.endPassage(i);
        if (back !== undefined) {
          this.next = back;
          continue;
        }
        this.newPage(i + 1, 'forced');
        continue;
      }
      if (f.running !== undefined) {
        this.put(f);
        continue;
      }
      if (this.breakBefore.has(i) && !this.empty && i !== this.page.start) {
        this.startPageFor(f, i, 'balance');
      }
      const gap = this.empty ? 0 : Math.max(this.prevAfter, f.spaceBefore);
      const j = runEnd(frags, i);
      const need = runHeight(frags, i, j);
      const fitsHere = this.y + gap + need <= this.bottom + 0.01;
      if (!fitsHere && !this.empty) {
        if (f.droppable && this.y + gap + f.height > this.bottom) continue;
        const alone = this.y + gap + f.height <= this.bottom + 0.01;
        // Move the whole run when it fits on a fresh page; otherwise break inside it, starting with this fragment.
        if (need <= height || !alone) this.startPageFor(f, i, 'full');
      }
      // Reported once, though a balanced passage may be laid out again.
      if (this.empty && f.height > height + 0.01 && f.source && f.source.name !== 'tr' && !this.tooTall.has(f)) {
        this.tooTall.add(f);
        opts.diagnostics.push({
          severity: 'error',
          code: 'layout/block-too-tall',
          message: layoutMessage(opts.lang, 'blockTooTall', { name: f.source.name, height: (f.height / MM).toFixed(0), avail: (height / MM).toFixed(0) }),
          file: opts.file,
          line: f.source.line,
          column: f.source.column,
        });
      }
      this.put(f);
    }
    // Only the page before the last can still change (balancing); during a trial, nothing from the trial on.
    if (!final && !this.trial) this.finish(this.drafts.length - 2);
  }

  /** Hands out the first `count` drafts as pages and lets go of their fragments. */
  private finish(count: number): void {
    if (count <= 0) return;
    const bottom = this.paged ? this.bottom : undefined;
    for (const d of this.drafts.splice(0, count)) {
      const { page, running } = finishPage(d, this.done, bottom, this.running, this.outline);
      this.running = running;
      this.opts.onPage(page, this.done++);
    }
    // The fragment before the first page still drafted stays: `runEnd` looks one back to find where a group starts.
    const keep = this.drafts.length ? this.drafts[0].start - 1 : this.frags.length;
    for (; this.kept < keep; this.kept++) this.frags[this.kept] = RELEASED;
  }
}
