import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import { FaceCache } from '../../src/layout/pages/FaceCache.js';

/** A card like the défi cards: a coloured band, a number, a heading, a question that must be fitted, a back. */
function card(n: number, opts: { question?: string; label?: string; extra?: string } = {}): string {
  return `<card label="${opts.label ?? `Défi ${n}`}"><front>
    <zone height="15mm" fill="#0B6E4F" valign="middle" lang="en"><p><b>Thread ${n}</b></p></zone>
    <zone height="25mm"><p size="40">${n}</p></zone>
    <zone><p size="14" level="1"><b>Titre ${n}</b></p></zone>
    <zone grow="true" field="question" source="/challenges/${n - 1}/question"><box band="#0B6E4F" padding="1mm"><p size="18">${opts.question ?? 'Qui détient quelle donnée, et qui doit décider de son partage ?'}</p></box></zone>
  </front><back><zone><h2>Pistes</h2><ul><li>Piste ${n}</li><li>Une autre piste ${n}${opts.extra ?? ''}</li></ul></zone><zone grow="true"></zone><zone height="5mm" fill="#0B6E4F" padding="0mm"></zone></back></card>`;
}

function doc(cards: string, opts: { document?: string; sheet?: string } = {}): string {
  return `<document size="A4" ${opts.document ?? ''}><sheet item-width="90mm" item-height="133mm" ${opts.sheet ?? ''}>${cards}</sheet>
    <footer><left>Défis <page-number/>/<page-count/></left></footer></document>`;
}

/** Everything the layout gives that the PDF is drawn from: pages of boxes, structure tree, outline, fit records. */
function laid(markup: string, faces?: FaceCache): string {
  const r = layoutDocument({ markup, file: 'cards.hbs', lang: 'fr', ...(faces ? { faces } : {}) });
  expect(r.diagnostics).toEqual([]);
  const m = r.model!;
  return JSON.stringify({ pages: m.pages, structure: [...m.structure], outline: m.outline, fits: m.fits });
}

const four = (edit: (n: number) => Parameters<typeof card>[1] = () => ({})) => [1, 2, 3, 4].map((n) => card(n, edit(n))).join('');

describe('card faces kept between layouts (the watch)', () => {
  it('reuses the faces that did not change, and the layout is that of a fresh one', () => {
    const faces = new FaceCache();
    expect(laid(doc(four()), faces)).toBe(laid(doc(four())));
    expect(faces.reused).toBe(0);
    expect(laid(doc(four()), faces)).toBe(laid(doc(four())));
    expect(faces.reused).toBe(8);
    // One question edited: its front is laid out again, the seven other faces are reused.
    const edited = doc(four((n) => (n === 3 ? { question: 'Qui en décide ?' } : {})));
    expect(laid(edited, faces)).toBe(laid(edited));
    expect(laid(edited)).not.toBe(laid(doc(four())));
    expect(faces.reused).toBe(7);
  });

  it('a fork (the watch’s rehearsal) reuses the faces of the last layout and keeps what it lays out to itself', () => {
    const faces = new FaceCache();
    laid(doc(four()), faces);
    const edited = doc(four((n) => (n === 3 ? { question: 'Qui en décide ?' } : {})));
    const fork = faces.fork();
    expect(laid(edited, fork)).toBe(laid(edited));
    expect(fork.reused).toBe(7);
    // The fork learnt the new face; the cache did not: the same edit reuses seven faces again, the old layout all eight.
    expect(laid(edited, fork)).toBe(laid(edited));
    expect(fork.reused).toBe(8);
    const again = faces.fork();
    expect(laid(edited, again)).toBe(laid(edited));
    expect(again.reused).toBe(7);
    expect(laid(doc(four()), faces)).toBe(laid(doc(four())));
    expect(faces.reused).toBe(8);
  });

  // Each step leaves every face's markup as it was but changes something its layout reads: a reused face would be stale.
  const steps: Array<[string, string]> = [
    ['the base text size', doc(four(), { document: 'font-size="11"' })],
    ['the text colour', doc(four(), { document: 'color="#553311"' })],
    ['the accent (headings)', doc(four(), { document: 'accent="#AA2200"' })],
    ['the document language (structure /Lang)', doc(four(), { document: 'lang="en"' })],
    ['a card label (fit records, section titles)', doc(four((n) => (n === 2 ? { label: 'Défi deux' } : {})))],
    ['the bleed (trim boxes move)', doc(four(), { sheet: 'bleed="3mm"' })],
    ['the duplex (backs move)', doc(four(), { sheet: 'duplex="short-edge"' })],
    ['a card inserted (every face after it moves to another place and page)', doc(card(9) + four())],
    ['a fallback font for one character (an emoji)', doc(four((n) => (n === 1 ? { extra: ' 🌍' } : {})))],
  ];
  it.each(steps)('does not reuse a face when %s changes', (_name, markup) => {
    const faces = new FaceCache();
    const base = laid(doc(four()), faces);
    const fresh = laid(markup);
    expect(fresh).not.toBe(base);
    expect(laid(markup, faces)).toBe(fresh);
  });

  it('lays out again a face that shows an image, and one that reported a problem', () => {
    const logo = readFileSync(join(import.meta.dirname, '../../kits/demo/assets/logo.png'));
    const withLogo = doc(four().replace('<p size="40">1</p>', '<img src="logo.png" alt="Logo" width="20mm"/>'));
    const faces = new FaceCache();
    for (let i = 0; i < 2; i++) {
      const r = layoutDocument({ markup: withLogo, file: 'cards.hbs', lang: 'fr', faces, assets: (src) => (src === 'logo.png' ? logo : undefined) });
      expect(r.diagnostics).toEqual([]);
      // The image the face draws is in the model: a replayed face would leave it out.
      expect([...r.model!.images.keys()]).toEqual(['logo.png']);
    }
    expect(faces.reused).toBe(7);
    const long = doc(four((n) => (n === 1 ? { question: 'Une question beaucoup trop longue pour sa carte. '.repeat(30) } : {})));
    const d1 = layoutDocument({ markup: long, file: 'cards.hbs', lang: 'fr', faces }).diagnostics;
    const d2 = layoutDocument({ markup: long, file: 'cards.hbs', lang: 'fr', faces }).diagnostics;
    expect(d1.map((d) => d.code)).toEqual(['layout/overflow']);
    expect(d2).toEqual(d1);
  });
});
