import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fontBook } from '../../src/layout/fonts/fonts.js';
import { breakLines } from '../../src/layout/flow/inlineLayout.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel, TextBox } from '../../src/layout/flow/model.js';
import { renderPdf } from '../../src/layout/pdf/renderPdf.js';
import { openPdf } from '../helpers/pdf.js';

const work = mkdtempSync(path.join(tmpdir(), 'capa-softbreak-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Issue 11: a line broken at a space must keep that space in the PDF's text, or extraction glues the words.
const sentence = 'Les habitants repensent ensemble l’accès aux services publics du quartier avec les agents de la ville';
const markup = (align: string) => `<document size="A5" lang="fr"><p align="${align}" size="16">${sentence}</p></document>`;

function model(align: string): LayoutModel {
  const { model: m, diagnostics } = layoutDocument({ markup: markup(align), file: 'issue11.hbs' });
  expect(diagnostics).toEqual([]);
  return m!;
}

/** The paragraph's text boxes, grouped by baseline (one group per line), top to bottom. */
function lines(m: LayoutModel): TextBox[][] {
  const byY = new Map<number, TextBox[]>();
  for (const b of m.pages[0].items) if (b.kind === 'text' && b.role === 'P') byY.set(b.y, [...(byY.get(b.y) ?? []), b]);
  return [...byY.entries()].sort((a, b) => a[0] - b[0]).map(([, boxes]) => boxes);
}

describe('a paragraph wrapped over 3 lines keeps a space at each soft line break (issue 11)', () => {
  for (const align of ['left', 'right', 'center']) {
    it(`${align}-aligned: laid out without the spaces, written with them`, async () => {
      const m = model(align);
      const laid = lines(m);
      expect(laid).toHaveLength(3);
      const lineText = laid.map((l) => l.map((b) => b.text).join(''));
      // The layout positions leave the broken-at space out: no line text ends with one.
      expect(lineText.join(' ')).toBe(sentence);
      for (const t of lineText) expect(t).not.toMatch(/\s$/);
      expect(laid.map((l) => l[l.length - 1].trailingSpace ?? false)).toEqual([true, true, false]);

      const pdf = await renderPdf(m);
      const doc = await openPdf(pdf);
      try {
        const page = await doc.getPage(1);
        // pdfjs: the items, joined per line (it ends a line with hasEOL), read each line's words separated.
        const content = await page.getTextContent();
        const read: string[] = [''];
        const xs: number[] = [];
        for (const item of content.items) {
          if (!('str' in item)) continue;
          if (read[read.length - 1] === '') xs.push(item.transform[4]);
          read[read.length - 1] += item.str;
          if (item.hasEOL) read.push('');
        }
        expect(read.filter(Boolean)).toEqual(lineText);
        // Glyphs start where the model put them: the trailing space moved nothing (right and centred included).
        expect(xs.map((x) => x.toFixed(2))).toEqual(laid.map((l) => l[0].x.toFixed(2)));

        // The content stream itself: every line's text operator ends with the space it broke at, the last one not.
        const ops = await page.getOperatorList();
        const shown: string[] = [];
        ops.fnArray.forEach((fn, k) => {
          if (fn !== OPS.showText) return;
          const glyphs = ops.argsArray[k][0] as Array<number | { unicode: string } | null>;
          shown.push(glyphs.map((g) => (g && typeof g === 'object' ? g.unicode : '')).join(''));
        });
        expect(shown.join('')).toBe(sentence);
        expect(shown.map((s) => s.endsWith(' '))).toEqual([true, true, false]);
      } finally {
        await doc.destroy();
      }

      // What screen readers and copy-paste get from the structure tree (poppler): the words separated.
      const file = path.join(work, `${align}.pdf`);
      writeFileSync(file, pdf);
      const struct = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
      expect(struct).toContain(`"${sentence}"`);
    });
  }

  it('renders the same bytes twice (the separator keeps output deterministic)', async () => {
    expect((await renderPdf(model('left'))).equals(await renderPdf(model('left')))).toBe(true);
  });

  // Issue 19: a <br> ends a word too (« Défi n° 1 » <br> « Organiser… » read « Défi n° 1Organiser… »): it gets the space.
  it('adds no space where the line broke inside a word (soft hyphen), and one at an explicit <br>', () => {
    const style = { bold: false, italic: false, size: 10, color: '#000000' };
    const book = fontBook();
    const width = book.width('habitants repen-', 'text', 10) + 1;
    const laid = breakLines({
      runs: [{ text: 'habitants repen\u00ADsent', style }, { br: true, style }, { text: 'fin', style }],
      width,
      book,
      role: 'P',
    });
    const last = laid.map((l) => l.boxes.filter((b): b is TextBox => b.kind === 'text' && !b.outline).at(-1)!);
    expect(last.map((b) => b.text)).toEqual(['habitants repen', 'sent', 'fin']);
    expect(last.map((b) => b.trailingSpace ?? false)).toEqual([false, true, false]);
    // The hyphen is a box of its own, drawn as an outline: not text.
    expect(laid[0].boxes.filter((b): b is TextBox => b.kind === 'text' && b.outline === true).map((b) => b.text)).toEqual(['-']);
  });
});
