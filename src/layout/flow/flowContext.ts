import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import type { FontBook } from '../fonts/fonts.js';
import type { RunStyle } from './inlineLayout.js';
import type { StructRole, StructureList, TextBox } from './model.js';
import type { MarkupElement, MarkupNode } from '../markup/parseMarkup.js';
import type { Container, Fragment } from './fragment.js';
import { parseColor, parseLength } from '../core/units.js';

// What every block layout shares with `layoutFlow`, kept apart from it so that the blocks (tables, timelines,
// images, diagrams, the table of contents) import this file and `layoutFlow` imports them: no import circle.

/** Everything block layout needs; `x`/`width` is the current column. */
export interface FlowContext {
  book: FontBook;
  x: number;
  width: number;
  style: RunStyle;
  accent: string;
  /** Language of diagnostic messages. */
  lang: Lang;
  /** Language of the document (`<document lang>`), for clock labels. */
  docLang: 'fr' | 'en';
  file: string;
  /** Height available for the body on a page, to report rows and blocks taller than a page. */
  bodyHeight: number;
  containers: Container[];
  group?: number;
  listDepth: number;
  ids: { container: number; group: number };
  /** The structure tree being built, and the element new content goes under (0: the document). */
  structure: StructureList;
  /** Language of the text being laid out (a `lang` attribute around it), when it is not the document's. */
  contentLang?: string;
  parent: number;
  diagnostics: Diagnostic[];
  assets?: (src: string) => Buffer | undefined;
  images: Map<string, Buffer>;
  /** Set when the document has a `<toc>`: the headings it lists and their anchors. */
  toc?: TocState;
}

/** `layoutFlow` itself, handed to the blocks that lay out flow content inside them (table cells). */
export type LayoutFlow = (nodes: MarkupNode[], ctx: FlowContext) => Fragment[];

/** Adds a structure element under `opts.parent` (default: the context's parent) and returns its id. */
export function structNode(ctx: FlowContext, role: StructRole, opts: { parent?: number; alt?: string; scope?: 'Column' | 'Row' } = {}): number {
  const parent = opts.parent ?? ctx.parent;
  // `/Lang` where the language changes: descendants inherit their parent's.
  const lang = ctx.contentLang && ctx.contentLang !== langAbove(ctx, parent) ? ctx.contentLang : undefined;
  return ctx.structure.add(role, parent, lang || opts.alt !== undefined || opts.scope ? { lang, alt: opts.alt, scope: opts.scope } : undefined);
}

/** The language in force at structure element `id`: the nearest ancestor's `/Lang`, else the document's. */
function langAbove(ctx: FlowContext, id: number): string {
  for (let at = id; at > 0; at = ctx.structure.parent(at)) {
    const lang = ctx.structure.extra(at)?.lang;
    if (lang) return lang;
  }
  return ctx.docLang;
}

export const colorAttr = (el: MarkupElement, name = 'color') => {
  const c = parseColor(el.attrs[name] ?? '');
  return c.ok ? c.value : undefined;
};
export const lengthAttr = (el: MarkupElement, name: string, bare: 'mm' | 'pt' = 'mm') => {
  const l = parseLength(el.attrs[name] ?? '', bare);
  return l.ok ? l.value : undefined;
};

/** A heading the table of contents lists, with the named destination its entry links to. */
export interface TocEntry {
  level: 1 | 2 | 3;
  nodes: MarkupNode[];
  anchor: string;
}

/**
 * State shared by `<toc>` and the headings it lists. The entries are known from the markup before layout, so the
 * contents take their final height in the first pass; only the page numbers wait for pagination (`finishToc`).
 */
export interface TocState {
  entries: TocEntry[];
  /** Heading element → its anchor, read by `heading()` to mark its outline entry. */
  anchors: Map<MarkupElement, string>;
  /** Page-number boxes to fill once headings have pages: right edge of the number, the heading's anchor. */
  numbers: Array<{ box: TextBox; right: number; anchor: string }>;
}
