import { describe, expect, it } from 'vitest';
import { layoutStreamed, type StreamedResult } from '../../src/layout/pages/layoutDocument.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { readPdf } from '../helpers/pdf.js';

/**
 * A 300-page document laid out and drawn page by page: a contents page at the front (numbers known only at the
 * end), "page x / N" in every footer, parts that end with a page break and parts that run on.
 */
const PARTS = 45;
const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ['atelier', 'données', 'usager', 'commun', 'outil', 'carte'][(i * 7 + seed) % 6]).join(' ');
const markup = `<document size="A4" title="Long" lang="fr">
  <footer><left>Long</left><right>page <page-number/> / <page-count/></right></footer>
  <toc depth="1"/>
  <page-break/>
  ${Array.from(
    { length: PARTS },
    (_, s) => `<h1>Partie ${s + 1}</h1>
  ${Array.from({ length: 90 }, (_, p) => `<p>Paragraphe ${s + 1}.${p + 1} ${words(40, s + p)}</p>`).join('\n')}
  ${s % 4 === 0 ? `<table><thead><tr><th>Nom</th><th>Rôle</th></tr></thead>${Array.from({ length: 40 }, (_, r) => `<tr><td>Personne ${s}.${r}</td><td>${words(6, r)}</td></tr>`).join('')}</table>` : ''}
  ${s % 2 === 0 ? '<page-break/>' : ''}`,
  ).join('\n')}
</document>`;

describe('a long document laid out and drawn page by page', () => {
  it('never holds more than a few pages, and its pages are the same whether they wait in memory or in a file', async () => {
    const small = (await layoutStreamed({ markup, file: 'long.hbs', pageBudget: 0 })) as StreamedResult;
    const large = (await layoutStreamed({ markup, file: 'long.hbs', pageBudget: Infinity })) as StreamedResult;
    try {
      expect(small.diagnostics).toEqual([]);
      const count = small.model!.pageCount;
      expect(count).toBeGreaterThanOrEqual(300);
      // A page holds about 45 lines: pagination held two pages and the pages of one block (a 40-row table spans
      // two) at a time, not 300 pages.
      expect(small.model!.held.drafted).toBeLessThanOrEqual(4);
      expect(small.model!.held.fragments).toBeLessThan(200);
      // With no budget, only the two contents pages wait in memory (their numbers are filled in at the end).
      expect(small.model!.held.inMemory).toBe(2);
      expect(large.model!.held.inMemory).toBe(count);
      let n = 0;
      const other = large.model!.pages[Symbol.iterator]();
      for (const page of small.model!.pages) {
        expect(page).toEqual(other.next().value);
        n++;
      }
      expect(n).toBe(count);
    } finally {
      small.model?.close();
      large.model?.close();
    }
  });

  it('keeps its pages in memory when no temporary file can be made', async () => {
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/capa-no-tmp';
    try {
      const short = markup.replace(/<h1>Partie (\d\d)[\s\S]*(?=<\/document>)/, '');
      const r = await renderMarkup({ markup: short, file: 'long.hbs', pageBudget: 0 });
      expect(r.diagnostics).toEqual([]);
      expect(Buffer.compare(r.pdf!, (await renderMarkup({ markup: short, file: 'long.hbs' })).pdf!)).toBe(0);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
  });

  it('draws every footer with the page count and the contents with the pages the parts start on', { timeout: 120_000 }, async () => {
    const spilled = await renderMarkup({ markup, file: 'long.hbs', pageBudget: 0 });
    const inMemory = await renderMarkup({ markup, file: 'long.hbs' });
    expect(spilled.diagnostics).toEqual([]);
    // The same bytes whichever way the pages waited.
    expect(Buffer.compare(spilled.pdf!, inMemory.pdf!)).toBe(0);
    const pdf = await readPdf(spilled.pdf!);
    const n = pdf.pages;
    expect(n).toBe(spilled.pages);
    expect(n).toBeGreaterThanOrEqual(300);
    pdf.text.forEach((t, i) => expect(t.endsWith(`Long page ${i + 1} / ${n}`), `page ${i + 1}: …${t.slice(-40)}`).toBe(true));
    // Where each part starts, read from the pages; the contents (before part 1) list the same page for it, and link there.
    const startsOn = Array.from({ length: PARTS }, (_, s) => pdf.text.findIndex((t) => t.includes(`Partie ${s + 1} Paragraphe ${s + 1}.1 `)));
    const toc = startsOn[0];
    expect(toc).toBe(2);
    expect(startsOn.every((p) => p >= toc)).toBe(true);
    const contents = pdf.text.slice(0, toc).join(' ');
    const listed = [...contents.matchAll(/Partie (\d+)[ .]+?(\d+)(?= Partie| Long)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(listed).toEqual(startsOn.map((p, s) => [s + 1, p + 1]));
    expect(pdf.links.slice(0, toc).flat().map((l) => l.target)).toEqual(startsOn);
  });
});
