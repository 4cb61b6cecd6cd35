import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { MM } from '../../src/layout/core/units.js';
import { drawnPages, type Box4, type DrawnLine, type DrawnPage } from '../helpers/pdfDrawing.js';
import { copyKit } from '../helpers/tempKit.js';

/**
 * Bleed, gutters, crop marks and page boxes of the cut documents, read from the PDF files themselves: where each
 * item is cut is found from the crop marks, and everything else is checked against it.
 */

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EPS = 0.05;
/** An office printer's unprintable margin that crop marks must stay out of (see docs/printing.md). */
const PRINTER_EDGE = 5 * MM;

const isCropMark = (l: DrawnLine) => l.width === 0.3 && l.stroke === '0 0 0';

/**
 * The trims of a sheet of `item`-sized pieces (mm), from its crop marks: each vertical mark stands on a cut x,
 * each horizontal one on a cut y. With a gutter a piece has two cuts of its own; without, neighbours share one.
 */
function trimsOf(page: DrawnPage, item: { width: number; height: number }): Rect[] {
  const marks = page.lines.filter(isCropMark);
  const uniq = (v: number[]) => [...new Set(v.map((x) => Math.round(x * 100) / 100))].sort((a, b) => a - b);
  const spans = (cuts: number[], size: number) => {
    const out: Array<[number, number]> = [];
    const after = (i: number) => cuts.findIndex((c) => Math.abs(c - cuts[i] - size) < 0.1);
    for (let i = 0; i < cuts.length; ) {
      const j = after(i);
      if (j < 0) {
        i++;
        continue;
      }
      out.push([cuts[i], cuts[j]]);
      // A shared cut (no gutter) also starts the next piece.
      i = after(j) >= 0 ? j : j + 1;
    }
    return out;
  };
  const cols = spans(uniq(marks.filter((m) => Math.abs(m.x1 - m.x2) < EPS).map((m) => m.x1)), item.width * MM);
  const rows = spans(uniq(marks.filter((m) => Math.abs(m.y1 - m.y2) < EPS).map((m) => m.y1)), item.height * MM);
  const trims: Rect[] = [];
  for (const [y0, y1] of rows) for (const [x0, x1] of cols) trims.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  return trims;
}

const grow = (r: Rect, d: number): Rect => ({ x: r.x - d, y: r.y - d, width: r.width + 2 * d, height: r.height + 2 * d });
const inside = (a: Rect, b: Rect) => a.x >= b.x - EPS && a.y >= b.y - EPS && a.x + a.width <= b.x + b.width + EPS && a.y + a.height <= b.y + b.height + EPS;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;
/** A page box ([l, b, r, t] from the bottom) as a rectangle from the top, like the drawing. */
const fromBox = (b: Box4, height: number): Rect => ({ x: b[0], y: height - b[3], width: b[2] - b[0], height: b[3] - b[1] });
const bounds = (rs: Rect[]): Rect => {
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  return { x, y, width: Math.max(...rs.map((r) => r.x + r.width)) - x, height: Math.max(...rs.map((r) => r.y + r.height)) - y };
};
const expectRect = (a: Rect, b: Rect) => {
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(a[k] - b[k]), `${k}: ${a[k]} vs ${b[k]}`).toBeLessThan(0.03);
};

/**
 * Everything a printer needs on one sheet with `bleed` (points): the four boxes, fills that touch a cut running
 * exactly `bleed` past it and never reaching a neighbour's cut, gutters of at least two bleeds, crop marks outside
 * the bleed and 5 mm inside the paper. Returns the sheet's trims and how many fills reach into the bleed.
 */
