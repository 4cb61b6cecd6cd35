/**
 * The markup vocabulary: every element, its attributes and what it may contain.
 * This table drives the checker (parseMarkup) and is the reference for templates/README.md.
 */

export type AttrKind =
  | { kind: 'text' }
  | { kind: 'length'; bare?: 'mm' | 'pt' }
  | { kind: 'width' }
  | { kind: 'color' }
  | { kind: 'bool' }
  | { kind: 'number'; min?: number; max?: number; integer?: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'margins' };

/**
 * `inline`: text and inline elements; `flow`: blocks, with loose text and inline elements gathered into
 * paragraphs (like HTML); `empty`: nothing; a string list: only those elements (whitespace ignored).
 */
export type Content = 'inline' | 'flow' | 'empty' | readonly string[];

export interface ElementSpec {
  category: 'block' | 'inline' | 'part';
  attrs: Record<string, AttrKind>;
  content: Content;
  /** Attributes that must be present. */
  required?: readonly string[];
  /** Parents allowed for a `part` (e.g. `li` only inside `ul`/`ol`). */
  parents?: readonly string[];
}

const text = { kind: 'text' } as const;
const color = { kind: 'color' } as const;
const length = { kind: 'length' } as const;
const bool = { kind: 'bool' } as const;
const align = { kind: 'enum', values: ['left', 'center', 'right'] } as const;
const fontSize = { kind: 'number', min: 4, max: 72 } as const;
const minutes = { kind: 'number', min: 0, max: 2880 } as const;
/** Duplex correction in millimetres, signed (a printer shifts its backs either way). */
const offsetMm = { kind: 'number', min: -100, max: 100 } as const;
const face = { fill: color, color, 'font-size': fontSize, padding: { kind: 'margins' } } as const;
/** Heading level in the structure tree (screen readers), whatever the look: `<h3 level="2">`, `<p level="1">` for a cover title. */
const level = { kind: 'number', min: 1, max: 6, integer: true } as const;
/** Language of the element's text (BCP 47) when it is not the document's: kit text printed with labels of another language. */
const lang = { kind: 'text' } as const;

export const PAGE_SIZES: Record<string, [number, number]> = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  A6: [297.64, 419.53],
  letter: [612, 792],
};

