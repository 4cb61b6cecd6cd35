import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../src/layout/markup/parseMarkup.js';

/**
 * A document rendered in parts (`Renderer.renderParts`) reaches the parser as chunks that end anywhere: inside a tag,
 * an attribute, an entity or a word. The tree and every diagnostic (line, column) are those of the whole string.
 */
const markup = [
  '<document size="A4" lang="fr">',
  '  <header><left>Titre &amp; sous-titre</left></header>',
  '  <h1>Un   titre\n  sur deux lignes</h1>',
  '  <p align="left" colour="#fff">Texte &nbsp; avec une entité HTML<br/>et &#x27;une autre&#x27;</p>',
  '  <box fill="blue"/>',
  '  <table><tr><td>a</td><td><spacer height="6.5mm"/></td></tr></table>',
  '  <bogus attr="x">dedans</bogus>',
  '</document>',
  '',
].join('\n');

const parse = (source: string | string[]) => parseMarkup({ markup: source, file: 'templates/sign-in/main.hbs', lang: 'en' });

describe('markup given in parts', () => {
  const whole = parse(markup);

  it('the whole string has the problems this test is about', () => {
    expect(whole.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['template/unknown-attribute', 5, 19],
      ['template/unknown-entity', 5, 39],
      ['template/bad-value', 6, 8],
      ['template/unknown-element', 8, 3],
    ]);
  });

  it('cut in two at every place: the same tree and diagnostics', () => {
    for (let cut = 0; cut <= markup.length; cut++) {
      const r = parse([markup.slice(0, cut), markup.slice(cut)]);
      expect(r, `cut at ${cut}`).toEqual(whole);
    }
  });

  it('in parts of one to seven characters, and with empty parts', () => {
    for (const size of [1, 2, 3, 7]) {
      const parts: string[] = [''];
      for (let i = 0; i < markup.length; i += size) parts.push(markup.slice(i, i + size), '');
      expect(parse(parts), `parts of ${size}`).toEqual(whole);
    }
  });

  it('a sound document in parts: the same tree', () => {
    const sound = '<document>\n<h1>Émargement — lundi</h1>\n<p>A &amp; B</p>\n</document>\n';
    const r = parse(sound.split(/(?<=>)/));
    expect(r.diagnostics).toEqual([]);
    expect(r).toEqual(parse(sound));
  });
});
