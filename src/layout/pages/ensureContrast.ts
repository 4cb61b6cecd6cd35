import { minContrastFor, readableOn } from '../../colors/contrast.js';
import type { Box, RectBox } from '../flow/model.js';

/** The page itself. */
const PAPER = '#FFFFFF';

/** Geometric shapes (■ ● ▲…) drawn as colour keys: they show a colour as it is, they are not words to read. */
const SWATCH = /^[\s\u25A0-\u25FF]+$/u;

/** Colours already settled, across pages and documents: a document repeats the same few pairs thousands of times. */
const settled = new Map<string, string>();

/**
 * Makes every text of a page meet WCAG contrast on what is drawn beneath it: the topmost filled rectangle under the
 * text (drawn before it), else the white page. A colour that passes is left alone; one that fails (a kit's theme
 * colour used as text, a grey on a tint) gets the smallest change of lightness of the same hue that passes.
 * Templates choose good colours; this is the rule that holds whatever a template or a kit asks for.
 * Boxes are changed in place (they are the caller's, freshly laid out).
 */
export function ensureContrast(items: Box[]): Box[] {
  const fills: RectBox[] = [];
  for (const box of items) {
    if (box.kind === 'rect') {
      if (box.fill) fills.push(box);
      continue;
    }
    if (box.kind !== 'text' || SWATCH.test(box.text)) continue;
    const background = backgroundAt(fills, box.x + box.width / 2, box.y - box.size * 0.3);
    const min = minContrastFor(box.size, box.font.includes('bold'));
    const key = `${box.color}|${background}|${min}`;
    let color = settled.get(key);
    if (color === undefined) {
      if (settled.size > 4096) settled.clear();
      settled.set(key, (color = readableOn(box.color, background, min)));
    }
    box.color = color;
  }
  return items;
}

/** Fill of the last rectangle drawn that holds the point (x, y), in points from the page's top-left. */
function backgroundAt(fills: RectBox[], x: number, y: number): string {
  for (let i = fills.length - 1; i >= 0; i--) {
    const r = fills[i];
    if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) return r.fill!;
  }
  return PAPER;
}
