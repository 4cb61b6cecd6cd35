import type { Page } from '../flow/model.js';

/** A PDF rectangle: [left, bottom, right, top] in points from the page's bottom-left corner. */
export type PdfRect = [number, number, number, number];

export interface PageBoxes {
  MediaBox: PdfRect;
  CropBox: PdfRect;
  BleedBox: PdfRect;
  TrimBox: PdfRect;
  ArtBox: PdfRect;
}

/** Two decimals: the boxes are compared by prepress tools to the drawn trims, and the file stays byte-identical. */
const round = (v: number) => Math.round(v * 100) / 100;

/**
 * The page boxes of an imposed sheet, or undefined for a page with no trims (its boxes default to the MediaBox).
 *
 * A sheet holds several items, and a page has one TrimBox: it is the smallest rectangle around every item's trim
 * (on a 4-up card sheet, from the top-left card's corner to the bottom-right card's), so imposition software sees
 * where the finished pieces lie and that the crop marks are outside. The BleedBox is that rectangle grown by the
 * bleed (kept on the sheet), the ArtBox equals the TrimBox (what is meant to be seen once cut), and the MediaBox
 * and CropBox stay the whole sheet: the crop marks must print on an office printer.
 */
export function pageBoxes(page: Page): PageBoxes | undefined {
  const trims = page.trims ?? [];
  if (!trims.length) return undefined;
  const left = Math.min(...trims.map((t) => t.x));
  const right = Math.max(...trims.map((t) => t.x + t.width));
  const top = Math.min(...trims.map((t) => t.y));
  const bottom = Math.max(...trims.map((t) => t.y + t.height));
  const b = page.bleed ?? 0;
  // The model measures from the top; PDF from the bottom.
  const rect = (l: number, t: number, r: number, btm: number): PdfRect => [round(l), round(page.height - btm), round(r), round(page.height - t)];
  const media = rect(0, 0, page.width, page.height);
  const trim = rect(left, top, right, bottom);
  const bleed = rect(Math.max(0, left - b), Math.max(0, top - b), Math.min(page.width, right + b), Math.min(page.height, bottom + b));
  return { MediaBox: media, CropBox: media, BleedBox: bleed, TrimBox: trim, ArtBox: trim };
}
