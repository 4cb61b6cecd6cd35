import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { openPdf } from '../helpers/pdf.js';

/** A tagged document of a dozen pages: headings, a long table with links, a contents page numbered at the end. */
const markup = `<document size="A4" title="Flux" lang="fr">
  <footer><right>page <page-number/> / <page-count/></right></footer>
  <toc/>
  ${Array.from(
    { length: 12 },
    (_, s) => `<h1>Partie ${s + 1}</h1>
  <table><thead><tr><th>Heure</th><th>Activité</th></tr></thead>
  ${Array.from({ length: 30 }, (_, i) => `<tr><td>${9 + (i % 8)} h</td><td>Atelier ${s}.${i} <a href="https://example.org/${s}/${i}">fiche</a></td></tr>`).join('')}
  </table>`,
  ).join('\n')}
</document>`;

describe('a PDF written as it is drawn', () => {
  it('reaches its sink page by page, and the bytes are those of the PDF made in memory', async () => {
    const inMemory = await renderMarkup({ markup, file: 'flux.hbs' });
    expect(inMemory.diagnostics).toEqual([]);
    expect(inMemory.pages).toBeGreaterThan(10);

    const chunks: Buffer[] = [];
    let received = 0;
    /** Bytes the sink had received each time the drawing paused between two pages. */
    const atPages: number[] = [];
    let drawing = false;
    const streamed = await renderMarkup({
      markup,
      file: 'flux.hbs',
      sink: {
        write: (b) => {
          drawing = true;
          chunks.push(Buffer.from(b));
          received += b.length;
        },
      },
      // Called between blocks while laying out, then between pages while drawing (once bytes have come).
      checkpoint: async () => {
        if (drawing) atPages.push(received);
      },
    });
    expect(streamed.diagnostics).toEqual([]);
    expect(streamed.pdf).toBeUndefined();
    expect(streamed.pages).toBe(inMemory.pages);
    expect(Buffer.concat(chunks).equals(inMemory.pdf!)).toBe(true);

    // Pages were written while later ones were still to draw: the count grows from page to page, long before the end.
    expect(atPages.length).toBeGreaterThanOrEqual(inMemory.pages - 1);
    const middle = atPages[Math.floor(atPages.length / 2)];
    expect(middle).toBeGreaterThan(atPages[1]);
    expect(middle).toBeLessThan(received / 2 + received / 4);
    const doc = await openPdf(Buffer.concat(chunks));
    expect(doc.numPages).toBe(inMemory.pages);
  });
});
