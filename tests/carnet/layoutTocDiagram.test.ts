import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LinkBox, TextBox } from '../../src/layout/flow/model.js';
import { renderPdf } from '../../src/layout/pdf/renderPdf.js';
import { readCarnet } from './carnetPdf.js';

/** `<toc>` and `<diagram>`, the two layout elements the carnet added, on small documents. */

const doc = (body: string) => `<document lang="fr">\n${body}\n</document>`;
const lay = (body: string) => layoutDocument({ markup: doc(body), file: 'templates/test/main.hbs' });

describe('<toc>', () => {
  const body = [
    '<h1 bookmark="false">Sommaire</h1>',
    '<toc depth="2"/>',
    '<page-break/><h1>Premier</h1><p>Texte.</p>',
    '<h2>Sous-partie</h2><h3>Trop profond</h3>',
    '<page-break/><page-break/><h1>Deuxième</h1>',
    '<h2 bookmark="false">Sans signet</h2>',
  ].join('\n');

  it('fills each entry with the page its heading landed on, and leaves out what it should', () => {
    const { model, diagnostics } = lay(body);
    expect(diagnostics).toEqual([]);
    const texts = model!.pages[0].items.filter((b): b is TextBox => b.kind === 'text' && b.role !== 'Artifact').map((b) => b.text.trim());
    expect(texts).toEqual(['Sommaire', 'Premier', '2', 'Sous-partie', '2', 'Deuxième', '3']);
    // Numbers are right-aligned on the column's right edge.
    const numbers = model!.pages[0].items.filter((b): b is TextBox => b.kind === 'text' && /^\d+$/.test(b.text));
    for (const n of numbers) expect(n.x + n.width).toBeCloseTo(595.28 - 18 * (72 / 25.4), 1);
  });

  it('links each entry to a named destination at its heading', () => {
    const { model } = lay(body);
    const links = model!.pages[0].items.filter((b): b is LinkBox => b.kind === 'link');
    expect(links.map((l) => l.dest)).toEqual(['capa-h1', 'capa-h2', 'capa-h4']);
    expect(model!.destinations).toEqual([
      { name: 'capa-h1', page: 1, y: expect.any(Number) },
      { name: 'capa-h2', page: 1, y: expect.any(Number) },
      { name: 'capa-h3', page: 1, y: expect.any(Number) },
      { name: 'capa-h4', page: 2, y: expect.any(Number) },
    ]);
  });

  it('writes links that a PDF reader follows to the right pages', async () => {
    const { model } = lay(body);
    const read = await readCarnet(await renderPdf(model!));
    expect(read.links[0].map((l) => l.target)).toEqual([1, 1, 2]);
    expect(read.text[0]).toBe('Sommaire Premier 2 Sous-partie 2 Deuxième 3');
  });

  it('rejects an out-of-range depth', () => {
    const { diagnostics } = lay('<toc depth="5"/>');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['template/bad-value', 2]]);
  });
});

describe('<diagram>', () => {
  const column = (prefix: string, count: number, words = 'un nœud du schéma') =>
    Array.from({ length: count }, (_, i) => `<node id="${prefix}${i}" color="#2A9D8F"><b>${prefix}${i}</b> ${words}</node>`).join('');

  it('draws boxes and the lines between them', () => {
    const { model, diagnostics } = lay(`<diagram alt="Schéma"><column title="A">${column('a', 2)}</column><column title="B">${column('b', 3)}</column>
      <edge from="a0" to="b0"/><edge from="a0" to="b1"/><edge from="b2" to="a1" color="#E76F51"/></diagram>`);
    expect(diagnostics).toEqual([]);
    const items = model!.pages[0].items;
    expect(items.filter((b) => b.kind === 'rect' && b.stroke)).toHaveLength(5);
    // Three segments per edge (1.1 pt since issue 19): a stub out, the run, a stub in; the third edge in its own colour.
    const lines = items.filter((b) => b.kind === 'line' && b.lineWidth === 1.1);
    expect(lines).toHaveLength(9);
    expect(lines.filter((l) => l.kind === 'line' && l.color === '#E76F51')).toHaveLength(3);
    expect([...model!.structure].find((s) => s.role === 'Figure')?.alt).toBe('Schéma');
  });

  it('shrinks a large diagram to fit one page', () => {
    const words = 'un libellé assez long pour occuper deux ou trois lignes dans sa boîte';
    const { model, diagnostics } = lay(`<h1>Carte</h1><diagram max-height="230mm"><column>${column('a', 4, words)}</column><column>${column('b', 30, words)}</column></diagram>`);
    expect(diagnostics).toEqual([]);
    expect(model!.pages).toHaveLength(1);
    const sizes = model!.pages[0].items.filter((b): b is TextBox => b.kind === 'text' && b.text.startsWith('b'));
    expect(sizes[0].size).toBeLessThan(10.5 * 0.85);
    const bottom = Math.max(...model!.pages[0].items.filter((b) => b.kind === 'rect').map((b) => (b.kind === 'rect' ? b.y + b.height : 0)));
    expect(bottom).toBeLessThanOrEqual(841.89 - 22 * (72 / 25.4) + 0.01);
  });

  it('reports a diagram that cannot fit a page even at its smallest', () => {
    const { diagnostics } = lay(`<diagram min-scale="0.9"><column>${column('a', 60)}</column></diagram>`);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['layout/block-too-tall', 2]]);
  });

  it('names an edge to an unknown node, a duplicate id and an edge inside one column', () => {
    const { diagnostics } = lay(`<diagram>
<column><node id="x">X</node><node id="x">X bis</node><node id="y">Y</node></column>
<column><node id="z">Z</node></column>
<edge from="x" to="zz"/>
<edge from="x" to="y"/>
</diagram>`);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['template/bad-value', 3],
      ['template/bad-value', 5],
      ['template/bad-value', 6],
    ]);
    expect(diagnostics[1].message).toContain('zz');
  });
});
