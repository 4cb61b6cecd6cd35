import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/layout/core/checkpoint.js';
import { layoutBody } from '../../src/layout/pages/layoutBody.js';
import { documentSetup, layoutDocument, layoutStreamed, type StreamedLayout } from '../../src/layout/pages/layoutDocument.js';
import type { MarkupSource } from '../../src/layout/markup/parseMarkup.js';
import type { FlowContext } from '../../src/layout/flow/flowContext.js';
import { wholeTreeLayout } from './helpers/wholeTreeLayout.js';

/**
 * The body is parsed and laid out block by block: each top-level node is laid out as soon as the parser completes
 * it. Held to the layout of the whole tree (helpers/wholeTreeLayout.ts) over many documents: the same pages, boxes,
 * outline, structure, contents and diagnostics, whatever the parts the markup comes in, with a `<toc>` anywhere,
 * `<sheet>`s, and problems in any block (a markup problem still stands alone).
 */

const WORDS = ['atelier', 'le', '1er', 'jour', 'usager', 'défi', 'idée', 'carte', 'session', 'groupe', 'retour', 'piste'];
const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => WORDS[(seed + i * 7) % WORDS.length]).join(' ');

const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 1, max: 160 }), fc.nat(50)).map(([n, s]) => `<p>${words(n, s)}</p>`) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.nat(50)).map(([l, b, s]) => `<h${l}${b ? ' bookmark="false"' : ''}>${words(3, s)}</h${l}>`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((d) => `<toc depth="${d}"/>`) },
  { weight: 1, arbitrary: fc.boolean().map((soft) => `<page-break${soft ? ' soft="true"' : ''}/>`) },
  { weight: 2, arbitrary: fc.nat(50).map((s) => `${words(4, s)} <b>${words(2, s + 1)}</b> le 1er`) },
  { weight: 1, arbitrary: fc.constant('<b>Lieu</b>: salle "Nord" ! <i>Horaire</i>; 9 h') },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => `<table><thead><tr><th>A</th><th>B</th></tr></thead>${'<tr><td>un</td><td>deux 1re</td></tr>'.repeat(n)}</table>`) },
  { weight: 1, arbitrary: fc.nat(50).map((s) => `<keep><h2>${words(2, s)}</h2><p>${words(30, s)}</p></keep>`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((n) => `<ul>${`<li>${words(5, n)}</li>`.repeat(n)}</ul>`) },
  { weight: 1, arbitrary: fc.constant('<running>Partie</running>') },
  { weight: 1, arbitrary: fc.constant('<header><left>Titre</left><right><page-number/></right></header>') },
);
/** Rare ones: a sheet, a layout problem, a markup problem. */
const rare: fc.Arbitrary<string> = fc.constantFrom(
  '<sheet item-width="90mm" item-height="55mm"><card label="x"><front><zone><p>Carte</p></zone></front></card></sheet>',
  '<img src="absent.png" alt="x"/>',
  '<p>texte <bogus/> ici</p>',
  '<p>&nbsp;</p>',
  '<h2>Titre',
);

const documents = fc
  .record({
    blocks: fc.array(block, { minLength: 0, maxLength: 40 }),
    rare: fc.option(fc.tuple(rare, fc.nat()), { freq: 3 }),
    lang: fc.constantFrom('fr', 'en'),
    narrow: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ blocks, rare, lang, narrow }) => {
    const body = [...blocks];
    if (rare) body.splice(rare[1] % (body.length + 1), 0, rare[0]);
    return `<document lang="${lang}"${narrow === 0 ? ' margin="140"' : ''}>\n${body.join('\n')}\n</document>`;
  });

