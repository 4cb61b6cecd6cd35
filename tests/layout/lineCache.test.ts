import { describe, expect, it } from 'vitest';
import { FontBook } from '../../src/layout/fonts/fonts.js';
import { breakLines, type LineOptions, type Run } from '../../src/layout/flow/inlineLayout.js';
import type { TextBox } from '../../src/layout/flow/model.js';

/** Lines already broken in this process are copied (src/layout/flow/lineCache.ts): they must read as new ones. */

const style = { bold: false, italic: false, color: '#222222', size: 9 };
const text = 'Chaque participant reçoit une carte défi, en choisit une et la présente au groupe avant la pause.';
const runs = (): Run[] => [{ text, style: { ...style } }];
const opts = (node: number, more: Partial<LineOptions> = {}): LineOptions => ({ runs: runs(), width: 120, book: new FontBook(), role: 'P', node, lang: 'fr', ...more });

describe('Broken lines, cached in the process', () => {
  it('gives a second paragraph with the same text the same lines, boxes of its own and its own structure element', () => {
    const first = breakLines(opts(7));
    expect(first.length).toBeGreaterThan(2);
    const copy = structuredClone(first);
    // The caller owns what it gets: moving and recolouring it changes nothing for the next paragraph.
    for (const line of first) for (const b of line.boxes as TextBox[]) Object.assign(b, { x: b.x + 50, color: '#FF0000' });
    const second = breakLines(opts(12));
    const renumbered = copy.map((l) => ({ ...l, boxes: l.boxes.map((b) => ({ ...b, node: 12 })) }));
    expect(second).toEqual(renumbered);
    expect(second[0].boxes[0]).not.toBe(first[0].boxes[0]);
  });

  it('breaks again when the column, the size or the alignment differ', () => {
    const base = breakLines(opts(3));
    const narrow = breakLines(opts(3, { width: 80 }));
    expect(narrow.length).toBeGreaterThan(base.length);
    const larger = breakLines({ ...opts(3), runs: [{ text, style: { ...style, size: 11 } }] });
    expect((larger[0].boxes[0] as TextBox).size).toBe(11);
    const centred = breakLines(opts(3, { align: 'center' }));
    expect((centred.at(-1)!.boxes[0] as TextBox).x).toBeGreaterThan(0);
    expect((base.at(-1)!.boxes[0] as TextBox).x).toBe(0);
  });

  it('breaks a text with a link each time: the link is a structure element of its own', () => {
    const linked = (linkNode: number): LineOptions => ({ ...opts(5), runs: [{ text, style: { ...style, link: 'https://example.org', linkNode } }] });
    const a = breakLines(linked(20));
    const b = breakLines(linked(21));
    expect(a.flatMap((l) => l.boxes).every((x) => x.node === 20)).toBe(true);
    expect(b.flatMap((l) => l.boxes).every((x) => x.node === 21)).toBe(true);
  });
});
