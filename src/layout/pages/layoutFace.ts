import type { Diagnostic } from '../../report/Diagnostic.js';
import { layoutFlow, type FlowContext } from '../flow/layoutFlow.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { Box, FitRecord } from '../flow/model.js';
import { moveBox } from '../flow/model.js';
import { paginate } from './paginate.js';
import type { MarkupElement, MarkupNode } from '../markup/parseMarkup.js';
import { MM, parseColor, parseLength, parseNumber, textOn } from '../core/units.js';

/** A rectangle in page points, origin top-left. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutFaceOptions {
  /** `<front>` or `<back>`: a stack of `<zone>`s. */
  face: MarkupElement;
  trim: Rect;
  /** How far fills that touch the trim extend past it, in points. */
  bleed: number;
  /** The document's flow context (fonts, structure tree, diagnostics…). */
  ctx: FlowContext;
  /** `<card label>`, named in diagnostics. */
  label: string;
  side: 'front' | 'back';
  /** 0-based page index, recorded in fit records. */
  page: number;
}

export interface LayoutFaceResult {
  boxes: Box[];
  fits: FitRecord[];
}

/** Shrink step and default floor of text fit: 100 %, 95 %, … down to 70 % of the base size. */
export const FIT_STEP = 0.05;
export const FIT_FLOOR = 0.7;

type Sides = [number, number, number, number];

/** `padding="2mm 5mm"` → top, right, bottom, left in points (CSS order); 0 when absent. */
function sides(raw: string | undefined): Sides {
  const parts = (raw ?? '').trim().split(/\s+/).filter(Boolean).map((p) => {
    const l = parseLength(p);
    return l.ok ? l.value : 0;
  });
  if (!parts.length) return [0, 0, 0, 0];
  const [t, r = t, b = t, l = r] = parts;
  return [t, r, b, l];
}

const num = (raw: string | undefined): number | undefined => {
  const n = parseNumber(raw ?? '');
  return n.ok ? n.value : undefined;
};
const colorOf = (raw: string | undefined): string | undefined => {
  const c = parseColor(raw ?? '');
  return c.ok ? c.value : undefined;
};

/** A copy of the markup with every explicit text size multiplied by `scale` (the base size is scaled by the caller). */
function scaleNodes(nodes: MarkupNode[], scale: number): MarkupNode[] {
  if (scale === 1) return nodes;
  return nodes.map((n) => {
    if (n.type === 'text') return n;
    const attrs = { ...n.attrs };
    for (const k of ['size', 'font-size']) {
      const v = num(attrs[k]);
      if (v !== undefined) attrs[k] = String(v * scale);
    }
    return { ...n, attrs, children: scaleNodes(n.children, scale) };
  });
}

function charCount(nodes: MarkupNode[]): number {
  return nodes.reduce((s, n) => s + (n.type === 'text' ? [...n.text.trim()].length : charCount(n.children)), 0);
}

/** A copy keeping only the first `keep` characters of text (what the text would be after cutting). */
function truncateNodes(nodes: MarkupNode[], keep: { left: number }): MarkupNode[] {
  const out: MarkupNode[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      const chars = [...n.text];
      const taken = chars.slice(0, Math.max(0, keep.left)).join('');
      keep.left -= chars.length;
      if (taken) out.push({ ...n, text: taken });
    } else {
      out.push({ ...n, children: truncateNodes(n.children, keep) });
    }
  }
  return out;
}

interface Zone {
  el: MarkupElement;
  /** Fixed outer height (padding included), or undefined for a zone sized by its content. */
  fixed?: number;
  grow: boolean;
  pad: Sides;
  innerWidth: number;
  size: number;
  color: string;
  accent: string;
  fill?: string;
  floor: number;
  scale: number;
  /** Content height at `scale`. */
  height: number;
}

