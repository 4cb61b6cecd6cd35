import { ChunkedInts } from '../core/ChunkedInts.js';
import type { LayoutModel } from '../flow/model.js';

/**
 * The tagged-PDF structure tree of a model, kept as numbers until the document ends.
 *
 * pdfkit's own tree (`doc.struct`) keeps an object graph per element (the element, its dictionary, a children array,
 * a content object per marked sequence with its own array) until `doc.end()`: on a 5,000-workshop run sheet,
 * hundreds of thousands of elements and more than 100 MB. Here an element is its object number and a few entries
 * in typed arrays; each dictionary is built and written only at the end. The bytes are pdfkit's: object numbers are
 * taken (`doc.ref`) at the moments pdfkit would take them, dictionaries get the same keys in the same order, and
 * they are written in the same order (children before their parent), which the byte-identity tests check.
 *
 * Elements are attached to their parent when their first content is drawn, so children and marked content
 * interleave in reading order (a link sits inside its sentence).
 */

interface PdfRef {
  id: number;
  data: Record<string, unknown>;
  end(): void;
}

type RefClass = new (doc: PDFKit.PDFDocument, id: number, data: Record<string, unknown>) => PdfRef;

interface PdfDoc {
  ref(data?: Record<string, unknown>): PdfRef;
  page: { dictionary: PdfRef };
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): { get(key: number): unknown[]; add(key: number, value: unknown): void };
  createStructParentTreeNextKey(): number;
}

/** An entry of an element's `/K`: a child element, marked content on a page, an annotation. */
const CHILD = 1;
const CONTENT = 2;
const ANNOTATION = 3;

/** The entries of all `/K` arrays: 4 ints each (kind, two values, the next entry's index). */
class IntPool {
  private readonly ints = new ChunkedInts(Int32Array);
  private length = 0;

  push4(a: number, b: number, c: number, d: number): number {
    const at = this.length;
    this.ints.set(at, a);
    this.ints.set(at + 1, b);
    this.ints.set(at + 2, c);
    this.ints.set(at + 3, d);
    this.length += 4;
    return at;
  }

  /** Int `k` (0–3) of the entry at `at`. */
  get(at: number, k: number): number {
    return this.ints.get(at + k);
  }

  /** Sets the next entry's index of the entry at `at`. */
  setNext(at: number, next: number): void {
    this.ints.set(at + 3, next);
  }
}

export class StructureTree {
  private readonly doc: PdfDoc;
  private readonly n: number;
  /** What prints `N 0 R` for element `id` (0: the `Document` element); the ParentTree holds these. */
  private readonly refs: Array<{ toString(): string } | undefined> = [];
  private readonly objectIds: Uint32Array;
  private readonly attached: Uint8Array;
  /** Per element, the first and last entry of its `/K` in `entries` (-1: none). */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly entries = new IntPool();
  /** Per parent, the index in its children of the first sibling not yet passed by `element`. */
  private readonly cursor: Uint32Array;
  /** Children of parent `p`, in markup order: `childIds[childStart[p]]` to `childIds[childStart[p + 1] - 1]`. */
  private readonly childStart: Uint32Array;
  private readonly childIds: Uint32Array;
  /** Page dictionaries by page index, for `/Pg`. */
  private readonly pages: PdfRef[] = [];
  private readonly Ref: RefClass;
  private readonly IdRef: new (id: number) => { toString(): string };

  constructor(
    doc: PDFKit.PDFDocument,
    private readonly model: Pick<LayoutModel, 'structure'>,
  ) {
    this.doc = doc as unknown as PdfDoc;
    const n = (this.n = model.structure.length);
    this.objectIds = new Uint32Array(n + 1);
    this.attached = new Uint8Array(n + 1);
    this.head = new Int32Array(n + 1).fill(-1);
    this.tail = new Int32Array(n + 1).fill(-1);
    this.cursor = new Uint32Array(n + 1);
    this.childStart = new Uint32Array(n + 2);
    this.childIds = new Uint32Array(n);
    const { structure } = model;
    for (let id = 1; id <= n; id++) this.childStart[structure.parent(id) + 1]++;
    for (let p = 0; p <= n; p++) this.childStart[p + 1] += this.childStart[p];
    const filled = this.childStart.slice(0, n + 1);
    for (let id = 1; id <= n; id++) this.childIds[filled[structure.parent(id)]++] = id;
    // pdfkit's reference classes, reached through an instance: its package exports neither.
    const root = this.doc.getStructTreeRoot();
    this.Ref = root.constructor as RefClass;
    const Abstract = Object.getPrototypeOf(this.Ref.prototype).constructor as new () => object;
    this.IdRef = class extends Abstract {
      constructor(readonly id: number) {
        super();
      }
      override toString(): string {
        return `${this.id} 0 R`;
      }
    };
  }

  /** Called after each `doc.addPage`: marked content on this page points at its dictionary. */
  pageAdded(): void {
    this.pages.push(this.doc.page.dictionary);
  }

