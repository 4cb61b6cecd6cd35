import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKit } from '../../scripts/generateKit.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { buildKit, checkBuilt, countByRule, RULES, type Finding, type Rule } from '../helpers/layoutQuality.js';
import { freshDir, ROOT, tempKit } from '../helpers/tempKit.js';

/**
 * The layout-quality checker on every page of the shipped kits and of generated kits (5, 50 and 200 workshops,
 * French and English): what it finds fails the test, rule by rule, and the counts per rule and kit are printed.
 */

const KITS: Array<{ name: string; dir: () => string }> = [
  { name: 'capacities', dir: () => path.join(ROOT, 'kits', 'capacities') },
  { name: 'demo', dir: () => path.join(ROOT, 'kits', 'demo') },
  { name: 'generated 5 fr', dir: () => tempKit(generateKit({ workshops: 5 })) },
  { name: 'generated 50 fr', dir: () => tempKit(generateKit({ workshops: 50 })) },
  { name: 'generated 200 fr', dir: () => tempKit(generateKit({ workshops: 200 })) },
  { name: 'generated 5 en', dir: () => tempKit(generateKit({ workshops: 5, lang: 'en' })) },
  { name: 'generated 50 en', dir: () => tempKit(generateKit({ workshops: 50, lang: 'en' })) },
];

const counts = new Map<string, Record<Rule, number>>();
afterAll(() => {
  if (!counts.size) return;
  const width = Math.max(...[...counts.keys()].map((k) => k.length));
  const lines = [`${'kit'.padEnd(width)}  ${RULES.join('  ')}`];
  for (const [kit, c] of counts) lines.push(`${kit.padEnd(width)}  ${RULES.map((r) => String(c[r]).padStart(r.length)).join('  ')}`);
  console.log(`Layout quality, findings per rule and kit:\n${lines.join('\n')}`);
});

const shown = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.file} p${f.page}: ${f.detail}`);

describe('layout quality of built kits', () => {
  for (const kit of KITS) {
    it(`${kit.name}: no near-empty page, stranded heading, one-row table split, label ellipsis, hyphenated heading or heading-level skip`, async () => {
      const out = freshDir('capa-quality-');
      buildKit(kit.dir(), out, ROOT);
      const findings = await checkBuilt(out);
      counts.set(kit.name, countByRule(findings));
      expect(shown(findings)).toEqual([]);
    }, 600_000);
  }
});

/** A document of `body` markup rendered to a PDF in a fresh folder, for the checker to read. */
async function pdfOf(body: string, name = 'doc.pdf'): Promise<string> {
  const markup = `<document size="A5" margin="15"><header rule="true"><left>En-tête</left></header><footer><right>page <page-number/></right></footer>${body}</document>`;
  const r = await renderMarkup({ markup, file: 'quality.hbs' });
  expect(r.diagnostics).toEqual([]);
  const dir = freshDir('capa-quality-');
  writeFileSync(path.join(dir, name), r.pdf!);
  return dir;
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraphe ${i + 1} d’un texte qui occupe la page de ligne en ligne.</p>`).join('');
const rows = (n: number) => `<table><thead><tr><th>Nom</th><th>Rôle</th></tr></thead>${Array.from({ length: n }, (_, i) => `<tr><td>Nom ${i}</td><td>Rôle ${i}</td></tr>`).join('')}</table>`;
const rulesOf = async (body: string) => (await checkBuilt(await pdfOf(body))).map((f) => `${f.rule} p${f.page}`);

describe('the layout-quality checker', () => {
  it('finds nothing in a well-made document', async () => {
    expect(await rulesOf(`<h1>Titre</h1>${filler(8)}<h2>Partie</h2>${filler(30)}${rows(40)}`)).toEqual([]);
  });

  it('finds a near-empty page whose content could have moved (a page break inside a passage)', async () => {
    const found = await rulesOf(`<h1>Titre</h1>${filler(30)}<page-break/><p>Une ligne seule.</p>`);
    expect(found.filter((f) => f.startsWith('near-empty-page'))).toHaveLength(1);
  });

  it('finds a heading left at the foot of a page, its text on the next', async () => {
    expect(await rulesOf(`<h1>Titre</h1>${filler(5)}<h2>Seul en bas</h2><page-break/>${filler(3)}`)).toContain('heading-at-page-end p1');
  });

  it('finds a table split leaving one row', async () => {
    expect(await rulesOf(`<h1>Titre</h1>${filler(5)}${rows(1)}<page-break/>${rows(6)}`)).toContain('table-split-one-row p1');
  });

  it('finds a label cut with an ellipsis, a hyphen ending a heading line, a heading-level skip', async () => {
    const found = await rulesOf(`<h1>Territoire d’ac-<br/>cueil</h1><h3>Trop bas</h3>${filler(3)}<timeline start="540" end="600"><lane label="Salle"><bar start="540" end="600" label="Un atelier au titre coupé…"/></lane></timeline>`);
    expect(found).toEqual(expect.arrayContaining(['hyphen-in-heading p1', 'heading-level-skip p1', 'ellipsis-in-label p1']));
  });
});