function expectPrintReady(page: DrawnPage, bleed: number, item: { width: number; height: number }): { trims: Rect[]; bled: number } {
  const trims = trimsOf(page, item);
  expect(trims.length).toBeGreaterThan(0);
  // Page boxes: the sheet, the bounding box of the trims, the same grown by the bleed.
  const sheet = { x: 0, y: 0, width: page.width, height: page.height };
  const all = bounds(trims);
  expectRect(fromBox(page.boxes.MediaBox!, page.height), sheet);
  expectRect(fromBox(page.boxes.CropBox!, page.height), sheet);
  expectRect(fromBox(page.boxes.TrimBox!, page.height), all);
  expectRect(fromBox(page.boxes.ArtBox!, page.height), all);
  expectRect(fromBox(page.boxes.BleedBox!, page.height), grow(all, bleed));
  // Gutters: the space between neighbours holds both bleeds.
  for (const a of trims) {
    for (const b of trims) {
      if (a === b) continue;
      expect(overlaps(grow(a, bleed), grow(b, bleed))).toBe(false);
      if (Math.abs(a.y - b.y) < EPS && b.x > a.x) expect(b.x - (a.x + a.width)).toBeGreaterThanOrEqual(2 * bleed - EPS);
      if (Math.abs(a.x - b.x) < EPS && b.y > a.y) expect(b.y - (a.y + a.height)).toBeGreaterThanOrEqual(2 * bleed - EPS);
    }
  }
  // Fills: each lies within one item and its bleed; an edge that reaches a cut goes exactly one bleed past it.
  let bled = 0;
  for (const f of page.rects) {
    const owner = trims.find((t) => inside(f, grow(t, bleed)));
    expect(owner, `fill ${JSON.stringify(f)} crosses a cut`).toBeDefined();
    const t = owner!;
    const past = [t.x - f.x, t.y - f.y, f.x + f.width - (t.x + t.width), f.y + f.height - (t.y + t.height)];
    for (const p of past) {
      if (p > EPS) {
        expect(p).toBeCloseTo(bleed, 1);
        bled++;
      }
      // Colour that stops exactly on the cut shows white at the slightest slip of the blade.
      if (bleed > 0) expect(Math.abs(p), 'a fill ends on the cut').toBeGreaterThan(EPS);
    }
  }
  // Crop marks: on the cut lines, outside every bleed, inside what an office printer prints, long enough to see.
  const marks = page.lines.filter(isCropMark);
  expect(marks.length).toBeGreaterThanOrEqual(4 * Math.sqrt(trims.length));
  for (const m of marks) {
    for (const [x, y] of [[m.x1, m.y1], [m.x2, m.y2]]) {
      expect(x).toBeGreaterThanOrEqual(PRINTER_EDGE - EPS);
      expect(y).toBeGreaterThanOrEqual(PRINTER_EDGE - EPS);
      expect(x).toBeLessThanOrEqual(page.width - PRINTER_EDGE + EPS);
      expect(y).toBeLessThanOrEqual(page.height - PRINTER_EDGE + EPS);
    }
    const box = bounds([{ x: m.x1, y: m.y1, width: 0, height: 0 }, { x: m.x2, y: m.y2, width: 0, height: 0 }]);
    for (const t of trims) expect(overlaps({ ...box, width: box.width || 0.1, height: box.height || 0.1 }, grow(t, bleed))).toBe(false);
    expect(Math.hypot(m.x2 - m.x1, m.y2 - m.y1)).toBeGreaterThanOrEqual(3 * MM - EPS);
  }
  return { trims, bled };
}

async function cutFile(dir: string, document: 'cards' | 'badges', opts: Partial<BuildOptions> = {}): Promise<DrawnPage[]> {
  const result = await build({ dir, only: [document], to: 'memory', ...opts });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return drawnPages(result.files[0].content);
}

const CARD = { width: 90, height: 133 };
const BADGE = { width: 90, height: 55 };