/** Height of stacked fragments with collapsed spacing (the same sum `stackFragments` makes). */
function measureZone(zone: Zone, ctx: FlowContext, opts: { scale: number; nodes?: MarkupNode[]; keep: boolean }): { boxes: Box[]; height: number } {
  const mark = ctx.structure.length;
  const scratch: Diagnostic[] = [];
  const zctx: FlowContext = {
    ...ctx,
    x: 0,
    width: zone.innerWidth,
    style: { bold: false, italic: false, size: zone.size * opts.scale, color: zone.color },
    accent: zone.accent,
    containers: [],
    group: undefined,
    listDepth: 0,
    bodyHeight: Number.MAX_SAFE_INTEGER,
    // Trial layouts must not report twice what the final one reports.
    diagnostics: opts.keep ? ctx.diagnostics : scratch,
    contentLang: zone.el.attrs.lang ?? ctx.contentLang,
  };
  const frags = layoutFlow(scaleNodes(opts.nodes ?? zone.el.children, opts.scale), zctx).filter((f) => !f.pageBreak);
  let height = 0;
  frags.forEach((f, i) => (height += f.height + (i > 0 ? Math.max(frags[i - 1].spaceAfter, f.spaceBefore) : 0)));
  let boxes: Box[] = [];
  if (opts.keep) {
    // One endless page: paginate places the fragments and draws the frames of `<box>`es.
    const { pages } = paginate({ fragments: frags, top: 0, height: Number.MAX_SAFE_INTEGER, file: ctx.file, lang: ctx.lang, diagnostics: zctx.diagnostics });
    boxes = pages.flatMap((p) => p.boxes);
  } else {
    // Structure elements of a trial layout are dropped: only the final layout belongs to the tree.
    ctx.structure.truncate(mark);
  }
  return { boxes, height };
}

/** The next smaller scale, or undefined at the floor. */
function smaller(scale: number, floor: number): number | undefined {
  if (scale <= floor + 1e-9) return undefined;
  const next = Math.round((scale - FIT_STEP) * 1000) / 1000;
  return next < floor ? floor : next;
}

/**
 * Lays out one face of a card: zones stacked top to bottom inside the trim box. Every zone's text is measured
 * against its box and shrunk step by step to its floor; a zone that still does not fit is reported as
 * `layout/overflow` (with how many characters to cut) instead of being clipped or spilling out.
 */
