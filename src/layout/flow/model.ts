import { ChunkedInts } from '../core/ChunkedInts.js';
import type { FontId } from '../fonts/fonts.js';

/**
 * The layout model: pages of positioned boxes in PDF points, origin at the top-left of the page.
 * Plain data — the renderer alone turns it into pdfkit calls, and tests read it directly.
 */

/** Tagged-PDF structure types the layout produces. */
export type StructRole = HeadingRole | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Link' | 'Div' | 'Sect';
export type HeadingRole = 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6';

/** What a box draws: content of a structure element of that type, or an artifact (decoration, header, footer). */
export type Role = Exclude<StructRole, 'L' | 'LI' | 'Table' | 'TR' | 'Div' | 'Sect'> | 'Artifact';

/** One element of the structure tree, in markup (reading) order; `parent` 0 is the document itself. */
export interface StructElement {
  id: number;
  role: StructRole;
  parent: number;
  alt?: string;
  /** For `TH`: whether it heads a column or a row. */
  scope?: 'Column' | 'Row';
  /** Title of the element (`/T`): on a cut item's `Sect`, its `<card label>`. */
  title?: string;
  /** Language of its content (`/Lang`) when it differs from its parent's: kit text in another language than the labels. */
  lang?: string;
}

interface BoxBase {
  role: Role;
  /** Id of the structure element whose content the box draws (none for artifacts). */
  node?: number;
}

export interface TextBox extends BoxBase {
  kind: 'text';
  text: string;
  font: FontId;
  size: number;
  color: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /**
   * Set on the last text of a line that the breaker ended at a space (a soft line break). The space is not laid
   * out (`text`, `x` and `width` leave it out) but the renderer writes it, invisible, after the text, so that
   * copy-paste and screen readers do not glue the last word of the line to the first of the next.
   */
  trailingSpace?: true;
  /**
   * Set on the hyphen a line break adds inside a word: the renderer draws the glyph's outline rather than text, so
   * copy-paste and screen readers read the word whole ("fréquente", not "fré-quente").
   */
  outline?: true;
}

export interface LineBox extends BoxBase {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  color: string;
  /** Set on crop marks (lines that say where to cut), so tests and tools can find them. */
  mark?: 'crop';
}

export interface RectBox extends BoxBase {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
  radius?: number;
}

export interface ImageBox extends BoxBase {
  kind: 'image';
  /** Key into `LayoutModel.images`. */
  src: string;
  alt: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LinkBox extends BoxBase {
  kind: 'link';
  url: string;
  /** An internal link: the named destination it goes to (`LayoutModel.destinations`); `url` is then `#name`. */
  dest?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Box = TextBox | LineBox | RectBox | ImageBox | LinkBox;

export interface OutlineEntry {
  level: 1 | 2 | 3;
  title: string;
  /** 0-based page index. */
  page: number;
  y: number;
  /** Named destination of the heading (set when a `<toc>` lists it), for internal links. */
  anchor?: string;
}

/** A named place in the document that internal links (`LinkBox.dest`) go to. */
export interface Destination {
  name: string;
  /** 0-based page index and top, in points from the page's top. */
  page: number;
  y: number;
}

export interface Page {
  width: number;
  height: number;
  items: Box[];
  /** On imposed sheets: where each item is cut (trim boxes, in points from the page's top-left). */
  trims?: TrimBox[];
  /** With `trims`: how far (points) fills touching a trim run past it; the page's BleedBox (see pageBoxes.ts). */
  bleed?: number;
}

/** One item of an imposed sheet: its trim box on this page. */
export interface TrimBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** `<card label>`: which card or badge this is. */
  label: string;
  /** 0-based position of the card in its `<sheet>`. */
  item: number;
  side: 'front' | 'back' | 'calibration';
}

/** How a fitted zone was set: the text scale chosen so it fits its box (1 = base size). */
export interface FitRecord {
  label: string;
  side: 'front' | 'back';
  field?: string;
  source?: string;
  scale: number;
  /** The zone's box (text area), in page points, for checks that nothing leaves it. */
  x: number;
  y: number;
  width: number;
  height: number;
  page: number;
}

export interface DocumentInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  lang: 'fr' | 'en';
}

