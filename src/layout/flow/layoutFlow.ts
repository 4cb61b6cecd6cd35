import { breakLines, collectRuns, type RunStyle } from './inlineLayout.js';
import type { Box, HeadingRole, Role } from './model.js';
import { moveBox } from './model.js';
import type { MarkupElement, MarkupNode } from '../markup/parseMarkup.js';
import { emptyFragment, type Container, type Fragment } from './fragment.js';
import { colorAttr, lengthAttr, structNode, type FlowContext } from './flowContext.js';
import { LAYOUT_DEFAULTS as D } from './layoutDefaults.js';
import { MM, parseNumber } from '../core/units.js';
import { VOCABULARY } from '../markup/vocabulary.js';
import { layoutTable } from './layoutTable.js';
import { layoutLegend, layoutTimeline } from './layoutTimeline.js';
import { layoutImage } from './layoutImage.js';
import { layoutToc } from './layoutToc.js';
import { layoutDiagram } from './layoutDiagram.js';
import { layoutMessage } from '../core/layoutMessages.js';
import { pushAll } from '../core/pushAll.js';

export type { FlowContext } from './flowContext.js';

/** The structure level of a heading (`<h2>`: 2) or of a `<p level>` styled as text but read as a heading. */
function headingLevel(el: MarkupElement | null): number | undefined {
  const given = el ? parseNumber(el.attrs.level ?? '') : undefined;
  if (given?.ok) return given.value;
  return el && /^h[1-3]$/.test(el.name) ? Number(el.name[1]) : undefined;
}

/** Lays out a paragraph-like element: one fragment per line so it can break across pages. */
export function paragraphFragments(opts: {
  ctx: FlowContext;
  nodes: MarkupNode[];
  style: RunStyle;
  align?: 'left' | 'center' | 'right';
  role: Role;
  node: number;
  x?: number;
  width?: number;
}): Fragment[] {
  const { ctx } = opts;
  const x = opts.x ?? ctx.x;
  const lines = breakLines({
    runs: collectRuns(opts.nodes, opts.style, { linkColor: ctx.accent, linkNode: () => structNode(ctx, 'Link', { parent: opts.node }) }),
    width: opts.width ?? ctx.width,
    book: ctx.book,
    align: opts.align,
    lineHeight: D.lineHeight,
    role: opts.role,
    node: opts.node,
    lang: ctx.docLang,
  });
  return lines.map((l, i) => {
    for (const b of l.boxes) moveBox(b, x, 0);
    return emptyFragment({
      height: l.height,
      boxes: l.boxes,
      containers: ctx.containers,
      group: ctx.group,
      // Avoid a lone first line at a page end and a lone last line at a page top.
      keepWithNext: (i === 0 && lines.length > 1) || (i === lines.length - 2 && lines.length > 2),
    });
  });
}

