import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { Box, OutlineEntry } from '../flow/model.js';
import { moveBox, shiftBox } from '../flow/model.js';
import type { Container, Fragment } from '../flow/fragment.js';
import { MM } from '../core/units.js';
import { runToEnd } from '../core/checkpoint.js';
import { balancedBreak, breakBans, MIN_FILL, runEnd, runHeight } from './pageRules.js';

export interface PaginateOptions {
  fragments: Fragment[];
  /** Top of the body area and its height, in points. */
  top: number;
  height: number;
  file: string;
  lang: Lang;
  diagnostics: Diagnostic[];
}

export interface PaginatedPage {
  boxes: Box[];
  /** The `<running>` text in effect on the page: the first set on it, else the last set before it. */
  running?: string;
}

interface Placed {
  f: Fragment;
  at: number;
  repeated: boolean;
}

interface PageDraft {
  placed: Placed[];
  /** Index of the fragment the page starts at, and why it started: a page break (or the start), a full page, a balance. */
  start: number;
  cause: 'forced' | 'full' | 'balance';
}

/** Places fragments on pages: keeps groups and chains together, repeats table headers, draws `<box>` frames per page. */
export function paginate(opts: PaginateOptions): { pages: PaginatedPage[]; outline: OutlineEntry[] } {
  return runToEnd(paginateSteps(opts));
}

/** `paginate`, yielding every few thousand fragments so that a caller can let the event loop run (see checkpoint.ts). */
export function* paginateSteps(opts: PaginateOptions): Generator<void, { pages: PaginatedPage[]; outline: OutlineEntry[] }> {
  const { fragments: frags, top, height } = opts;
  const bottom = top + height;
  // An endless page (a card zone measured by layoutFace) has no page to fill or balance.
  const paged = height < 1e7;
  const ban = paged ? breakBans(frags) : new Uint8Array(frags.length);
  const drafts: PageDraft[] = [];
  let page!: PageDraft;
  let y = top;
  let empty = true;
  let prevAfter = 0;
  /** What the page holds, leaving out repeated header rows and optional rows: what `MIN_FILL` measures. */
  let repeatedHeight = 0;
  let solidBottom = top;
  /** Breaks chosen to balance a near-empty page, and the passage to undo if the balance cost a page. */
  const breakBefore = new Set<number>();
  const tooTall = new Set<Fragment>();
  let trial: { from: number; saved: PageDraft[]; y: number; prevAfter: number; empty: boolean; repeatedHeight: number; solidBottom: number } | undefined;
  const held = () => Math.max(0, solidBottom - top - repeatedHeight);

  const newPage = (start: number, cause: PageDraft['cause']) => {
    page = { placed: [], start, cause };
    drafts.push(page);
    y = top;
    empty = true;
    prevAfter = 0;
    repeatedHeight = 0;
    solidBottom = top;
  };
  const place = (f: Fragment, repeated = false) => {
    if (f.running !== undefined) {
      page.placed.push({ f, at: y, repeated });
      return;
    }
    const at = y + (empty ? 0 : Math.max(prevAfter, f.spaceBefore));
    page.placed.push({ f, at, repeated });
    y = at + f.height;
    if (repeated) repeatedHeight = y - top;
    else if (!f.droppable) solidBottom = y;
    prevAfter = f.spaceAfter;
    empty = false;
  };
  const startPageFor = (f: Fragment, i: number, cause: PageDraft['cause']) => {
    newPage(i, cause);
    if (f.repeat && !f.isHeader) for (const h of f.repeat) place(h, true);
  };
  /**
   * At the end of a passage (a page break, the end): a last page below `MIN_FILL` that only exists because the page
   * before was full takes content from it. Returns the fragment to go on from after a rewind.
   */
  const endPassage = (end: number): number | undefined => {
    if (trial) {
      // The balanced passage took more pages than before (the estimate missed): the first layout stays.
      if (drafts.length - trial.from > trial.saved.length) {
        drafts.splice(trial.from, Infinity, ...trial.saved);
        page = drafts[drafts.length - 1];
        ({ y, prevAfter, empty, repeatedHeight, solidBottom } = trial);
      }
      trial = undefined;
      return undefined;
    }
    const k = drafts.length - 1;
    if (!paged || k === 0 || page.cause !== 'full' || held() >= MIN_FILL * height) return undefined;
    // A page that opens a section with its heading (after space or marks) is a short section, not a passage cut
    // short: it stays as it is.
    let first = page.start;
    while (first < end && (frags[first].running !== undefined || !frags[first].boxes.length)) first++;
    if (frags[first]?.heading) return undefined;
    const prev = drafts[k - 1];
    const b = balancedBreak(frags, ban, prev.start, page.start, end, height);
    if (b === undefined) return undefined;
    trial = { from: k - 1, saved: drafts.slice(k - 1), y, prevAfter, empty, repeatedHeight, solidBottom };
    breakBefore.add(b);
    drafts.length = k - 1;
    if (prev.cause === 'forced') newPage(prev.start, 'forced');
    else startPageFor(frags[prev.start], prev.start, prev.cause);
    return prev.start;
  };
  newPage(0, 'forced');

  for (let i = 0; i <= frags.length; i++) {
    if ((i & 2047) === 2047) yield;
    if (i === frags.length) {
      const back = endPassage(i);
      if (back === undefined) break;
      i = back - 1;
      continue;
    }
    const f = frags[i];
    if (f.pageBreak) {
      // A soft break only starts a page below a page that holds enough: a short section (one that started this
      // page) shares the page with the next; the end of a section that ran over from the page before does not.
      if (empty || (f.softBreak && page.cause === 'forced' && held() < MIN_FILL * height)) continue;
      const back = endPassage(i);
      if (back !== undefined) {
        i = back - 1;
        continue;
      }
      newPage(i + 1, 'forced');
      continue;
    }
    if (f.running !== undefined) {
      place(f);
      continue;
    }
    if (breakBefore.has(i) && !empty && i !== page.start) {
      startPageFor(f, i, 'balance');
    }
    const gap = empty ? 0 : Math.max(prevAfter, f.spaceBefore);
    const j = runEnd(frags, i);
    const need = runHeight(frags, i, j);
    const fitsHere = y + gap + need <= bottom + 0.01;
    if (!fitsHere && !empty) {
      if (f.droppable && y + gap + f.height > bottom) continue;
      const alone = y + gap + f.height <= bottom + 0.01;
      // Move the whole run when it fits on a fresh page; otherwise break inside it, starting with this fragment.
      if (need <= height || !alone) startPageFor(f, i, 'full');
    }
    // Reported once, though a balanced passage may be laid out again.
    if (empty && f.height > height + 0.01 && f.source && f.source.name !== 'tr' && !tooTall.has(f)) {
      tooTall.add(f);
      opts.diagnostics.push({
        severity: 'error',
        code: 'layout/block-too-tall',
        message: layoutMessage(opts.lang, 'blockTooTall', { name: f.source.name, height: (f.height / MM).toFixed(0), avail: (height / MM).toFixed(0) }),
        file: opts.file,
        line: f.source.line,
        column: f.source.column,
      });
    }
    place(f);
  }
  const last = drafts[drafts.length - 1];
  if (drafts.length > 1 && !last.placed.some((p) => p.f.running === undefined)) drafts.pop();
  return finishPages(drafts, paged ? bottom : undefined);
}