  /** Element `id`, created and attached to its parent on first use (its ancestors and earlier siblings first). */
  element(id: number): number {
    if (!this.objectIds[id]) this.objectIds[id] = this.take();
    if (!this.attached[id]) {
      this.attached[id] = 1;
      const parent = this.model.structure.parent(id);
      // Earlier siblings not drawn yet (an empty table cell) are attached first: reading order stays markup order.
      // A cursor per parent skips the siblings already passed, so a parent with many children is not rescanned
      // from its first child for each of them (quadratic on a large carnet).
      const first = this.childStart[parent];
      const count = this.childStart[parent + 1] - first;
      for (let i = this.cursor[parent]; i < count && this.childIds[first + i] < id; i = this.cursor[parent]) {
        this.cursor[parent] = i + 1;
        const sibling = this.childIds[first + i];
        if (!this.attached[sibling]) this.element(sibling);
      }
      // One `Document` element under the tree root, as PDF/UA checkers and poppler expect.
      this.add(parent === 0 ? this.document() : this.element(parent), CHILD, id, 0);
    }
    return id;
  }

  /** Marked content just closed (`doc.markStructureContent`) belongs to element `id`. */
  content(id: number, marked: PDFKit.PDFStructureContent): void {
    const owner = this.element(id);
    const { pageRef, mcid } = (marked as unknown as { refs: Array<{ pageRef: PdfRef; mcid: number }> }).refs[0];
    const page = this.pages.lastIndexOf(pageRef);
    this.add(owner, CONTENT, page, mcid);
    this.doc.getStructParentTree().get(pageRef.data.StructParents as number)[mcid] = this.ref(owner);
  }

  /** What pdfkit's `link`/`goTo` take as `structParent`: the annotation becomes part of element `id`. */
  annotationParent(id: number): PDFKit.PDFStructureElement {
    const owner = this.element(id);
    const add = (child: { annotationRef: PdfRef }) => {
      const key = this.doc.createStructParentTreeNextKey();
      child.annotationRef.data.StructParent = key;
      this.doc.getStructParentTree().add(key, this.ref(owner));
      this.add(owner, ANNOTATION, child.annotationRef.id, 0);
    };
    return { add } as unknown as PDFKit.PDFStructureElement;
  }

  /** Attaches elements that drew nothing (an empty cell still belongs to its row), then writes the tree. */
  end(): void {
    for (let id = 1; id <= this.n; id++) this.element(id);
    this.document();
    this.write(0);
  }

  private document(): number {
    if (!this.objectIds[0]) {
      this.objectIds[0] = this.take();
      // `doc.addStructure`: the tree root lists the element.
      const root = this.doc.getStructTreeRoot();
      const k = (root.data.K ??= []) as unknown[];
      k.push(this.ref(0));
    }
    return 0;
  }

  /** A new object number, taken from pdfkit as `doc.struct` would; the object is written by `write`. */
  private take(): number {
    return this.doc.ref().id;
  }

  private ref(id: number): { toString(): string } {
    let r = this.refs[id];
    if (!r) this.refs[id] = r = new this.IdRef(this.objectIds[id]);
    return r;
  }

  private add(owner: number, kind: number, a: number, b: number): void {
    const at = this.entries.push4(kind, a, b, -1);
    if (this.tail[owner] < 0) this.head[owner] = at;
    else this.entries.setNext(this.tail[owner], at);
    this.tail[owner] = at;
  }

  /** Writes element `id` after its child elements, with the dictionary pdfkit's `PDFStructureElement` writes. */
  private write(id: number): void {
    const entries = this.entries;
    for (let at = this.head[id]; at >= 0; at = entries.get(at, 3)) if (entries.get(at, 0) === CHILD) this.write(entries.get(at, 1));
    const data: Record<string, unknown> = { S: id === 0 ? 'Document' : this.model.structure.role(id) };
    if (id === 0) data.P = this.doc.getStructTreeRoot();
    else {
      const s = this.model.structure.extra(id);
      if (s?.title) data.T = new String(s.title);
      if (s?.lang) data.Lang = new String(s.lang);
      if (s?.alt) data.Alt = new String(s.alt);
      if (s?.scope) data.A = { O: 'Table', Scope: s.scope };
      data.P = this.ref(this.model.structure.parent(id));
    }
    const k: unknown[] = [];
    data.K = k;
    for (let at = this.head[id]; at >= 0; at = entries.get(at, 3)) {
      const kind = entries.get(at, 0);
      if (kind === CHILD) k.push(this.ref(entries.get(at, 1)));
      else if (kind === CONTENT) {
        const pg = this.pages[entries.get(at, 1)];
        const mcid = entries.get(at, 2);
        data.Pg ??= pg;
        k.push(data.Pg === pg ? mcid : { Type: 'MCR', Pg: pg, MCID: mcid });
      } else k.push({ Type: 'OBJR', Obj: new this.IdRef(entries.get(at, 1)), Pg: this.doc.page.dictionary });
    }
    new this.Ref(this.doc as unknown as PDFKit.PDFDocument, this.objectIds[id], data).end();
  }
}
