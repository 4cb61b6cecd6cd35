import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, test } from 'vitest';
import { VOCABULARY } from '../../src/layout/markup/vocabulary.js';
import { createRenderer } from '../../src/render/createRenderer.js';
import { registerHelpers } from '../../src/render/registerHelpers.js';
import { generateTemplatesDoc, templatesDocPath } from '../../scripts/genTemplatesDoc.mjs';

const doc = readFileSync(templatesDocPath, 'utf8');

/** The rows of the helpers table (section 3): helper, example, French output, English output. */
function helperRows(): Array<{ helper: string; example: string; fr: string; en: string }> {
  const section = doc.slice(doc.indexOf('## 3.'), doc.indexOf('## 4.'));
  const unquote = (cell: string) => cell.trim().replace(/^`|`$/g, '').replace(/\\\|/g, '|');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.slice(1, -1).split(' | ');
      return { helper: unquote(cells[0]), example: unquote(cells[2]), fr: unquote(cells[3]), en: unquote(cells[4]) };
    });
}

/** The data the page says its examples are rendered with. */
const DATA = {
  slot: { start: 570, end: 660, kind: 'meal', title: 'Déjeuner' },
  rooms: ['Salle A', 'Salle B'],
  people: [{ name: 'Ana' }, { name: 'Ben' }, { name: 'Chloé' }],
  day: { date: '2027-05-12' },
  colors: { meal: '#F4A259' },
  n: 3,
};

const kitDir = mkdtempSync(join(tmpdir(), 'capa-templates-doc-'));
afterAll(() => rmSync(kitDir, { recursive: true, force: true }));

describe('docs/templates.md', () => {
  test('its generated sections (model fields, markup vocabulary) match the code: run node scripts/genDocs.mjs when not', () => {
    expect(doc, 'docs/templates.md is stale: run npm run build && node scripts/genDocs.mjs').toBe(generateTemplatesDoc(VOCABULARY, doc));
    for (const [name, spec] of Object.entries(VOCABULARY)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`<${name}>\` |`));
      expect(row, `<${name}>`).toBeDefined();
      for (const attr of Object.keys(spec.attrs)) expect(row, `<${name} ${attr}>`).toContain(`\`${attr}\``);
    }
    for (const field of ['`firstDate`', '`affiliationName`', '`workshopMinutes`', '`roomPlans`']) expect(doc).toContain(field);
  });

  test('every helper capa registers has a row with an example', () => {
    const names = registerHelpers(Handlebars.create(), { lang: 'fr', messageLang: 'fr', translate: () => '' });
    const documented = new Set(helperRows().map((r) => r.helper));
    expect(names.filter((n) => !documented.has(n)), 'helpers missing from docs/templates.md §3').toEqual([]);
    expect([...documented].filter((n) => !names.includes(n)), 'documented helpers capa does not register').toEqual([]);
    // templates/README.md ships with the templates a user ejects: it names every helper too.
    const guide = readFileSync(new URL('../../templates/README.md', import.meta.url), 'utf8');
    expect(names.filter((n) => !guide.includes(`\`${n}\``)), 'helpers missing from templates/README.md').toEqual([]);
  });

  test.each(['fr', 'en'] as const)('every helper example prints exactly what the page says (%s)', (lang) => {
    const rows = helperRows();
    mkdirSync(join(kitDir, 'templates', 'examples'), { recursive: true });
    writeFileSync(join(kitDir, 'templates', 'examples', 'main.hbs'), rows.map((r, i) => `§${i}§${r.example}`).join('\n'));
    const result = createRenderer({ kitDir, lang, precompiled: null }).render('examples/main', DATA);
    expect(result.diagnostics).toEqual([]);
    // The page shows non-breaking spaces as spaces (it says so).
    const printed = result.output.split('\n').map((line) => line.replace(/^§\d+§/, '').replace(/[\u00A0\u202F]/g, ' '));
    const wrong = rows.flatMap((r, i) => (printed[i] === r[lang] ? [] : [`${r.example} → ${JSON.stringify(printed[i])}, page says ${JSON.stringify(r[lang])}`]));
    expect(wrong).toEqual([]);
  });
});
