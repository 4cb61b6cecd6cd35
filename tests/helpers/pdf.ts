import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { typeset, type TypoLang } from '../../src/layout/markup/typography.js';

/**
 * Reading built PDFs back with pdfjs-dist, for tests that assert what a document says: page text (raw and
 * `flat`), the typography helpers `printed`/`seen` for expectations, outline, internal links and structure tree.
 */

export interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

/** An internal link (a `Link` annotation to a named destination). */
export interface PdfLink {
  /** Top of the link rectangle in PDF units (larger is higher on the page). */
  top: number;
  dest: string;
  /** 0-based page index the named destination points at (-1 when it resolves to nothing). */
  target: number;
}

export interface ReadPdf {
  pages: number;
  /** Text of each page, whitespace collapsed (no-break spaces included: the PDF maps them to spaces). */
  text: string[];
  /** `text` without hyphens, to compare with `seen(…)` whatever the line breaks. */
  flat: string[];
  outline: OutlineNode[];
  info: Record<string, unknown>;
  /** Width and height of each page, in points. */
  sizes: Array<[number, number]>;
  /** Internal links of each page, top to bottom. */
  links: PdfLink[][];
}

/** Whitespace collapsed, no-break and narrow no-break spaces included. */
export const collapse = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();

/** Opens a PDF with the options every test uses (no system fonts, no eval); `destroy()` it when done. */
export function openPdf(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** Number of pages of a PDF. */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  const doc = await openPdf(pdf);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** The strings of a page's text items (1-based page), as pdfjs splits them: for tests that join them their own way. */
export async function pageItems(doc: PDFDocumentProxy, n: number): Promise<string[]> {
  const content = await (await doc.getPage(n)).getTextContent();
  return content.items.map((i) => ('str' in i ? i.str : ''));
}

/** Text of a page of an open document (1-based), its items joined by spaces and whitespace collapsed. */
export async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  return collapse((await pageItems(doc, n)).join(' '));
}

export async function readPdf(pdf: Uint8Array): Promise<ReadPdf> {
  const doc = await openPdf(pdf);
  const text: string[] = [];
  const sizes: Array<[number, number]> = [];
  const links: PdfLink[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    text.push(await pageText(doc, n));
    const [x0, y0, x1, y1] = page.view;
    sizes.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
    const found: PdfLink[] = [];
    for (const a of await page.getAnnotations()) {
      if (a.subtype !== 'Link' || typeof a.dest !== 'string') continue;
      const dest = await doc.getDestination(a.dest);
      const target = dest ? await doc.getPageIndex(dest[0]) : -1;
      found.push({ top: a.rect[3], dest: a.dest, target });
    }
    links.push(found.sort((a, b) => b.top - a.top));
  }
  const strip = (nodes: OutlineNode[]): OutlineNode[] => nodes.map((o) => ({ title: o.title, items: strip(o.items) }));
  const outline = strip(((await doc.getOutline()) ?? []) as OutlineNode[]);
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages: text.length, text, flat: text.map(unhyphenate), outline, info: meta.info as Record<string, unknown>, sizes, links };
}

/** Every title of an outline, depth first (a parent before its children). */
export function outlineTitles(nodes: OutlineNode[]): string[] {
  return nodes.flatMap((o) => [o.title, ...outlineTitles(o.items)]);
}

/** A text with the document language's typography (apostrophes, no-break spaces…), whitespace collapsed: as printed in bookmarks. */
export function printed(text: string, lang: TypoLang = 'fr'): string {
  return collapse(typeset(text, lang));
}

/**
 * Hyphens out, with the space a line break leaves after one: narrow columns are hyphenated, so
 * « devrait » may read back as « de- vrait ». Applied to both sides of a comparison (`flat`, `seen`).
 */
export const unhyphenate = (s: string) => s.replace(/-\s?/g, '');

/**
 * A text as a page's `flat` text holds it once printed: with the document language's typography,
 * whitespace collapsed and hyphens out. For expectations written with keyboard characters or taken from kit data.
 */
export function seen(text: string, lang: TypoLang = 'fr'): string {
  return unhyphenate(printed(text, lang));
}

/** One element of a page's structure tree as pdfjs reads it back, with the text of its marked content. */
export interface StructNode {
  role: string;
  children: StructNode[];
  /** `/Lang` of the element itself (not inherited), and its `/Alt`. */
  lang?: string;
  alt?: string;
  /** Text of this element and its descendants, in tree order, whitespace collapsed. */
  text: string;
}

export interface PageStructure {
  /** The children of the `Document` element on this page, in reading (tree) order. */
  top: StructNode[];
  /** Text drawn outside any structure element and outside artifacts (should be none in a tagged PDF). */
  untagged: string;
  /** Text drawn as artifacts. */
  artifacts: string;
}

interface RawNode {
  role?: string;
  type?: string;
  id?: string;
  lang?: string;
  alt?: string;
  children?: RawNode[];
}

/** Reads the structure tree of every page of a PDF with pdfjs (`getStructTree`), matched to the marked-content text. */
export async function pageStructures(pdf: Uint8Array): Promise<PageStructure[]> {
  const doc = await openPdf(pdf);
  const out: PageStructure[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Text of each marked-content sequence by id; artifacts and text outside any sequence on the side.
    const byId = new Map<string, string>();
    const stack: Array<{ id?: string; artifact: boolean }> = [];
    let untagged = '';
    let artifacts = '';
    for (const item of content.items) {
      if ('type' in item) {
        const tag = (item as { tag?: string }).tag;
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push({ id: item.id ?? undefined, artifact: tag === 'Artifact' });
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      const top = stack[stack.length - 1];
      if (top?.artifact) artifacts += ` ${item.str}`;
      else if (top?.id) byId.set(top.id, `${byId.get(top.id) ?? ''} ${item.str}`);
      else untagged += ` ${item.str}`;
    }
    const tree = (await page.getStructTree()) as RawNode | null;
    const convert = (raw: RawNode): StructNode => {
      const children: StructNode[] = [];
      const parts: string[] = [];
      for (const c of raw.children ?? []) {
        if (c.role !== undefined) {
          const child = convert(c);
          children.push(child);
          parts.push(child.text);
        } else if (c.type === 'content' && c.id) parts.push(byId.get(c.id) ?? '');
      }
      return { role: raw.role!, children, text: collapse(parts.join(' ')), ...(raw.lang ? { lang: raw.lang } : {}), ...(raw.alt !== undefined ? { alt: raw.alt } : {}) };
    };
    const document = (tree?.children ?? []).find((c) => c.role === 'Document');
    out.push({ top: document ? convert(document).children : [], untagged: collapse(untagged), artifacts: collapse(artifacts) });
  }
  await doc.destroy();
  return out;
}

/** Every role in a subtree. */
export function rolesOf(node: StructNode): string[] {
  return [node.role, ...node.children.flatMap(rolesOf)];
}
