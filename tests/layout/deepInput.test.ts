import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import { MAX_DEPTH } from '../../src/layout/markup/parseMarkup.js';
import { copyKit, ROOT } from '../helpers/tempKit.js';

/**
 * Stack overflows on valid input (hostile-input issue, item 5) ended builds with exit 3: 2,000 nested `<box>` in a
 * forked template (recursive block layout), and 30,000 badges (`push(...items)` with one argument per item).
 */
describe('deep markup', () => {
  const nested = (n: number, inner = '<p>profond</p>') => `<document>\n${'<box>'.repeat(n)}${inner}${'</box>'.repeat(n)}</document>`;

  it('2,000 nested <box> are refused once, at the first box past the limit', () => {
    const { model, diagnostics } = layoutDocument({ markup: nested(2000), file: 't.hbs', lang: 'en' });
    expect(model).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'template/too-deep',
        file: 't.hbs',
        line: 2,
        // `<document>` is level 1: the box opened at depth MAX_DEPTH is the first one refused.
        column: 1 + 5 * (MAX_DEPTH - 1),
        message: `Elements nested more than ${MAX_DEPTH} levels deep: simplify the template (each level must close sooner).`,
      }),
    ]);
  });

  it('nested inline elements are limited the same way', () => {
    const { diagnostics } = layoutDocument({ markup: `<document><p>${'<b>'.repeat(5000)}x${'</b>'.repeat(5000)}</p></document>`, file: 't.hbs' });
    expect(diagnostics.map((d) => d.code)).toEqual(['template/too-deep']);
  });

  it('boxes nested until their column is too narrow fail at that box instead of setting text off the page', () => {
    const { model, diagnostics } = layoutDocument({ markup: nested(60), file: 't.hbs', lang: 'en' });
    expect(model).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'layout/column-too-narrow', file: 't.hbs', line: 2 });
    expect(diagnostics[0].message).toMatch(/^<box> leaves its content \d+ mm of width, less than the minimum of 10 mm/);
  });

  it('a forked template with 2,000 nested boxes fails the build at the template line, not with exit 3', async () => {
    const template = readFileSync(path.join(ROOT, 'templates/agenda/main.hbs'), 'utf8');
    const line = template.slice(0, template.indexOf('</document>')).split('\n').length;
    const dir = copyKit(path.join(ROOT, 'kits/demo'), {
      'templates/agenda/main.hbs': template.replace('</document>', `${'<box>'.repeat(2000)}<p>profond</p>${'</box>'.repeat(2000)}\n</document>`),
    });
    const r = await build({ dir, to: 'memory', only: ['agenda'] });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'template/too-deep', file: 'templates/agenda/main.hbs', line, column: 1 + 5 * (MAX_DEPTH - 1) }),
    ]);
  }, 60_000);
});

describe('many items', () => {
  it('a sheet whose cards have 150,000 zones in all is laid out (no stack overflow from spreading them)', () => {
    // 30,000 badges of five zones each overflowed; the same count of zones on fewer cards is quicker to lay out.
    const zones = '<zone height="1mm" padding="0mm"></zone>'.repeat(25);
    const card = (i: number) => `<card label="P${i}"><front>${zones}<zone><p>Personne ${i}</p></zone></front></card>`;
    const markup = `<document><sheet item-width="90mm" item-height="55mm" gutter="6mm">${Array.from({ length: 6_000 }, (_, i) => card(i)).join('')}</sheet></document>`;
    const { model, diagnostics } = layoutDocument({ markup, file: 't.hbs' });
    expect(diagnostics).toEqual([]);
    expect(model!.pages.length).toBe(6_000 / 8);
    expect(model!.fits?.length).toBe(6_000 * 26);
  }, 120_000);
});