export interface LayoutModel {
  pages: Page[];
  outline: OutlineEntry[];
  info: DocumentInfo;
  /** Structure tree, element `id` at `structure.get(id)`. */
  structure: StructureList;
  /** Image bytes by `src`, checked to be PNG or JPEG. */
  images: Map<string, Buffer>;
  /** Zones of imposed cards and the scale each was set at (empty for flowing documents). */
  fits?: FitRecord[];
  /** Named destinations of internal links (the headings a `<toc>` lists). */
  destinations?: Destination[];
}

const STRUCT_ROLES: readonly StructRole[] = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Link', 'Div', 'Sect'];
const ROLE_INDEX = new Map(STRUCT_ROLES.map((r, i) => [r, i]));

/** What few elements carry besides their role and parent. */
type StructExtra = Pick<StructElement, 'alt' | 'scope' | 'title' | 'lang'>;

/**
 * The structure tree's elements, in markup order, as numbers: a role and a parent per element (5 bytes), the rare
 * extras (alt text, scope, title, language) aside. A long sign-in sheet has a million cells; as objects they took
 * ~60 bytes each, alive until the document was drawn. `get` gives an element as a `StructElement`.
 */
export class StructureList implements Iterable<StructElement> {
  private readonly roles = new ChunkedInts(Uint8Array);
  private readonly parents = new ChunkedInts(Int32Array);
  private count = 0;
  private readonly extras = new Map<number, StructExtra>();

  get length(): number {
    return this.count;
  }

  /** Adds an element under `parent` (0: the document) and returns its id (1-based, in order). */
  add(role: StructRole, parent: number, extra?: StructExtra): number {
    this.roles.set(this.count, ROLE_INDEX.get(role)!);
    this.parents.set(this.count, parent);
    const id = ++this.count;
    if (extra && (extra.alt !== undefined || extra.scope || extra.title || extra.lang)) this.extras.set(id, { ...extra });
    return id;
  }

  role(id: number): StructRole {
    return STRUCT_ROLES[this.roles.get(id - 1)];
  }

  parent(id: number): number {
    return this.parents.get(id - 1);
  }

  extra(id: number): StructExtra | undefined {
    return this.extras.get(id);
  }

  /** `<card label>`: the title of a cut item's `Sect`. */
  setTitle(id: number, title: string): void {
    this.extras.set(id, { ...this.extras.get(id), title });
  }

  /** Drops the elements after the first `length` (a zone laid out again at another scale). */
  truncate(length: number): void {
    for (let id = length + 1; id <= this.count; id++) this.extras.delete(id);
    this.count = Math.min(this.count, length);
  }

  get(id: number): StructElement {
    return { id, role: this.role(id), parent: this.parent(id), ...this.extras.get(id) };
  }

  *[Symbol.iterator](): Iterator<StructElement> {
    for (let id = 1; id <= this.count; id++) yield this.get(id);
  }
}

/** What the renderer needs of a model: its pages may be made one at a time as they are read (layoutDocument.ts). */
export type DrawableModel = Omit<LayoutModel, 'pages'> & { pages: Iterable<Page> };

/** Moves a box in place (for boxes just created and owned by the caller: avoids copying thousands of objects). */
export function moveBox(box: Box, dx: number, dy: number): Box {
  if (box.kind === 'line') {
    box.x1 += dx;
    box.x2 += dx;
    box.y1 += dy;
    box.y2 += dy;
  } else {
    box.x += dx;
    box.y += dy;
  }
  return box;
}

/** A moved copy of a box (fragments are laid out at y = 0, then placed on a page). */
export function shiftBox(box: Box, dx: number, dy: number): Box {
  switch (box.kind) {
    case 'line':
      return { ...box, x1: box.x1 + dx, x2: box.x2 + dx, y1: box.y1 + dy, y2: box.y2 + dy };
    default:
      return { ...box, x: box.x + dx, y: box.y + dy };
  }
}
