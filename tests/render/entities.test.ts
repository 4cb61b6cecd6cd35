import { describe, expect, it } from 'vitest';
import { parseMarkup, type MarkupElement, type MarkupNode } from '../../src/layout/markup/parseMarkup.js';
import { createRenderer } from '../../src/render/createRenderer.js';
import { tempKit } from '../helpers/tempKit.js';

const texts = (n: MarkupNode): string => (n.type === 'text' ? n.text : n.children.map(texts).join(''));

/** Entities: data is text whatever it holds; only an entity written in a template is the template's problem. */
describe('entities in data and in templates', () => {
  const render = (template: string, data: unknown) => {
    const kitDir = tempKit({ 'templates/t/main.hbs': template });
    const r = createRenderer({ kitDir, builtinDir: tempKit({}), lang: 'en', messageLang: 'en' }).render('t/main', data);
    const parsed = parseMarkup({ markup: r.output, file: 'templates/t/main.hbs', lang: 'en' });
    return { ...parsed, at: parsed.diagnostics.map((d) => ({ code: d.code, ...r.locate(d.line!, d.column!) })) };
  };

  it('a value holding entities, markup or a CDATA end decodes to exactly itself', () => {
    for (const v of ['R&D; salle', '&amp;', '&nbsp;', '&#x41;', '<b>x</b>', '</p><h1>', ']]>', '&lt;i&gt;']) {
      const { root, diagnostics } = render('<document lang="en" title="{{v}}"><p>{{v}}</p></document>', { v });
      expect(diagnostics).toEqual([]);
      const [p] = root!.children.filter((c): c is MarkupElement => c.type === 'element');
      expect(texts(p!)).toBe(v);
      expect(root!.attrs.title).toBe(v);
    }
  });

  it('an HTML entity written in the template is reported at the template, column of the entity', () => {
    const { at } = render('<document>\n  <p>{{v}} a&nbsp;b</p>\n</document>', { v: '&nbsp;' });
    expect(at).toEqual([{ code: 'template/unknown-entity', file: 'templates/t/main.hbs', line: 2, column: 13 }]);
  });
});
