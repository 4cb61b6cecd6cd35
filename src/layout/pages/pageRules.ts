import type { Fragment } from '../flow/fragment.js';

/**
 * The pagination rules every template gets (docs/templates.md, "Mise en page des pages"): what stays together,
 * where a page may end, and when a page holds too little.
 */

/**
 * A page ending a passage (before a page break or at the end) that holds less than this share of the body height
 * takes content from the page before, when that page ended only because it was full and this one continues it
 * (it does not open with a heading).
 */
export const MIN_FILL = 0.4;

/** A heading keeps at least this many lines (a table row or a kept block counts as enough) of what follows. */
const HEADING_FOLLOW = 2;

/** Chains of kept fragments stop after this many steps, so that a chain cannot eat a page. */
const MAX_CHAIN = 12;

/** Last index of `frags[i]`'s keep-together group when `i` starts it, else `i`. */
function groupEnd(frags: Fragment[], i: number): number {
  const group = frags[i].group;
  let j = i;
  if (group !== undefined && (i === 0 || frags[i - 1].group !== group)) {
    while (j + 1 < frags.length && frags[j + 1].group === group) j++;
  }
  return j;
}

/** How much of "what follows a heading" a fragment is: a row or a kept block is a whole unit, a line one line. */
function followWeight(f: Fragment): number {
  if (f.heading || f.isHeader || f.running !== undefined || f.height === 0) return 0;
  return f.source?.name === 'tr' || f.group !== undefined ? HEADING_FOLLOW : 1;
}

/**
 * Last index of the run that must stay with fragment `i`: its keep-together group, then what it keeps with:
 * the next fragment for `keepWithNext` (header rows, first lines), at least two lines of content for a heading.
 */
export function runEnd(frags: Fragment[], i: number): number {
  let j = groupEnd(frags, i);
  let owed = 0;
  for (let steps = 0; steps < MAX_CHAIN; steps++) {
    const f = frags[j];
    if (f.heading) owed = HEADING_FOLLOW;
    if (!(f.keepWithNext || owed > 0) || j + 1 >= frags.length || frags[j + 1].pageBreak) break;
    j = groupEnd(frags, j + 1);
    owed = Math.max(0, owed - followWeight(frags[j]));
  }
  return j;
}

/** Height of `frags[i..j]` placed together, with collapsed spacing between them. */
export function runHeight(frags: Fragment[], i: number, j: number): number {
  let h = 0;
  for (let k = i; k <= j; k++) h += frags[k].height + (k > i ? Math.max(frags[k - 1].spaceAfter, frags[k].spaceBefore) : 0);
  return h;
}

/**
 * Where to end the page that starts at `start` so that the page after it, holding `frags[b..end)`, is at least
 * `MIN_FILL` full while this one stays so too: the latest allowed break that gives the next page enough.
 */
export function balancedBreak(frags: Fragment[], ban: Uint8Array, start: number, next: number, end: number, height: number): number | undefined {
  const least = MIN_FILL * height;
  // Optional rows at the end (blank rows to fill in) do not count as content: they are left out when room lacks.
  let last = end - 1;
  while (last >= next && frags[last].droppable) last--;
  for (let b = next - 1; b > start; b--) {
    if (ban[b] || frags[b].running !== undefined) continue;
    const f = frags[b];
    const repeat = f.repeat && !f.isHeader ? f.repeat.reduce((s, h) => s + h.height, 0) : 0;
    const tail = runHeight(frags, b, last);
    if (repeat + tail > height) return undefined;
    if (tail < least) continue;
    return runHeight(frags, start, b - 1) >= least ? b : undefined;
  }
  return undefined;
}