/** Backs lie behind their fronts: each front trim mirrored about the sheet's vertical (long edge) or horizontal axis. */
function expectBacksBehindFronts(pages: DrawnPage[], duplex: 'long-edge' | 'short-edge', item = CARD): number {
  let checked = 0;
  for (let i = 0; i + 1 < pages.length; i += 2) {
    const [front, back] = [pages[i], pages[i + 1]];
    const backs = trimsOf(back, item);
    for (const f of trimsOf(front, item)) {
      const x = duplex === 'long-edge' ? front.width - f.x - f.width : f.x;
      const y = duplex === 'short-edge' ? front.height - f.y - f.height : f.y;
      expect(backs.some((b) => Math.abs(b.x - x) < 0.1 && Math.abs(b.y - y) < 0.1), `no back behind the front at ${f.x}, ${f.y}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe('defis.pdf of the reference kit, ready for a print shop', () => {
  it('bleeds 3 mm by default, front and back, with backs behind fronts on the long edge', async () => {
    const pages = await cutFile('kits/capacities', 'cards');
    expect(pages).toHaveLength(6);
    let bled = 0;
    for (const p of pages) bled += expectPrintReady(p, 3 * MM, CARD).bled;
    // Every front has its thread band bled at the top and both sides; every back its top and bottom bands.
    expect(bled).toBeGreaterThanOrEqual(10 * 3 + 10 * 6);
    const first = trimsOf(pages[0], CARD);
    expect(first).toHaveLength(4);
    // Two columns, two rows, 6 mm between them: two 3 mm bleeds.
    expect((first[1].x - first[0].x - first[0].width) / MM).toBeCloseTo(6, 1);
    expect((first[2].y - first[0].y - first[0].height) / MM).toBeCloseTo(6, 1);
    expect(expectBacksBehindFronts(pages, 'long-edge')).toBe(10);
  });

  it('keeps backs behind fronts on the short edge, and the calibration sheet bleeds and marks the same way', async () => {
    const pages = await cutFile('kits/capacities', 'cards', { duplex: 'short-edge', calibration: true });
    expect(pages).toHaveLength(8);
    for (const p of pages) expectPrintReady(p, 3 * MM, CARD);
    expect(expectBacksBehindFronts(pages, 'short-edge')).toBe(4 + 10);
  });

  it('takes the bleed from build.bleed_mm: 2 mm narrows bleeds and gutters, 5 mm leaves room for one card a sheet, 0 puts the bleed box on the trim', async () => {
    const bleedKit = (mm: number) => copyKit('kits/demo', { 'capa.yaml': (y) => y.replace('include: [programme.yaml]', `include: [programme.yaml]\n\nbuild:\n  bleed_mm: ${mm}`) });
    const narrow = await cutFile(bleedKit(2), 'cards', { duplex: 'short-edge' });
    let bled = 0;
    for (const p of narrow) bled += expectPrintReady(p, 2 * MM, CARD).bled;
    expect(bled).toBeGreaterThan(0);
    const [a, b] = trimsOf(narrow[0], CARD);
    expect((b.x - a.x - a.width) / MM).toBeCloseTo(4, 1);
    expect(expectBacksBehindFronts(narrow, 'short-edge')).toBe(2);

    // 2 × (5 mm bleed + 1 mm + 3 mm of mark + 5 mm of printer margin) + two cards and a 10 mm gutter > 210 mm.
    const wide = await cutFile(bleedKit(5), 'cards');
    expect(wide).toHaveLength(4);
    for (const p of wide) expect(expectPrintReady(p, 5 * MM, CARD).trims).toHaveLength(1);
    expect(expectBacksBehindFronts(wide, 'long-edge')).toBe(2);

    const flat = await cutFile(bleedKit(0), 'cards');
    for (const p of flat) expect(expectPrintReady(p, 0, CARD).bled).toBe(0);
    expect(flat[0].boxes.BleedBox).toEqual(flat[0].boxes.TrimBox);
    expect(expectBacksBehindFronts(flat, 'long-edge')).toBe(2);
  });
});

describe('badges.pdf of the reference kit, ready for a print shop', () => {
  it('bleeds its role bands 3 mm past the cut, 8 per sheet, single-sided on either duplex setting', async () => {
    for (const duplex of ['long-edge', 'short-edge'] as const) {
      const pages = await cutFile('kits/capacities', 'badges', { duplex });
      expect(pages.length).toBeGreaterThan(1);
      let bled = 0;
      for (const p of pages) bled += expectPrintReady(p, 3 * MM, BADGE).bled;
      const trims = trimsOf(pages[0], BADGE);
      expect(trims).toHaveLength(8);
      // Each badge: the top band bleeds up, left and right; the bottom strip down, left and right.
      expect(bled).toBeGreaterThanOrEqual(8 * 6);
      // Badges are single-sided: the pages are all fronts at the same places, whatever the duplex setting.
      for (const p of pages.slice(1)) for (const t of trimsOf(p, BADGE)) expect(trims.some((f) => Math.abs(f.x - t.x) < EPS && Math.abs(f.y - t.y) < EPS)).toBe(true);
    }
  });
});
