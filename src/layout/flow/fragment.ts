import type { Position } from '../markup/parseMarkup.js';
import type { Box } from './model.js';
import { moveBox } from './model.js';

/** A box drawn around all fragments of a `<box>` that land on one page (so boxes split cleanly across pages). */
export interface Container {
  id: number;
  x: number;
  width: number;
  fill?: string;
  border?: string;
  borderWidth: number;
  radius: number;
  band?: string;
}

/**
 * The unit of pagination: an unbreakable slice of the flow (a line of text, a table row, a timeline),
 * with boxes positioned relative to its top.
 */
export interface Fragment {
  height: number;
  spaceBefore: number;
  spaceAfter: number;
  boxes: Box[];
  containers: Container[];
  /** Do not end a page after this fragment (headings, table header rows, first line of a paragraph). */
  keepWithNext?: boolean;
  /** Fragments of one `<keep>` share a group and move to the next page together. */
  group?: number;
  /** Table header rows to draw again when this row starts a page. */
  repeat?: Fragment[];
  isHeader?: boolean;
  pageBreak?: boolean;
  /** Padding that may vanish at a page end instead of starting a page alone. */
  droppable?: boolean;
  /** A line of a heading: it keeps at least two lines of what follows on its page (pageRules.ts). */
  heading?: boolean;
  /** A `<page-break soft>`: no page break after a page that started at a break and holds less than `MIN_FILL`. */
  softBreak?: boolean;
  /** A `<running>` mark (no height, nothing drawn): the text page furniture shows as `<running-title/>` from here. */
  running?: string;
  /** A ruled line of `<lines fill>` (`id`: which element): what a page leaves blank becomes more such lines. */
  fill?: { id: number };
  outline?: { level: 1 | 2 | 3; title: string; anchor?: string };
  /** Where it comes from, to report a fragment taller than a page. */
  source?: Position & { name: string };
}

/**
 * A fragment with every field present, in one order: all fragments then share one shape, which keeps pagination's
 * many reads of them fast (a spread of `over` gave each call site its own shape).
 */
export function emptyFragment(over: Partial<Fragment> = {}): Fragment {
  return {
    height: over.height ?? 0,
    spaceBefore: over.spaceBefore ?? 0,
    spaceAfter: over.spaceAfter ?? 0,
    boxes: over.boxes ?? [],
    containers: over.containers ?? [],
    keepWithNext: over.keepWithNext,
    group: over.group,
    repeat: over.repeat,
    isHeader: over.isHeader,
    pageBreak: over.pageBreak,
    droppable: over.droppable,
    heading: over.heading,
    softBreak: over.softBreak,
    running: over.running,
    fill: over.fill,
    outline: over.outline,
    source: over.source,
  };
}

/** Stacks fragments vertically with collapsed spacing (for table cells and other unbreakable content); moves their boxes. */
export function stackFragments(frags: Fragment[]): { boxes: Box[]; height: number } {
  const boxes: Box[] = [];
  let y = 0;
  let prevAfter = 0;
  frags.forEach((f, i) => {
    if (f.pageBreak) return;
    if (i > 0) y += Math.max(prevAfter, f.spaceBefore);
    for (const b of f.boxes) boxes.push(moveBox(b, 0, y));
    y += f.height;
    prevAfter = f.spaceAfter;
  });
  return { boxes, height: y };
}