export const VOCABULARY: Record<string, ElementSpec> = {
  document: {
    category: 'part',
    parents: [],
    attrs: {
      size: { kind: 'enum', values: Object.keys(PAGE_SIZES) },
      orientation: { kind: 'enum', values: ['portrait', 'landscape'] },
      margin: { kind: 'margins' },
      title: text,
      lang: { kind: 'enum', values: ['fr', 'en'] },
      author: text,
      subject: text,
      keywords: text,
      'font-size': fontSize,
      color,
      accent: color,
    },
    content: 'flow',
  },
  // `skip-first`: not on the first page (a cover); that page still counts in `page-number`/`page-count`.
  header: { category: 'part', parents: ['document'], attrs: { rule: bool, color, 'font-size': fontSize, 'skip-first': bool }, content: ['left', 'center', 'right'] },
  footer: { category: 'part', parents: ['document'], attrs: { rule: bool, color, 'font-size': fontSize, 'skip-first': bool }, content: ['left', 'center', 'right'] },
  left: { category: 'part', parents: ['header', 'footer'], attrs: {}, content: 'inline' },
  center: { category: 'part', parents: ['header', 'footer'], attrs: {}, content: 'inline' },
  right: { category: 'part', parents: ['header', 'footer'], attrs: {}, content: 'inline' },
  h1: { category: 'block', attrs: { color, align, bookmark: bool, level, lang }, content: 'inline' },
  h2: { category: 'block', attrs: { color, align, bookmark: bool, level, lang }, content: 'inline' },
  h3: { category: 'block', attrs: { color, align, bookmark: bool, level, lang }, content: 'inline' },
  p: { category: 'block', attrs: { align, color, size: fontSize, 'space-after': length, level, lang }, content: 'inline' },
  b: { category: 'inline', attrs: {}, content: 'inline' },
  i: { category: 'inline', attrs: {}, content: 'inline' },
  color: { category: 'inline', attrs: { value: color }, content: 'inline', required: ['value'] },
  span: { category: 'inline', attrs: { color, size: fontSize }, content: 'inline' },
  sup: { category: 'inline', attrs: {}, content: 'inline' },
  a: { category: 'inline', attrs: { href: text }, content: 'inline', required: ['href'] },
  br: { category: 'inline', attrs: {}, content: 'empty' },
  'page-number': { category: 'inline', attrs: {}, content: 'empty' },
  'page-count': { category: 'inline', attrs: {}, content: 'empty' },
  ul: { category: 'block', attrs: { bullet: text, lang }, content: ['li'] },
  ol: { category: 'block', attrs: { start: { kind: 'number', min: 0, integer: true }, lang }, content: ['li'] },
  li: { category: 'part', parents: ['ul', 'ol'], attrs: {}, content: 'flow' },
  table: {
    category: 'block',
    attrs: { rules: { kind: 'enum', values: ['rows', 'grid', 'none'] }, size: fontSize, stripe: color, 'header-fill': color, lang },
    content: ['col', 'thead', 'tbody', 'tr'],
  },
  col: { category: 'part', parents: ['table'], attrs: { width: { kind: 'width' } }, content: 'empty' },
  thead: { category: 'part', parents: ['table'], attrs: {}, content: ['tr'] },
  tbody: { category: 'part', parents: ['table'], attrs: {}, content: ['tr'] },
  tr: { category: 'part', parents: ['table', 'thead', 'tbody'], attrs: { fill: color, 'keep-with-next': bool, optional: bool }, content: ['td', 'th'] },
  td: { category: 'part', parents: ['tr'], attrs: { align, fill: color, color, colspan: { kind: 'number', min: 1, integer: true } }, content: 'flow' },
  th: { category: 'part', parents: ['tr'], attrs: { align, fill: color, color, colspan: { kind: 'number', min: 1, integer: true } }, content: 'flow' },
  box: {
    category: 'block',
    attrs: { border: color, 'border-width': { kind: 'length', bare: 'pt' }, fill: color, padding: length, radius: length, 'band': color, lang },
    content: 'flow',
  },
  keep: { category: 'block', attrs: { lang }, content: 'flow' },
  img: { category: 'block', attrs: { src: text, alt: text, width: { kind: 'width' }, height: length, align }, content: 'empty', required: ['src', 'alt'] },
  lines: { category: 'block', attrs: { count: { kind: 'number', min: 1, max: 200, integer: true }, spacing: length, color, fill: bool }, content: 'empty', required: ['count'] },
  checkbox: { category: 'block', attrs: { checked: bool, lang }, content: 'inline' },
  spacer: { category: 'block', attrs: { height: length }, content: 'empty', required: ['height'] },
  hr: { category: 'block', attrs: { color }, content: 'empty' },
  'page-break': { category: 'block', attrs: { soft: bool }, content: 'empty' },
  // Running heads: `<running>` sets the text that `<running-title/>` shows in a header or footer from there on.
  running: { category: 'block', attrs: {}, content: 'inline' },
  'running-title': { category: 'inline', attrs: {}, content: 'empty' },
  timeline: {
    category: 'block',
    attrs: {
      start: minutes,
      end: minutes,
      ticks: { kind: 'number', min: 5, max: 1440, integer: true },
      'lane-height': length,
      'label-width': length,
      'tick-format': { kind: 'enum', values: ['h', '24h', '12h'] },
      'label-size': { kind: 'length', bare: 'pt' },
      alt: text,
    },
    content: ['lane'],
    required: ['start', 'end'],
  },
  lane: { category: 'part', parents: ['timeline'], attrs: { label: text }, content: ['bar'] },
  bar: { category: 'part', parents: ['lane'], attrs: { start: minutes, end: minutes, color, label: text, short: text, abbr: text }, content: 'empty', required: ['start', 'end'] },
  legend: { category: 'block', attrs: {}, content: ['item'] },
  // Contents and diagrams (layoutToc.ts, layoutDiagram.ts).
  toc: { category: 'block', attrs: { depth: { kind: 'number', min: 1, max: 3, integer: true } }, content: 'empty' },
  diagram: {
    category: 'block',
    attrs: { alt: text, 'max-height': length, 'font-size': fontSize, 'min-scale': { kind: 'number', min: 0.3, max: 1 } },
    content: ['column', 'edge'],
  },
  column: { category: 'part', parents: ['diagram'], attrs: { title: text }, content: ['node'] },
  node: { category: 'part', parents: ['column'], attrs: { id: text, color, fill: color, group: text }, content: 'inline', required: ['id'] },
  edge: { category: 'part', parents: ['diagram'], attrs: { from: text, to: text, color }, content: 'empty', required: ['from', 'to'] },
  // Imposition: items (cards, badges) cut from a sheet, placed N-up with crop marks and duplex backs.
  sheet: {
    category: 'part',
    parents: ['document'],
    attrs: {
      'item-width': length,
      'item-height': length,
      gutter: length,
      bleed: length,
      duplex: { kind: 'enum', values: ['long-edge', 'short-edge'] },
      'offset-x': offsetMm,
      'offset-y': offsetMm,
      calibration: bool,
      'calibration-note': text,
    },
    content: ['card'],
    required: ['item-width', 'item-height'],
  },
  card: { category: 'part', parents: ['sheet'], attrs: { label: text }, content: ['front', 'back'], required: ['label'] },
  front: { category: 'part', parents: ['card'], attrs: face, content: ['zone'] },
  back: { category: 'part', parents: ['card'], attrs: face, content: ['zone'] },
  zone: {
    category: 'part',
    parents: ['front', 'back'],
    attrs: {
      height: length,
      grow: bool,
      fill: color,
      padding: { kind: 'margins' },
      valign: { kind: 'enum', values: ['top', 'middle', 'bottom'] },
      'min-scale': { kind: 'number', min: 0.3, max: 1 },
      'font-size': fontSize,
      color,
      field: text,
      source: text,
      lang,
    },
    content: 'flow',
  },
  item: { category: 'part', parents: ['legend'], attrs: { color }, content: 'inline', required: ['color'] },
};

/** Where `page-number` and `page-count` may appear: only page furniture knows the page. */
export const FURNITURE = ['header', 'footer'];
