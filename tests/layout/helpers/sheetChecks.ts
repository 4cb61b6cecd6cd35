import { expect } from 'vitest';
import { fontBook } from '../../../src/layout/fonts/fonts.js';
import type { LayoutModel, LineBox, Page, TextBox, TrimBox } from '../../../src/layout/flow/model.js';
import { MM } from '../../../src/layout/core/units.js';

export const cropMarksOf = (p: Page): LineBox[] => p.items.filter((b): b is LineBox => b.kind === 'line' && b.mark === 'crop');

/**
 * Checks that every trim line of a page is shown by crop marks: for each vertical edge, one mark above and one
 * below the items on that very line; for each horizontal edge, one mark left and one right. Marks never enter
 * an item (with its bleed).
 */
export function expectMarksMatchTrims(page: Page, bleed = 0): void {
  const trims = page.trims ?? [];
  const marks = cropMarksOf(page);
  expect(trims.length).toBeGreaterThan(0);
  const top = Math.min(...trims.map((t) => t.y));
  const bottom = Math.max(...trims.map((t) => t.y + t.height));
  const left = Math.min(...trims.map((t) => t.x));
  const right = Math.max(...trims.map((t) => t.x + t.width));
  const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
  for (const t of trims) {
    for (const x of [t.x, t.x + t.width]) {
      const vertical = marks.filter((m) => near(m.x1, x) && near(m.x2, x));
      expect(vertical.some((m) => Math.max(m.y1, m.y2) < top - bleed)).toBe(true);
      expect(vertical.some((m) => Math.min(m.y1, m.y2) > bottom + bleed)).toBe(true);
    }
    for (const y of [t.y, t.y + t.height]) {
      const horizontal = marks.filter((m) => near(m.y1, y) && near(m.y2, y));
      expect(horizontal.some((m) => Math.max(m.x1, m.x2) < left - bleed)).toBe(true);
      expect(horizontal.some((m) => Math.min(m.x1, m.x2) > right + bleed)).toBe(true);
    }
  }
  // Every mark is on a trim line, and outside every item.
  const xs = trims.flatMap((t) => [t.x, t.x + t.width]);
  const ys = trims.flatMap((t) => [t.y, t.y + t.height]);
  for (const m of marks) {
    const onLine = (near(m.x1, m.x2) && xs.some((x) => near(x, m.x1))) || (near(m.y1, m.y2) && ys.some((y) => near(y, m.y1)));
    expect(onLine).toBe(true);
    for (const t of trims) {
      for (const [x, y] of [[m.x1, m.y1], [m.x2, m.y2]]) {
        const inside = x > t.x - bleed + 0.01 && x < t.x + t.width + bleed - 0.01 && y > t.y - bleed + 0.01 && y < t.y + t.height + bleed - 0.01;
        expect(inside).toBe(false);
      }
    }
  }
}

/** Every back's trim box is its front's mirrored about the page's vertical (long edge) or horizontal axis, ± 0.5 mm. */
export function expectBacksMirrorFronts(model: LayoutModel, opts: { duplex: 'long-edge' | 'short-edge'; offset?: { x: number; y: number } }): number {
  const fronts = new Map<number, { t: TrimBox; p: Page }>();
  let checked = 0;
  for (const p of model.pages) for (const t of p.trims ?? []) if (t.side === 'front') fronts.set(t.item, { t, p });
  for (const p of model.pages) {
    for (const b of p.trims ?? []) {
      if (b.side !== 'back') continue;
      const f = fronts.get(b.item)!.t;
      const ox = (opts.offset?.x ?? 0) * MM;
      const oy = (opts.offset?.y ?? 0) * MM;
      const x = opts.duplex === 'long-edge' ? p.width - f.x - f.width : f.x;
      const y = opts.duplex === 'short-edge' ? p.height - f.y - f.height : f.y;
      expect(Math.abs(b.x - (x + ox))).toBeLessThan(0.5 * MM);
      expect(Math.abs(b.y - (y + oy))).toBeLessThan(0.5 * MM);
      expect(b.width).toBeCloseTo(f.width, 6);
      expect(b.height).toBeCloseTo(f.height, 6);
      expect(b.label).toBe(f.label);
      checked++;
    }
  }
  return checked;
}

/** Every content text box (not page furniture) lies inside one item's trim box and inside a fitted zone. */
export function expectTextInsideItems(model: LayoutModel): number {
  const book = fontBook();
  let checked = 0;
  model.pages.forEach((p, index) => {
    const zones = (model.fits ?? []).filter((f) => f.page === index);
    for (const b of p.items) {
      if (b.kind !== 'text' || b.role === 'Artifact') continue;
      const t = b as TextBox;
      const top = t.y - book.ascender(t.font) * t.size;
      const bottom = t.y + t.size * 0.3;
      const within = (r: { x: number; y: number; width: number; height: number }) =>
        t.x >= r.x - 0.01 && t.x + t.width <= r.x + r.width + 0.01 && top >= r.y - 0.5 && bottom <= r.y + r.height + 0.5;
      expect((p.trims ?? []).some(within), `"${t.text}" leaves its card`).toBe(true);
      expect(zones.some(within), `"${t.text}" leaves its zone`).toBe(true);
      checked++;
    }
  });
  return checked;
}