const alignOf = (el: MarkupElement) => el.attrs.align as 'left' | 'center' | 'right' | undefined;
function plainText(nodes: MarkupNode[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? n.text : plainText(n.children)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function heading(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const level = Number(el.name[1]) as 1 | 2 | 3;
  const tagged = `H${headingLevel(el) ?? level}` as HeadingRole;
  const spec = D.headings[el.name as 'h1' | 'h2' | 'h3'];
  const size = ctx.style.size * spec.scale;
  const frags = paragraphFragments({
    ctx,
    nodes: el.children,
    style: { ...ctx.style, size, bold: true, color: colorAttr(el) ?? (level < 3 ? ctx.accent : ctx.style.color) },
    align: alignOf(el),
    role: tagged,
    node: structNode(ctx, tagged),
  });
  if (!frags.length) return [];
  for (const f of frags) {
    f.keepWithNext = true;
    f.heading = true;
  }
  frags[0].spaceBefore = spec.before;
  frags[frags.length - 1].spaceAfter = spec.after;
  const anchor = ctx.toc?.anchors.get(el);
  if (el.attrs.bookmark !== 'false') frags[0].outline = { level, title: plainText(el.children), ...(anchor ? { anchor } : {}) };
  return frags;
}

function paragraph(el: MarkupElement | null, nodes: MarkupNode[], ctx: FlowContext): Fragment[] {
  const level = el?.attrs.level !== undefined ? headingLevel(el) : undefined;
  const role: 'P' | HeadingRole = level ? (`H${level}` as HeadingRole) : 'P';
  const size = el ? (parseNumber(el.attrs.size ?? '').ok ? Number(el.attrs.size) : ctx.style.size) : ctx.style.size;
  const frags = paragraphFragments({
    ctx,
    nodes,
    style: { ...ctx.style, size, color: (el && colorAttr(el)) ?? ctx.style.color },
    align: el ? alignOf(el) : undefined,
    role,
    node: structNode(ctx, role),
  });
  if (frags.length && role !== 'P') frags.forEach((f) => (f.keepWithNext = true));
  if (frags.length) frags[frags.length - 1].spaceAfter = (el && lengthAttr(el, 'space-after')) ?? size * 0.55;
  return frags;
}

function list(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const ordered = el.name === 'ol';
  const start = parseNumber(el.attrs.start ?? '1').ok ? Number(el.attrs.start ?? 1) : 1;
  const items = el.children.filter((c): c is MarkupElement => c.type === 'element' && c.name === 'li');
  const bullet = el.attrs.bullet ?? (ctx.listDepth === 0 ? '•' : '–');
  const markers = items.map((_, i) => (ordered ? `${start + i}.` : bullet));
  const markerStyle = { ...ctx.style, color: ordered ? ctx.style.color : ctx.accent };
  const markerWidth = Math.max(...markers.map((m) => ctx.book.width(m, 'text', ctx.style.size)), 0);
  const indent = Math.max(ctx.style.size * 1.3, markerWidth + ctx.style.size * 0.6);
  const out: Fragment[] = [];
  if (tooNarrow(el, ctx.width - indent, ctx)) return out;
  const listNode = structNode(ctx, 'L');
  items.forEach((li, i) => {
    const item = structNode(ctx, 'LI', { parent: listNode });
    const node = structNode(ctx, 'Lbl', { parent: item });
    const body = structNode(ctx, 'LBody', { parent: item });
    const inner = layoutFlow(li.children, { ...ctx, x: ctx.x + indent, width: ctx.width - indent, listDepth: ctx.listDepth + 1, parent: body });
    if (!inner.length) return;
    inner[0].spaceBefore = i === 0 ? 0 : ctx.style.size * 0.25;
    const first = inner[0];
    const firstText = first.boxes.find((b) => b.kind === 'text');
    const baseline = firstText && firstText.kind === 'text' ? firstText.y : ctx.style.size;
    const mark = breakLines({
      runs: [{ text: markers[i], style: markerStyle }],
      width: indent,
      book: ctx.book,
      role: 'Lbl',
      node,
    })[0];
    for (const b of mark?.boxes ?? []) {
      if (b.kind === 'text') first.boxes.unshift({ ...b, x: ctx.x + (ordered ? markerWidth - b.width : 0), y: baseline });
    }
    pushAll(out, inner);
  });
  if (out.length) {
    out[0].spaceBefore = ctx.style.size * 0.2;
    out[out.length - 1].spaceAfter = ctx.style.size * 0.7;
  }
  return out;
}

/** Narrowest column (mm) nested boxes and lists may leave: narrower, text would be set a letter per line or leave the page. */
const MIN_COLUMN = 10;

/** Reports a block whose content column would be narrower than `MIN_COLUMN` (nothing of it is laid out). */
function tooNarrow(el: MarkupElement, width: number, ctx: FlowContext): boolean {
  if (width >= MIN_COLUMN * MM) return false;
  ctx.diagnostics.push({
    severity: 'error',
    code: 'layout/column-too-narrow',
    message: layoutMessage(ctx.lang, 'columnTooNarrow', { name: el.name, width: (Math.max(0, width) / MM).toFixed(0), min: MIN_COLUMN }),
    file: ctx.file,
    line: el.line,
    column: el.column,
  });
  return true;
}

function box(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const pad = lengthAttr(el, 'padding') ?? D.boxPadding * MM;
  const band = colorAttr(el, 'band');
  const bandWidth = band ? 4 : 0;
  const border = colorAttr(el, 'border');
  const container: Container = {
    id: ++ctx.ids.container,
    x: ctx.x,
    width: ctx.width,
    fill: colorAttr(el, 'fill'),
    border,
    borderWidth: lengthAttr(el, 'border-width', 'pt') ?? 0.75,
    radius: lengthAttr(el, 'radius') ?? 0,
    band,
  };
  const containers = [...ctx.containers, container];
  if (tooNarrow(el, ctx.width - 2 * pad - bandWidth, ctx)) return [];
  const inner = layoutFlow(el.children, { ...ctx, x: ctx.x + pad + bandWidth, width: ctx.width - 2 * pad - bandWidth, containers });
  if (inner.length) {
    inner[0].spaceBefore = 0;
    inner[inner.length - 1].spaceAfter = 0;
  }
  const top = emptyFragment({ height: pad, containers, keepWithNext: true, group: ctx.group, spaceBefore: ctx.style.size * 0.6 });
  const bottom = emptyFragment({ height: pad, containers, droppable: true, group: ctx.group, spaceAfter: ctx.style.size * 0.8 });
  return [top, ...inner, bottom];
}

function noteLines(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const count = Number(el.attrs.count ?? 1);
  const spacing = lengthAttr(el, 'spacing') ?? D.noteLineSpacing * MM;
  const color = colorAttr(el) ?? D.noteLine;
  const fill = el.attrs.fill === 'true' ? { id: ++ctx.ids.container } : undefined;
  return Array.from({ length: count }, (_, i) =>
    emptyFragment({
      fill,
      height: spacing,
      containers: ctx.containers,
      group: ctx.group,
      spaceAfter: i === count - 1 ? ctx.style.size * 0.6 : 0,
      boxes: [{ kind: 'line', x1: ctx.x, x2: ctx.x + ctx.width, y1: spacing - 0.5, y2: spacing - 0.5, lineWidth: 0.5, color, role: 'Artifact' }],
    }),
  );
}

function checkbox(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const size = ctx.style.size;
  const square = size * 0.95;
  const indent = size * 1.7;
  const frags = paragraphFragments({ ctx, nodes: el.children, style: ctx.style, role: 'P', node: structNode(ctx, 'P'), x: ctx.x + indent, width: ctx.width - indent });
  const first = frags[0] ?? emptyFragment({ height: size * D.lineHeight, containers: ctx.containers, group: ctx.group });
  if (!frags.length) frags.push(first);
  const t = first.boxes.find((b) => b.kind === 'text');
  const baseline = t && t.kind === 'text' ? t.y : first.height / 2 + size * 0.35;
  const top = baseline - square * 0.85;
  const boxes: Box[] = [{ kind: 'rect', x: ctx.x, y: top, width: square, height: square, stroke: D.ruleStrong, lineWidth: 0.8, radius: 1.5, role: 'Artifact' }];
  if (el.attrs.checked !== undefined && el.attrs.checked !== 'false') {
    const s = square;
    boxes.push(
      { kind: 'line', x1: ctx.x + s * 0.2, y1: top + s * 0.55, x2: ctx.x + s * 0.42, y2: top + s * 0.78, lineWidth: 1.4, color: ctx.accent, role: 'Artifact' },
      { kind: 'line', x1: ctx.x + s * 0.42, y1: top + s * 0.78, x2: ctx.x + s * 0.82, y2: top + s * 0.22, lineWidth: 1.4, color: ctx.accent, role: 'Artifact' },
    );
  }
  first.boxes.unshift(...boxes);
  frags[frags.length - 1].spaceAfter = size * 0.45;
  return frags;
}

function keep(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const group = ctx.group ?? ++ctx.ids.group;
  return layoutFlow(el.children, { ...ctx, group });
}

/** Lays out flow content (blocks, with loose inline content gathered into paragraphs) into fragments. */
export function layoutFlow(nodes: MarkupNode[], ctx: FlowContext): Fragment[] {
  const out: Fragment[] = [];
  let inline: MarkupNode[] = [];
  const flushInline = () => {
    if (inline.some((n) => n.type === 'element' || n.text.trim())) pushAll(out, paragraph(null, inline, ctx));
    inline = [];
  };
  for (const n of nodes) {
    if (n.type === 'text' || VOCABULARY[n.name]?.category === 'inline') {
      inline.push(n);
      continue;
    }
    flushInline();
    pushAll(out, n.attrs.lang ? inLang(n.attrs.lang, ctx, () => block(n, ctx)) : block(n, ctx));
  }
  flushInline();
  return out;
}

/** Lays out `run` with `lang` as the language of its text (structure elements made meanwhile carry it). */
export function inLang<T>(lang: string, ctx: FlowContext, run: () => T): T {
  const outer = ctx.contentLang;
  ctx.contentLang = lang;
  try {
    return run();
  } finally {
    ctx.contentLang = outer;
  }
}

function block(el: MarkupElement, ctx: FlowContext): Fragment[] {
  switch (el.name) {
    case 'h1':
    case 'h2':
    case 'h3':
      return heading(el, ctx);
    case 'p':
      return paragraph(el, el.children, ctx);
    case 'ul':
    case 'ol':
      return list(el, ctx);
    case 'table':
      return layoutTable(el, ctx, layoutFlow);
    case 'box':
      return box(el, ctx);
    case 'keep':
      return keep(el, ctx);
    case 'img':
      return layoutImage(el, ctx);
    case 'lines':
      return noteLines(el, ctx);
    case 'checkbox':
      return checkbox(el, ctx);
    case 'spacer':
      return [emptyFragment({ height: lengthAttr(el, 'height') ?? 0, containers: ctx.containers, group: ctx.group })];
    case 'hr': {
      const h = ctx.style.size;
      return [
        emptyFragment({
          height: h,
          spaceBefore: h * 0.3,
          spaceAfter: h * 0.3,
          containers: ctx.containers,
          group: ctx.group,
          boxes: [{ kind: 'line', x1: ctx.x, x2: ctx.x + ctx.width, y1: h / 2, y2: h / 2, lineWidth: 0.6, color: colorAttr(el) ?? D.rule, role: 'Artifact' }],
        }),
      ];
    }
    case 'page-break':
      return [emptyFragment({ pageBreak: true, softBreak: el.attrs.soft === 'true' })];
    case 'running':
      return [emptyFragment({ running: plainText(el.children), containers: ctx.containers, group: ctx.group })];
    case 'timeline':
      return layoutTimeline(el, ctx);
    case 'legend':
      return layoutLegend(el, ctx);
    case 'toc':
      return layoutToc(el, ctx);
    case 'diagram':
      return layoutDiagram(el, ctx);
    default:
      return layoutFlow(el.children, ctx);
  }
}

