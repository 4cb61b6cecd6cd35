import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyFragment, type Fragment } from '../../src/layout/flow/fragment.js';
import { runToEnd } from '../../src/layout/core/checkpoint.js';
import { paginate, Paginator, type PaginatedPage } from '../../src/layout/pages/paginate.js';

/**
 * The paginator fed block by block (as a document is laid out) places every fragment where pagination over the
 * whole document at once places it: same pages, same positions, same running texts and outline, balancing
 * included. Fragments are synthetic: each draws one rectangle whose `x` says which fragment it is.
 */

type Segment =
  | { kind: 'para'; lines: number; before: number }
  | { kind: 'heading'; lines: number }
  | { kind: 'table'; rows: number[] }
  | { kind: 'keep'; heights: number[] }
  | { kind: 'break'; soft: boolean }
  | { kind: 'pad'; height: number }
  | { kind: 'running'; text: string };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('para' as const), lines: fc.integer({ min: 1, max: 30 }), before: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('heading' as const), lines: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('table' as const), rows: fc.array(fc.integer({ min: 12, max: 90 }), { minLength: 1, maxLength: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('keep' as const), heights: fc.array(fc.integer({ min: 10, max: 120 }), { minLength: 2, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('break' as const), soft: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pad' as const), height: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('running' as const), text: fc.constantFrom('A', 'B', 'C') }) },
);

/** The fragments of a document, made afresh (pagination moves their boxes), in blocks as `layoutFlow` gives them. */
function fragmentsOf(segments: Segment[]): Fragment[][] {
  let n = 0;
  let group = 0;
  const box = (height: number) => [{ kind: 'rect' as const, x: n++, y: 0, width: 10, height, role: 'Artifact' as const }];
  return segments.map((s) => {
    switch (s.kind) {
      case 'para':
        return Array.from({ length: s.lines }, (_, i) =>
          emptyFragment({ height: 14, boxes: box(14), spaceBefore: i === 0 ? s.before : 0, spaceAfter: i === s.lines - 1 ? 6 : 0, keepWithNext: i === 0 && s.lines > 1 }),
        );
      case 'heading':
        return Array.from({ length: s.lines }, (_, i) =>
          emptyFragment({ height: 22, boxes: box(22), heading: true, keepWithNext: true, spaceBefore: 18, outline: i === 0 ? { level: 1, title: `h${n}` } : undefined }),
        );
      case 'table': {
        const header = emptyFragment({ height: 16, boxes: box(16), isHeader: true, keepWithNext: true });
        return [header, ...s.rows.map((h) => emptyFragment({ height: h, boxes: box(h), repeat: [header], source: { name: 'tr', line: 1, column: 1 } }))];
      }
      case 'keep': {
        group++;
        return s.heights.map((h) => emptyFragment({ height: h, boxes: box(h), group }));
      }
      case 'break':
        return [emptyFragment({ pageBreak: true, softBreak: s.soft })];
      case 'pad':
        return [emptyFragment({ height: s.height, droppable: true })];
      case 'running':
        return [emptyFragment({ running: s.text })];
    }
  });
}

const options = { top: 40, height: 600, file: 'doc.hbs', lang: 'fr' as const };
const summary = (pages: PaginatedPage[]) => pages.map((p) => ({ running: p.running, boxes: p.boxes.map((b) => (b.kind === 'rect' ? [b.x, b.y, b.role] : [])) }));

function streamed(blocks: Fragment[][]) {
  const pages: PaginatedPage[] = [];
  const pager = new Paginator({ ...options, diagnostics: [], onPage: (p) => pages.push(p) });
  const { outline } = runToEnd(
    (function* () {
      for (const b of blocks) yield* pager.push(b);
      return yield* pager.end();
    })(),
  );
  return { pages, outline, pager };
}

describe('pagination fed block by block', () => {
  it('places every fragment as pagination of the whole document does', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 60 }), (segments) => {
        const whole = paginate({ ...options, fragments: fragmentsOf(segments).flat(), diagnostics: [] });
        const inBlocks = streamed(fragmentsOf(segments));
        expect(summary(inBlocks.pages)).toEqual(summary(whole.pages));
        expect(inBlocks.outline).toEqual(whole.outline);
      }),
      { numRuns: 300 },
    );
  });

  it('holds a few pages and their fragments, not the document: 300 pages of paragraphs and tables', () => {
    const segments: Segment[] = [];
    for (let s = 0; s < 110; s++) {
      segments.push({ kind: 'heading', lines: 1 }, ...Array.from({ length: 12 }, () => ({ kind: 'para' as const, lines: 8, before: 6 })));
      if (s % 3 === 0) segments.push({ kind: 'table', rows: Array.from({ length: 20 }, () => 24) });
      if (s % 2 === 0) segments.push({ kind: 'break', soft: false });
    }
    const blocks = fragmentsOf(segments);
    const total = blocks.reduce((n, b) => n + b.length, 0);
    const { pages, pager } = streamed(blocks);
    expect(pages.length).toBeGreaterThanOrEqual(300);
    // A page holds about 40 fragments here: the paginator never held more than three pages' worth and a block.
    expect(pager.mostDrafted).toBeLessThanOrEqual(3);
    expect(pager.mostHeld).toBeLessThanOrEqual(120);
    expect(pager.mostHeld * 80).toBeLessThan(total);
  });
});
