import type { FlowContext } from '../flow/flowContext.js';
import type { Box, FitRecord, StructElement, StructRole } from '../flow/model.js';
import type { MarkupNode } from '../markup/parseMarkup.js';
import type { LayoutFaceResult } from './layoutFace.js';

/** What laying out one face left behind: its boxes and fit records, and the structure elements it added. */
interface LaidFace {
  boxes: Box[];
  fits: FitRecord[];
  /** The elements the face added, in order; `parent` < 0 is the face's own parent, else an index into this list. */
  structure: Array<{ role: StructRole; parent: number; extra?: Omit<StructElement, 'id' | 'role' | 'parent'> }>;
}

/**
 * Card faces laid out by the previous layout of one document, for `capa build --watch`: a défi edited remakes one
 * card, and the others are not laid out again (fitting a face's text tries several sizes: most of an imposed
 * document's layout). A face is reused when everything its layout reads is the same: its markup (labels and
 * colours are written in it), its trim box and bleed, and the document's base style, accent and languages.
 * Fonts are the process's own. A face that reported a problem, read an image or printed a page number or count is
 * never kept. A reused face gives the boxes, fit records and structure elements its layout would give, so the PDF is
 * the same, byte for byte.
 */
export class FaceCache {
  /** Faces of the last layout, and of the one under way. */
  private previous = new Map<string, LaidFace>();
  private current = new Map<string, LaidFace>();
  /** Faces the layout under way (or the last one) took from the cache: tests check that reuse happens. */
  reused = 0;

  /**
   * A cache that reuses this one's faces of the last layout but keeps what it lays out to itself: a rehearsal of the
   * next layout (the watch's warm-up) leaves this one as it was.
   */
  fork(): FaceCache {
    const fork = new FaceCache();
    fork.previous = this.current.size > 0 ? this.current : this.previous;
    return fork;
  }

  /** A new layout of the document begins: only the faces of the last one are kept. */
  begin(): void {
    if (this.current.size > 0) this.previous = this.current;
    this.current = new Map();
    this.reused = 0;
  }

  /**
   * `layout` run on a face, or its previous result when the face is the same: `key` (from `faceKey`) must hold
   * everything but the context, which is added here.
   */
  layout(key: string | undefined, ctx: FlowContext, layout: (ctx: FlowContext) => LayoutFaceResult, page: number): LayoutFaceResult {
    const full = key === undefined ? undefined : JSON.stringify([key, ctx.style, ctx.accent, ctx.contentLang ?? null, ctx.docLang, ctx.lang, langAt(ctx, ctx.parent)]);
    const known = full === undefined ? undefined : (this.current.get(full) ?? this.previous.get(full));
    if (full !== undefined && known) {
      this.current.set(full, known);
      this.reused++;
      return replay(known, ctx, page);
    }
    const mark = ctx.structure.length;
    const problems = ctx.diagnostics.length;
    const result = layout(ctx);
    if (full === undefined || ctx.diagnostics.length > problems) return result;
    const laid = record(result, ctx, mark);
    if (laid) this.current.set(full, laid);
    return result;
  }
}

/**
 * Elements whose layout reads more than the face's markup (an image's bytes, the page, the document's headings):
 * the face is laid out every time.
 */
const UNCACHED = new Set(['page-number', 'page-count', 'running-title', 'running', 'img', 'toc']);

/**
 * The face's markup as a string, positions left out (they only place diagnostics, and a face with diagnostics is not
 * kept), with the trim box, bleed and side; undefined when the face must be laid out every time.
 */
export function faceKey(face: MarkupNode, place: unknown): string | undefined {
  let uncached = false;
  const plain = (n: MarkupNode): unknown => {
    if (n.type === 'text') return n.text;
    if (UNCACHED.has(n.name)) uncached = true;
    return [n.name, n.attrs, n.children.map(plain)];
  };
  const key = JSON.stringify([plain(face), place]);
  return uncached ? undefined : key;
}

/** The language in force at structure element `id` (its nearest ancestor's `/Lang`): new elements' `/Lang` depends on it. */
function langAt(ctx: FlowContext, id: number): string | null {
  for (let at = id; at > 0; at = ctx.structure.parent(at)) {
    const lang = ctx.structure.extra(at)?.lang;
    if (lang) return lang;
  }
  return null;
}

/** The face's result with its structure elements made relative; undefined when one hangs elsewhere than the face. */
function record(result: LayoutFaceResult, ctx: FlowContext, mark: number): LaidFace | undefined {
  const structure: LaidFace['structure'] = [];
  const local = (id: number): number | undefined => (id > mark ? id - mark - 1 : id === ctx.parent ? -1 : undefined);
  for (let id = mark + 1; id <= ctx.structure.length; id++) {
    const parent = local(ctx.structure.parent(id));
    if (parent === undefined) return undefined;
    const extra = ctx.structure.extra(id);
    structure.push({ role: ctx.structure.role(id), parent, ...(extra ? { extra: { ...extra } } : {}) });
  }
  const boxes: Box[] = [];
  for (const b of result.boxes) {
    if (b.node !== undefined && local(b.node) === undefined) return undefined;
    boxes.push({ ...b, ...(b.node !== undefined ? { node: local(b.node) } : {}) });
  }
  return { boxes, fits: result.fits.map((f) => ({ ...f })), structure };
}

/** Adds the face's structure elements under the context's parent and gives copies of its boxes pointing at them. */
function replay(laid: LaidFace, ctx: FlowContext, page: number): LayoutFaceResult {
  const ids: number[] = [];
  for (const s of laid.structure) ids.push(ctx.structure.add(s.role, s.parent < 0 ? ctx.parent : ids[s.parent], s.extra));
  const node = (n: number) => (n < 0 ? ctx.parent : ids[n]);
  return {
    boxes: laid.boxes.map((b) => (b.node !== undefined ? { ...b, node: node(b.node) } : { ...b })),
    fits: laid.fits.map((f) => ({ ...f, page })),
  };
}
