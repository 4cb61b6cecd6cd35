import type { FontBook } from '../fonts/fonts.js';
import { emptyFragment, type Fragment } from './fragment.js';
import { breakLines, collectRuns } from './inlineLayout.js';
import { structNode, type FlowContext, type TocState } from './flowContext.js';
import type { Box, OutlineEntry, TextBox } from './model.js';
import type { MarkupElement, MarkupNode } from '../markup/parseMarkup.js';
import { MM } from '../core/units.js';

const HEADINGS = new Set(['h1', 'h2', 'h3']);
/** Headings inside table cells are stacked into a row and leave no outline entry: they cannot be listed. */
const OPAQUE = new Set(['table', 'sheet']);

/**
 * Finds the headings a `<toc>` can list, over a body read a few top-level nodes at a time: `add` each run in
 * order. `add` says how many headings the run lists; `found` whether a `<toc>` was met so far. `anchor` walks the runs of a second reading of
 * the same markup (new nodes), from the first heading on, and marks each heading with the anchor the first gave it.
 */
export function tocScanner(): {
  state: TocState;
  readonly found: boolean;
  add(nodes: MarkupNode[]): number;
  anchor(nodes: MarkupNode[]): void;
} {
  let found = false;
  let marked = 0;
  const state: TocState = { entries: [], anchors: new Map(), numbers: [] };
  const walk = (nodes: MarkupNode[], heading: (n: MarkupElement) => void) => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (n.name === 'toc') found = true;
      if (HEADINGS.has(n.name) && n.attrs.bookmark !== 'false') heading(n);
      else if (!OPAQUE.has(n.name)) walk(n.children, heading);
    }
  };
  return {
    state,
    get found() {
      return found;
    },
    add(nodes) {
      const before = state.entries.length;
      walk(nodes, (n) => {
        const anchor = `capa-h${state.entries.length + 1}`;
        state.entries.push({ level: Number(n.name[1]) as 1 | 2 | 3, nodes: n.children, anchor });
        state.anchors.set(n, anchor);
      });
      return state.entries.length - before;
    },
    anchor(nodes) {
      // The first reading's headings are not needed any more (their text stays in `entries`).
      if (marked === 0 && state.anchors.size) state.anchors.clear();
      walk(nodes, (n) => state.anchors.set(n, `capa-h${++marked}`));
    },
  };
}

/**
 * `<toc depth>`: one entry per heading up to `depth` (default 2), indented by level, with dot leaders and the
 * page number on the right; each entry is a link to its heading. Numbers are drawn blank here and filled by `finishToc`.
 */
export function layoutToc(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const state = ctx.toc;
  if (!state) return [];
  const depth = Number(el.attrs.depth ?? 2);
  const size = ctx.style.size;
  const right = ctx.x + ctx.width;
  const numberWidth = ctx.book.width('0000', 'text-bold', size);
  const gap = size * 0.6;
  const out: Fragment[] = [];
  for (const entry of state.entries.filter((e) => e.level <= depth)) {
    const indent = (entry.level - 1) * 6 * MM;
    const bold = entry.level === 1;
    const style = { ...ctx.style, bold, color: bold ? ctx.style.color : ctx.style.color };
    const para = structNode(ctx, 'P');
    const link = structNode(ctx, 'Link', { parent: para });
    const textWidth = ctx.width - indent - numberWidth - gap * 2;
    const lines = breakLines({ runs: collectRuns(entry.nodes, style), width: textWidth, book: ctx.book, lineHeight: 1.35, role: 'Link', node: link });
    lines.forEach((line, i) => {
      const boxes: Box[] = line.boxes.filter((b) => b.kind === 'text').map((b) => ({ ...b, x: b.x + ctx.x + indent }));
      const last = i === lines.length - 1;
      const text = boxes.find((b): b is TextBox => b.kind === 'text');
      const baseline = text?.y ?? line.height / 2 + size * 0.35;
      if (last) {
        const from = ctx.x + indent + line.width + gap;
        boxes.push(...leaders({ book: ctx.book, from, to: right - numberWidth - gap / 2, baseline, size }));
        const number: TextBox = { kind: 'text', text: '', font: bold ? 'text-bold' : 'text', size, color: ctx.style.color, x: right, y: baseline, width: 0, role: 'Link', node: link };
        boxes.push(number);
        state.numbers.push({ box: number, right, anchor: entry.anchor });
      }
      // The whole line is clickable, leaders and number included, as readers expect of a contents page.
      boxes.push({ kind: 'link', url: `#${entry.anchor}`, dest: entry.anchor, x: ctx.x + indent, y: 0, width: ctx.width - indent, height: line.height, role: 'Link', node: link });
      out.push(
        emptyFragment({
          height: line.height,
          boxes,
          containers: ctx.containers,
          group: ctx.group,
          keepWithNext: !last,
          spaceBefore: i === 0 && entry.level === 1 && out.length ? size * 0.7 : 0,
        }),
      );
    });
  }
  if (out.length) out[out.length - 1].spaceAfter = size;
  return out;
}

/** Dot leaders from `from` to `to` on a baseline: decoration, so they are artifacts for screen readers. */
function leaders(opts: { book: FontBook; from: number; to: number; baseline: number; size: number }): Box[] {
  const unit = '. ';
  const w = opts.book.width(unit, 'text', opts.size);
  const count = Math.floor((opts.to - opts.from) / w);
  if (count < 2) return [];
  const text = unit.repeat(count).trimEnd();
  const width = opts.book.width(text, 'text', opts.size);
  return [{ kind: 'text', text, font: 'text', size: opts.size, color: '#9AA5B1', x: opts.to - width, y: opts.baseline, width, role: 'Artifact' }];
}

/** Fills the page numbers of the contents from where the headings landed (outline entries carry their anchors). */
export function finishToc(state: TocState, outline: OutlineEntry[], book: FontBook): void {
  const pages = new Map(outline.filter((o) => o.anchor).map((o) => [o.anchor!, o.page]));
  for (const n of state.numbers) {
    const page = pages.get(n.anchor);
    if (page === undefined) continue;
    n.box.text = String(page + 1);
    n.box.width = book.width(n.box.text, n.box.font, n.box.size);
    n.box.x = n.right - n.box.width;
  }
}