/** The markup cut at the given places, as the parts of a document rendered in parts. */
function cut(markup: string, at: number[]): string[] {
  const places = [...new Set(at.map((a) => a % (markup.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of [...places, markup.length]) {
    if (p > last) parts.push(markup.slice(last, p));
    last = p;
  }
  return parts;
}

/** The body laid out block by block, in the terms of `wholeTreeLayout`. */
function streamedBody(markup: MarkupSource, again?: () => MarkupSource, keep?: number) {
  const r = runToEnd(layoutBody({ markup, again, keep, file: 'doc.hbs', lang: 'en', setup: (root) => documentSetup(root, 'doc.hbs', 'en') }));
  if (!r.store) return { diagnostics: r.diagnostics, held: r.held };
  const pages = [...r.store.take()];
  r.store.close();
  return { diagnostics: r.diagnostics, pages, outline: r.outline, ctx: r.ctx, held: r.held };
}

/** What must be the same: every box of every page, the outline, structure, contents and diagnostics. */
function summary(r: { diagnostics: unknown[]; pages?: unknown; outline?: unknown; ctx?: FlowContext }) {
  return JSON.stringify({
    diagnostics: r.diagnostics,
    pages: r.pages,
    outline: r.outline,
    structure: r.ctx?.structure,
    toc: r.ctx?.toc && { entries: r.ctx.toc.entries, numbers: r.ctx.toc.numbers },
  });
}

describe('layout block by block', () => {
  it('lays out any document as the whole tree does, whatever the parts its markup comes in', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.nat(), { maxLength: 12 }), (markup, at) => {
        const expected = summary(wholeTreeLayout(markup));
        expect(summary(streamedBody(markup))).toBe(expected);
        expect(summary(streamedBody(cut(markup, at)))).toBe(expected);
      }),
      { numRuns: 250 },
    );
  });

  it('typesets loose text with what precedes it, wherever the parts end', () => {
    const markup = '<document lang="fr"><p>Avant</p><b>Lieu</b>: salle ! <i>1er</i>? <b>x</b></document>';
    const expected = summary(wholeTreeLayout(markup));
    expect(expected).toContain('Lieu');
    for (let i = 1; i < markup.length; i++) expect(summary(streamedBody([markup.slice(0, i), markup.slice(i)]))).toBe(expected);
  });

  it('gives a markup problem in the last block alone, dropping what was laid out and found before it', () => {
    const early = '<img src="absent.png" alt="x"/>';
    const blocks = Array.from({ length: 400 }, (_, i) => `<p>${words(40, i)}</p>`);
    const markup = `<document>\n${early}\n${blocks.join('\n')}\n<p>fin <bogus/></p>\n</document>`;
    const whole = wholeTreeLayout(markup);
    expect(whole.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['template/unknown-element', 403, 8]]);
    const parts = cut(markup, Array.from({ length: 400 }, (_, i) => i * 97));
    const r = layoutDocument({ markup: parts, file: 'doc.hbs', lang: 'en' });
    expect(r.diagnostics).toEqual(whole.diagnostics);
    expect(r.model).toBeUndefined();
    // Without the late problem, the early one is reported: the layout did run.
    const ok = layoutDocument({ markup: markup.replace('<bogus/>', ''), file: 'doc.hbs', lang: 'en' });
    expect(ok.diagnostics.map((d) => d.code)).toEqual(['asset/missing']);
  });

  it('reads a document with a contents list twice, from the `<toc>` on, and others once', () => {
    // Beyond what is kept of the markup (here nothing), the second read asks for the markup again.
    const keep = 0;
    const sections = Array.from({ length: 60 }, (_, i) => `<h${(i % 3) + 1}>Partie ${i}</h${(i % 3) + 1}><p>${words(80, i)}</p>`);
    const cases = [
      { markup: `<document><p>Couverture</p><page-break/><toc depth="3"/><page-break/>${sections.join('')}</document>`, reads: 1, depth: 3 },
      // A heading listed before the contents: laid out again from the start, and still the same pages.
      { markup: `<document><h1>Avant</h1><p>x</p><toc/>${sections.join('')}</document>`, reads: 1, depth: 2 },
      { markup: `<document>${sections.join('')}<toc depth="1"/></document>`, reads: 1, depth: 1 },
      { markup: `<document>${sections.join('')}</document>`, reads: 0, depth: 0 },
    ];
    for (const { markup, reads, depth } of cases) {
      let read = 0;
      const parts = cut(markup, Array.from({ length: 200 }, (_, i) => i * 113));
      const again = () => {
        read++;
        return [...parts];
      };
      const r = streamedBody(parts, again, keep);
      expect(read).toBe(reads);
      expect(summary(r)).toBe(summary(wholeTreeLayout(markup)));
      // Within what is kept (the default, or just enough), the parts read the first time are read again: same pages.
      const size = parts.reduce((n, p) => n + p.length, 0);
      for (const within of [undefined, size]) {
        read = 0;
        expect(summary(streamedBody(parts, again, within))).toBe(summary(r));
        expect(read).toBe(0);
      }
      // One unit short: asked again.
      if (reads) {
        read = 0;
        expect(summary(streamedBody(parts, again, size - 1))).toBe(summary(r));
        expect(read).toBe(reads);
      }
      // Every listed heading has its line in the contents, waiting for its page number.
      expect(r.ctx?.toc?.numbers.length ?? 0).toBe(r.ctx?.toc?.entries.filter((e) => e.level <= depth).length ?? 0);
      if (reads) expect(r.ctx?.toc?.numbers.length).toBeGreaterThan(15);
    }
  });

  it('holds a few parsed blocks at a time, not the document', async () => {
    const blocks = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? `<h2>Jour ${i}</h2>` : `<p>${words(25, i)}</p>`));
    const markup = `<document><footer><right><page-number/> / <page-count/></right></footer>${blocks.join('\n')}</document>`;
    // As a document rendered in parts gives it: a few blocks a part.
    const parts = Array.from({ length: 1000 }, (_, i) => blocks.slice(i * 3, i * 3 + 3).join('\n') + '\n');
    parts[0] = '<document><footer><right><page-number/> / <page-count/></right></footer>' + parts[0];
    parts.push('</document>');
    const r = (await layoutStreamed({ markup: parts, file: 'doc.hbs', lang: 'en' })) as { model?: StreamedLayout };
    const model = r.model!;
    try {
      expect(model.pageCount).toBeGreaterThan(100);
      // 3,000 top-level blocks (6,000 nodes with the spaces between them); one part's worth alive at once.
      expect(model.held.blocks).toBeGreaterThan(0);
      expect(model.held.blocks).toBeLessThanOrEqual(8);
    } finally {
      model.close();
    }
    // Given as one string, a slice of the parser's (64 KB) at most.
    const whole = layoutDocument({ markup, file: 'doc.hbs', lang: 'en' });
    expect(whole.model?.pages.length).toBe(model.pageCount);
    const one = (await layoutStreamed({ markup, file: 'doc.hbs', lang: 'en' })) as { model?: StreamedLayout };
    try {
      expect(one.model!.held.blocks).toBeLessThan(1500);
    } finally {
      one.model!.close();
    }
  });
});
