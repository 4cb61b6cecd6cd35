import type { Box, OutlineEntry } from '../flow/model.js';
import { moveBox, shiftBox } from '../flow/model.js';
import type { Container, Fragment } from '../flow/fragment.js';

/** A finished page of flowing content, before its header and footer. */
export interface PaginatedPage {
  boxes: Box[];
  /** The `<running>` text in effect on the page: the first set on it, else the last set before it. */
  running?: string;
}

export interface Placed {
  f: Fragment;
  at: number;
  repeated: boolean;
}

export interface PageDraft {
  placed: Placed[];
  /** Index of the fragment the page starts at, and why it started: a page break (or the start), a full page, a balance. */
  start: number;
  cause: 'forced' | 'full' | 'balance';
}

/** Turns a draft into a page: note lines fill what is left, then boxes, outline entries, running text and `<box>` frames. */
export function finishPage(
  d: PageDraft,
  k: number,
  bottom: number | undefined,
  runningBefore: string | undefined,
  outline: OutlineEntry[],
): { page: PaginatedPage; running: string | undefined } {
  const placed = bottom === undefined ? d.placed : fillLines(d.placed, bottom);
  const page: PaginatedPage = { boxes: [] };
  const extents = new Map<Container, { top: number; bottom: number }>();
  let running = runningBefore;
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
  const shown = first ?? runningBefore;
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
  return { page, running };
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
