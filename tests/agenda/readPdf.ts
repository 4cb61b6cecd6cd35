import { typeset, type TypoLang } from '../../src/layout/typography.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A PDF read back with pdfjs-dist, for tests that assert what a built document says. */

export interface OutlineNode {
  title: string;
  items: OutlineNode[];
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
}

const collapse = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();

export async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const text: string[] = [];
  const sizes: Array<[number, number]> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text.push(collapse(content.items.map((i) => ('str' in i ? i.str : '')).join(' ')));
    const [x0, y0, x1, y1] = page.view;
    sizes.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
  }
  const strip = (nodes: OutlineNode[]): OutlineNode[] => nodes.map((o) => ({ title: o.title, items: strip(o.items) }));
  const outline = strip(((await doc.getOutline()) ?? []) as OutlineNode[]);
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages: text.length, text, flat: text.map(unhyphenate), outline, info: meta.info as Record<string, unknown>, sizes };
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
