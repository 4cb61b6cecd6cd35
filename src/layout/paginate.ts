import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { layoutMessage } from './layoutMessages.js';
import type { Box, OutlineEntry } from './model.js';
import { moveBox, shiftBox } from './model.js';
import type { Container, Fragment } from './fragment.js';
import { MM } from './units.js';
import { runToEnd } from './checkpoint.js';

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
}

/** Height of `frags[i..j]` placed together, with collapsed spacing between them. */
function runHeight(frags: Fragment[], i: number, j: number): number {
  let h = 0;
  for (let k = i; k <= j; k++) h += frags[k].height + (k > i ? Math.max(frags[k - 1].spaceAfter, frags[k].spaceBefore) : 0);
  return h;
}

/** Last index of the run that must stay with fragment `i`: its keep-together group, then a keep-with-next chain. */
function runEnd(frags: Fragment[], i: number): number {
  let j = i;
  const group = frags[i].group;
  if (group !== undefined && (i === 0 || frags[i - 1].group !== group)) {
    while (j + 1 < frags.length && frags[j + 1].group === group) j++;
  }
  // Headings and header rows pull the next fragment along (a few steps at most, so a chain cannot eat a page).
  let steps = 0;
  while (frags[j].keepWithNext && j + 1 < frags.length && steps < 6 && !frags[j + 1].pageBreak) {
    j++;
    steps++;
  }
  return j;
}

/** Places fragments on pages: keeps groups and chains together, repeats table headers, draws `<box>` frames per page. */
export function paginate(opts: PaginateOptions): { pages: PaginatedPage[]; outline: OutlineEntry[] } {
  return runToEnd(paginateSteps(opts));
}

/** `paginate`, yielding every few thousand fragments so that a caller can let the event loop run (see checkpoint.ts). */
export function* paginateSteps(opts: PaginateOptions): Generator<void, { pages: PaginatedPage[]; outline: OutlineEntry[] }> {
  const { fragments: frags, top, height } = opts;
  const bottom = top + height;
  const pages: PaginatedPage[] = [];
  const outline: OutlineEntry[] = [];
  const extents: Array<Map<Container, { top: number; bottom: number }>> = [];
  let page: PaginatedPage;
  let y = top;
  let empty = true;
  let prevAfter = 0;

  const newPage = () => {
    page = { boxes: [] };
    pages.push(page);
    extents.push(new Map());
    y = top;
    empty = true;
    prevAfter = 0;
  };
  const place = (f: Fragment, repeated = false) => {
    const gap = empty ? 0 : Math.max(prevAfter, f.spaceBefore);
    const at = y + gap;
    // Header rows are placed again on later pages, so they are copied; other fragments are placed once.
    // Repeats are artifacts: a screen reader reads the header row once, where the table starts.
    if (f.isHeader && repeated) for (const b of f.boxes) page.boxes.push({ ...shiftBox(b, 0, at), role: 'Artifact', node: undefined });
    else if (f.isHeader) for (const b of f.boxes) page.boxes.push(shiftBox(b, 0, at));
    else for (const b of f.boxes) page.boxes.push(moveBox(b, 0, at));
    if (f.outline) outline.push({ ...f.outline, page: pages.length - 1, y: at });
    const ext = extents[extents.length - 1];
    for (const c of f.containers) {
      const e = ext.get(c);
      if (e) e.bottom = at + f.height;
      else ext.set(c, { top: at, bottom: at + f.height });
    }
    y = at + f.height;
    prevAfter = f.spaceAfter;
    empty = false;
  };
  const startPageFor = (f: Fragment) => {
    newPage();
    if (f.repeat && !f.isHeader) for (const h of f.repeat) place(h, true);
  };
  newPage();

  for (let i = 0; i < frags.length; i++) {
    if ((i & 2047) === 2047) yield;
    const f = frags[i];
    if (f.pageBreak) {
      if (!empty) newPage();
      continue;
    }
    const gap = empty ? 0 : Math.max(prevAfter, f.spaceBefore);
    const j = runEnd(frags, i);
    const need = runHeight(frags, i, j);
    const fitsHere = y + gap + need <= bottom + 0.01;
    if (!fitsHere && !empty) {
      if (f.droppable && y + gap + f.height > bottom) continue;
      const alone = y + gap + f.height <= bottom + 0.01;
      // Move the whole run when it fits on a fresh page; otherwise break inside it, starting with this fragment.
      if (need <= height || !alone) startPageFor(f);
    }
    if (empty && f.height > height + 0.01 && f.source && f.source.name !== 'tr') {
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
  if (pages.length > 1 && pages[pages.length - 1].boxes.length === 0 && empty) pages.pop();

  // Frames of `<box>` go behind their content, outer frames first.
  pages.forEach((p, k) => {
    const frames: Box[] = [];
    for (const [c, e] of [...extents[k].entries()].sort((a, b) => a[0].id - b[0].id)) {
      const h = e.bottom - e.top;
      if (c.fill || c.border) {
        frames.push({
          kind: 'rect', x: c.x, y: e.top, width: c.width, height: h, fill: c.fill, stroke: c.border,
          lineWidth: c.border ? c.borderWidth : undefined, radius: c.radius || undefined, role: 'Artifact',
        });
      }
      if (c.band) frames.push({ kind: 'rect', x: c.x, y: e.top, width: 4, height: h, fill: c.band, role: 'Artifact' });
    }
    p.boxes.unshift(...frames);
  });
  return { pages, outline };
}
