import { describe, expect, it } from 'vitest';
import { parseMarkup, type MarkupElement, type MarkupNode } from '../../src/layout/markup/parseMarkup.js';

const parse = (markup: string) => parseMarkup({ markup, file: 'templates/agenda/programme.hbs', lang: 'en' });
const texts = (n: MarkupNode): string => (n.type === 'text' ? n.text : n.children.map(texts).join(''));

describe('parseMarkup', () => {
  it('reports an unknown element at its line and column in the template file', () => {
    const { diagnostics } = parse('<document>\n  <p>Hi</p>\n    <bold>x</bold>\n</document>');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'template/unknown-element',
      file: 'templates/agenda/programme.hbs',
      line: 3,
      column: 5,
    });
    expect(diagnostics[0].message).toContain('<bold>');
    expect(diagnostics[0].hint).toContain('h1');
  });

  it('reports an unknown attribute at the attribute itself', () => {
    const { diagnostics } = parse('<document>\n<p align="left" colour="#fff">Hi</p></document>');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["template/unknown-attribute", 2, 17]]);
    expect(diagnostics[0].hint).toContain('color');
  });

  it('reports a bad attribute value with what was expected', () => {
    const { diagnostics } = parse('<document size="A3">\n<box fill="blue"/></document>');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['template/bad-value', 1, 11],
      ['template/bad-value', 2, 6],
    ]);
    expect(diagnostics[0].message).toContain('“A4”');
    expect(diagnostics[1].message).toContain('hex colour');
  });

  it('reports misplaced elements, missing attributes and text where only elements go', () => {
    const { diagnostics } = parse('<document><p><li>x</li></p><table>loose<tr><td>a</td></tr></table><a>y</a><p><page-number/></p></document>');
    expect(diagnostics.map((d) => d.code)).toEqual([
      'template/misplaced-element',
      'template/misplaced-text',
      'template/missing-attribute',
      'template/misplaced-element',
    ]);
  });

  it('requires a single <document> root and closed tags', () => {
    expect(parse('<p>x</p>').diagnostics.map((d) => d.code)).toEqual(['template/no-document']);
    expect(parse('<document><p>x</document>').diagnostics.map((d) => d.code)).toEqual(['template/unclosed-element']);
  });

  it('decodes the entities Handlebars emits and collapses whitespace like HTML', () => {
    const { root, diagnostics } = parse('<document><p title="x">a &amp; b &lt;c&gt; &quot;d&quot; &#x27;e&#x27; &#x3D; &#x60;f&#x60;\n\n   g</p></document>');
    expect(diagnostics.filter((d) => d.code !== 'template/unknown-attribute')).toEqual([]);
    const p = root!.children[0] as MarkupElement;
    expect(texts(p)).toBe('a & b <c> "d" \'e\' = `f` g');
  });

  it('flags HTML named entities that XML does not know', () => {
    const { diagnostics } = parse('<document><p>a&nbsp;b</p></document>');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['template/unknown-entity', 1, 15]]);
  });

  it('keeps positions of nested elements for later mapping to template lines', () => {
    const { root } = parse('<document>\n<table>\n  <tr><td>1</td></tr>\n</table></document>');
    const table = root!.children.find((c) => c.type === 'element') as MarkupElement;
    const tr = table.children[0] as MarkupElement;
    expect([table.line, table.column, tr.line, tr.column]).toEqual([2, 1, 3, 3]);
  });
});
