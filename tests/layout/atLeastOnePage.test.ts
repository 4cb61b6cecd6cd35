import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { renderPdf } from '../../src/layout/pdf/renderPdf.js';
import { StructureList } from '../../src/layout/flow/model.js';
import { openPdf as open, pageItems } from '../helpers/pdf.js';
import { tempKit } from '../helpers/tempKit.js';

/** `qpdf --check` on the bytes: exit 0 means a structurally valid PDF (it exits 2 on a 0-page file). */
function qpdfCheck(pdf: Buffer): string {
  const file = join(tempKit({ 'out.pdf': pdf }), 'out.pdf');
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}

describe('the layout never produces a 0-page PDF', () => {
  it('an empty <sheet> (no <card>) gives one blank A4 page, with its footer', async () => {
    const markup = `<document size="A4" lang="fr" title="Défis">
  <sheet item-width="95mm" item-height="134mm"></sheet>
  <footer><left>Défis — feuille <page-number/>/<page-count/></left></footer>
</document>`;
    const laid = layoutDocument({ markup, file: 'cards/main.hbs' });
    expect(laid.diagnostics).toEqual([]);
    expect(laid.model!.pages).toHaveLength(1);
    expect(laid.model!.pages[0].width).toBeCloseTo(595.28, 1);
    expect(laid.model!.pages[0].height).toBeCloseTo(841.89, 1);
    const r = await renderMarkup({ markup, file: 'cards/main.hbs' });
    expect(r.pages).toBe(1);
    const doc = await open(r.pdf!);
    expect(doc.numPages).toBe(1);
    const text = (await pageItems(doc, 1)).join('');
    expect(text).toContain('feuille 1/1');
    expect(qpdfCheck(r.pdf!)).toContain('No syntax or stream encoding errors');
  });

  it('an empty body gives one page of the document size', async () => {
    const r = await renderMarkup({ markup: '<document size="A5" orientation="landscape" lang="en"></document>', file: 'x.hbs' });
    expect(r.diagnostics).toEqual([]);
    expect(r.pages).toBe(1);
    const page = await (await open(r.pdf!)).getPage(1);
    const [, , w, h] = page.view;
    expect(Math.round(w)).toBe(595);
    expect(Math.round(h)).toBe(420);
    qpdfCheck(r.pdf!);
  });

  it('renderPdf draws one A4 page for a model without pages', async () => {
    const pdf = await renderPdf({ pages: [], outline: [], structure: new StructureList(), images: new Map(), info: { lang: 'fr' } });
    const doc = await open(pdf);
    expect(doc.numPages).toBe(1);
    expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors');
  });
});
