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
  /** Structure tree: `structure[i].id === i + 1`. */
  structure: StructElement[];
  /** Image bytes by `src`, checked to be PNG or JPEG. */
  images: Map<string, Buffer>;
  /** Zones of imposed cards and the scale each was set at (empty for flowing documents). */
  fits?: FitRecord[];
  /** Named destinations of internal links (the headings a `<toc>` lists). */
  destinations?: Destination[];
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
