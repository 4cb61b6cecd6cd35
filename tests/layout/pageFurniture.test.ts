import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { Box, TextBox } from '../../src/layout/flow/model.js';

const furniture = (items: Box[]) =>
  items
    .filter((b): b is TextBox => b.kind === 'text' && b.role === 'Artifact')
    .map((b) => b.text)
    .join('');

function pages(markup: string): string[] {
  const r = layoutDocument({ markup, file: 'test.hbs', lang: 'en' });
  expect(r.diagnostics).toEqual([]);
  return r.model!.pages.map((p) => furniture(p.items));
}

const BODY = '<p>cover</p><page-break/><p>two</p><page-break/><p>three</p>';

describe('header and footer skip-first', () => {
  it('leaves the first page (a cover) bare and still counts it', () => {
    const got = pages(`<document><header skip-first="true" rule="true"><left>Title</left></header><footer skip-first="true"><right>p<page-number/>/<page-count/></right></footer>${BODY}</document>`);
    expect(got).toEqual(['', 'Titlep2/3', 'Titlep3/3']);
  });

  it('skips only the element that asks: a footer without it stays on the cover', () => {
    const got = pages(`<document><header skip-first=""><left>H</left></header><footer><right><page-number/></right></footer>${BODY}</document>`);
    expect(got).toEqual(['1', 'H2', 'H3']);
    expect(pages(`<document><header skip-first="false"><left>H</left></header>${BODY}</document>`)).toEqual(['H', 'H', 'H']);
  });

  it('draws no rule on the skipped page either', () => {
    const r = layoutDocument({ markup: `<document><header skip-first="true" rule="true"><left>H</left></header>${BODY}</document>`, file: 'test.hbs' });
    const rules = r.model!.pages.map((p) => p.items.filter((b) => b.kind === 'line').length);
    expect(rules).toEqual([0, 1, 1]);
  });

  it('rejects a value that is not a boolean, at its line', () => {
    const r = layoutDocument({ markup: '<document>\n<footer skip-first="yes"><left>x</left></footer><p>a</p></document>', file: 'test.hbs', lang: 'en' });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['template/bad-value', 2]]);
  });
});