/** Turns drafts into pages: note lines fill what is left, then boxes, outline entries, running texts and `<box>` frames. */
function finishPages(drafts: PageDraft[], bottom: number | undefined): { pages: PaginatedPage[]; outline: OutlineEntry[] } {
  const pages: PaginatedPage[] = [];
  const outline: OutlineEntry[] = [];
  let running: string | undefined;
  drafts.forEach((d, k) => {
    const placed = bottom === undefined ? d.placed : fillLines(d.placed, bottom);
    const page: PaginatedPage = { boxes: [] };
    const extents = new Map<Container, { top: number; bottom: number }>();
    const before = running;
    let first: string | undefined;
    for (const { f, at, repeated } of placed) {
      if (f.running !== undefined) {
        first ??= f.running;
        running = f.running;
        continue;
      }
      // Header rows are placed again on later pages, so they are copied; other fragments are placed once.
      // Repeats are artifacts: a screen reader reads the header row once, where the table starts.
      if (f.isHeader && repeated) for (const b of f.boxes) page.boxes.push({ ...shiftBox(b, 0, at), role: 'Artifact', node: undefined });
      else if (f.isHeader || f.fill) for (const b of f.boxes) page.boxes.push(shiftBox(b, 0, at));
      else for (const b of f.boxes) page.boxes.push(moveBox(b, 0, at));
      if (f.outline && !repeated) outline.push({ ...f.outline, page: k, y: at });
      for (const c of f.containers) {
        const e = extents.get(c);
        if (e) e.bottom = at + f.height;
        else extents.set(c, { top: at, bottom: at + f.height });
      }
    }
    const shown = first ?? before;
    if (shown !== undefined) page.running = shown;
    // Frames of `<box>` go behind their content, outer frames first.
    const frames: Box[] = [];
    for (const [c, e] of [...extents.entries()].sort((a, b) => a[0].id - b[0].id)) {
      const h = e.bottom - e.top;
      if (c.fill || c.border) {
        frames.push({
          kind: 'rect', x: c.x, y: e.top, width: c.width, height: h, fill: c.fill, stroke: c.border,
          lineWidth: c.border ? c.borderWidth : undefined, radius: c.radius || undefined, role: 'Artifact',
        });
      }
      if (c.band) frames.push({ kind: 'rect', x: c.x, y: e.top, width: 4, height: h, fill: c.band, role: 'Artifact' });
    }
    page.boxes.unshift(...frames);
    pages.push(page);
  });
  return { pages, outline };
}

/**
 * `<lines fill>`: the space left at the foot of a page is shared out among the fill lines on it, as more ruled lines
 * after each set (everything below moves down).
 */
function fillLines(placed: Placed[], bottom: number): Placed[] {
  const lastOf = new Map<number, number>();
  placed.forEach((p, n) => {
    if (p.f.fill) lastOf.set(p.f.fill.id, n);
  });
  if (!lastOf.size) return placed;
  const end = placed.reduce((m, p) => Math.max(m, p.at + p.f.height), 0);
  // Shared out in turn (each set its share, rounded), so that the whole blank goes to lines, not one spacing per set.
  let left = Math.max(0, bottom - end) + 0.01;
  let sets = lastOf.size;
  const out: Placed[] = [];
  let shift = 0;
  placed.forEach((p, n) => {
    out.push(shift ? { ...p, at: p.at + shift } : p);
    const fill = p.f.fill;
    if (!fill || lastOf.get(fill.id) !== n || p.f.height <= 0) return;
    const extra = Math.min(Math.floor(left / p.f.height), Math.round(left / sets-- / p.f.height));
    left -= extra * p.f.height;
    for (let m = 1; m <= extra; m++) out.push({ f: { ...p.f, outline: undefined }, at: p.at + shift + m * p.f.height, repeated: false });
    shift += extra * p.f.height;
  });
  return out;
}