export function layoutFace(opts: LayoutFaceOptions): LayoutFaceResult {
  const { face, trim, bleed, ctx, label, side } = opts;
  const boxes: Box[] = [];
  const fits: FitRecord[] = [];
  const faceFill = colorOf(face.attrs.fill);
  if (faceFill) {
    boxes.push({ kind: 'rect', x: trim.x - bleed, y: trim.y - bleed, width: trim.width + 2 * bleed, height: trim.height + 2 * bleed, fill: faceFill, role: 'Artifact' });
  }
  const [ft, fr, fb, fl] = sides(face.attrs.padding);
  const content: Rect = { x: trim.x + fl, y: trim.y + ft, width: trim.width - fl - fr, height: trim.height - ft - fb };
  const faceSize = num(face.attrs['font-size']) ?? ctx.style.size;
  const faceColor = colorOf(face.attrs.color) ?? (faceFill ? textOn(faceFill) : ctx.style.color);

  const zones: Zone[] = face.children
    .filter((c): c is MarkupElement => c.type === 'element' && c.name === 'zone')
    .map((el) => {
      const pad = el.attrs.padding !== undefined ? sides(el.attrs.padding) : ([2 * MM, 5 * MM, 2 * MM, 5 * MM] as Sides);
      const fill = colorOf(el.attrs.fill);
      const color = colorOf(el.attrs.color) ?? (fill ? textOn(fill) : faceColor);
      const h = parseLength(el.attrs.height ?? '');
      return {
        el,
        fixed: h.ok ? h.value : undefined,
        grow: el.attrs.grow !== undefined && el.attrs.grow !== 'false',
        pad,
        innerWidth: Math.max(1, content.width - pad[1] - pad[3]),
        size: num(el.attrs['font-size']) ?? faceSize,
        color,
        // On a coloured band, headings take the band's text colour rather than the accent.
        accent: fill ? color : ctx.accent,
        fill,
        floor: num(el.attrs['min-scale']) ?? FIT_FLOOR,
        scale: 1,
        height: 0,
      };
    });
  for (const z of zones) z.height = measureZone(z, ctx, { scale: 1, keep: false }).height;

  const vpad = (z: Zone) => z.pad[0] + z.pad[2];
  const shrink = (z: Zone): boolean => {
    const next = smaller(z.scale, z.floor);
    if (next === undefined) return false;
    z.scale = next;
    z.height = measureZone(z, ctx, { scale: next, keep: false }).height;
    return true;
  };
  const overflow: Array<{ zone: Zone; avail: number }> = [];

  const fixedTotal = zones.reduce((s, z) => s + (z.fixed ?? 0), 0);
  if (fixedTotal > content.height + 0.01) {
    // A template mistake, not a text too long: no text cut could help.
    ctx.diagnostics.push({
      severity: 'error',
      code: 'layout/zones-too-tall',
      message: layoutMessage(ctx.lang, 'zonesTooTall', { name: face.name, height: (fixedTotal / MM).toFixed(1), avail: (content.height / MM).toFixed(1) }),
      file: ctx.file,
      line: face.line,
      column: face.column,
    });
    return { boxes, fits };
  }
  // Fixed zones fit on their own.
  for (const z of zones) {
    if (z.fixed === undefined) continue;
    const avail = z.fixed - vpad(z);
    while (z.height > avail + 0.01 && shrink(z));
    if (z.height > avail + 0.01) overflow.push({ zone: z, avail });
  }
  // Zones sized by their content share what fixed zones leave: the tallest one shrinks first.
  const flex = zones.filter((z) => z.fixed === undefined);
  const flexAvail = content.height - fixedTotal;
  const flexTotal = () => flex.reduce((s, z) => s + z.height + vpad(z), 0);
  while (flexTotal() > flexAvail + 0.01) {
    const candidates = flex.filter((z) => smaller(z.scale, z.floor) !== undefined).sort((a, b) => b.height - a.height);
    if (!candidates.length || !shrink(candidates[0])) break;
  }
  if (flex.length && flexTotal() > flexAvail + 0.01) {
    const blamed = [...flex].sort((a, b) => b.height - a.height)[0];
    overflow.push({ zone: blamed, avail: flexAvail - (flexTotal() - blamed.height) });
  }
  for (const o of overflow) report(o.zone, o.avail);
  if (overflow.length) return { boxes, fits };

  // Place the zones; the first growing zone takes the height left over, so the zones after it sit at the bottom.
  const used = zones.reduce((s, z) => s + (z.fixed ?? z.height + vpad(z)), 0);
  let leftover = Math.max(0, content.height - used);
  let y = content.y;
  for (const z of zones) {
    let h = z.fixed ?? z.height + vpad(z);
    if (z.grow && leftover > 0) {
      h += leftover;
      leftover = 0;
    }
    if (z.fill) boxes.push(zoneFill({ zone: { x: content.x, y, width: content.width, height: h }, trim, bleed, fill: z.fill }));
    const inner = h - vpad(z);
    const valign = z.el.attrs.valign ?? 'top';
    const top = y + z.pad[0] + (valign === 'middle' ? (inner - z.height) / 2 : valign === 'bottom' ? inner - z.height : 0);
    const laid = measureZone(z, ctx, { scale: z.scale, keep: true });
    for (const b of laid.boxes) boxes.push(moveBox(b, content.x + z.pad[3], top));
    fits.push({
      label,
      side,
      ...(z.el.attrs.field !== undefined ? { field: z.el.attrs.field } : {}),
      ...(z.el.attrs.source !== undefined ? { source: z.el.attrs.source } : {}),
      scale: z.scale,
      x: content.x + z.pad[3],
      y: y + z.pad[0],
      width: z.innerWidth,
      height: inner,
      page: opts.page,
    });
    y += h;
  }
  return { boxes, fits };

  function report(zone: Zone, avail: number): void {
    const total = charCount(zone.el.children);
    // The most characters that fit at the floor size (binary search over cut versions of the text).
    let lo = 0;
    let hi = total;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const h = measureZone(zone, ctx, { scale: zone.floor, nodes: truncateNodes(zone.el.children, { left: mid }), keep: false }).height;
      if (h <= avail + 0.01) lo = mid;
      else hi = mid - 1;
    }
    const field = zone.el.attrs.field ?? 'zone';
    ctx.diagnostics.push({
      severity: 'error',
      code: 'layout/overflow',
      message: layoutMessage(ctx.lang, 'overflow', { card: label, field, floor: Math.round(zone.floor * 100), cut: Math.max(1, total - lo), total }),
      hint: layoutMessage(ctx.lang, 'overflowHint', {}),
      file: ctx.file,
      line: zone.el.line,
      column: zone.el.column,
      ...(zone.el.attrs.source !== undefined ? { path: zone.el.attrs.source } : {}),
    });
  }
}

/** A zone's fill, extended into the bleed on the sides where it touches the trim (so a slightly off cut shows no white edge). */
function zoneFill(opts: { zone: Rect; trim: Rect; bleed: number; fill: string }): Box {
  const { zone, trim, bleed } = opts;
  const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
  const left = near(zone.x, trim.x) ? bleed : 0;
  const right = near(zone.x + zone.width, trim.x + trim.width) ? bleed : 0;
  const top = near(zone.y, trim.y) ? bleed : 0;
  const bottom = near(zone.y + zone.height, trim.y + trim.height) ? bleed : 0;
  return {
    kind: 'rect',
    x: zone.x - left,
    y: zone.y - top,
    width: zone.width + left + right,
    height: zone.height + top + bottom,
    fill: opts.fill,
    role: 'Artifact',
  };
}
