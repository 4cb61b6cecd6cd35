import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel, Page } from '../../src/layout/flow/model.js';
import { MIN_FILL } from '../../src/layout/pages/pageRules.js';

/**
 * The pagination rules every template gets: a heading keeps two lines of what follows, a table splits with two
 * rows on each side, a near-empty last page takes content from the page before, soft page breaks, ruled lines that
 * fill a page, optional rows, and running heads.
 */

// A5, 15 mm margins: a body of 565.28 pt (595.28 − 2 × 42.52) at 10 pt text.
const doc = (body: string, head = '') =>
  `<document size="A5" margin="15"><header><left>Kit</left><right><running-title/></right></header><footer><right><page-number/></right></footer>${head}${body}</document>`;

function model(markup: string): LayoutModel {
  const r = layoutDocument({ markup, file: 'rules.hbs' });
  expect(r.diagnostics).toEqual([]);
  return r.model!;
}

/** Texts of a page's body (no header or footer: those are artifacts outside the body's structure). */
const texts = (p: Page) => p.items.flatMap((b) => (b.kind === 'text' && b.role !== 'Artifact' ? [b.text] : []));
const pageText = (p: Page) => texts(p).join(' ');
const furniture = (p: Page) => p.items.flatMap((b) => (b.kind === 'text' && b.role === 'Artifact' ? [b.text] : [])).join(' ');
/** Lowest point of body content on a page and the body's top, in points. */
const BODY_TOP = 15 * 2.8346;
const BODY = 595.28 - 2 * BODY_TOP;
const bottomOf = (p: Page) =>
  Math.max(...p.items.filter((b) => b.role !== 'Artifact' && b.kind === 'text').map((b) => (b.kind === 'text' ? b.y : 0)));

const para = (i: number) => `<p>Ligne ${i}</p>`;
const paras = (from: number, n: number) => Array.from({ length: n }, (_, i) => para(from + i)).join('');
/** How many one-line paragraphs fill the body (measured, so the tests follow the engine's spacing). */
function perPage(): number {
  const m = model(doc(paras(1, 80)));
  return texts(m.pages[0]).length;
}

describe('a heading keeps at least two lines of what follows', () => {
  it('moves to the next page with them rather than end a page with a single line after it', () => {
    const n = perPage();
    // The heading and the first line of the paragraph would just fit at the foot of page 1.
    const m = model(doc(`${paras(1, n - 2)}<h2>Titre</h2><p>Premier mot.</p><p>Deuxième ligne.</p><p>Troisième.</p>`));
    expect(pageText(m.pages[0])).not.toContain('Titre');
    const page = texts(m.pages[1]);
    expect(page.slice(page.indexOf('Titre'), page.indexOf('Titre') + 3)).toEqual(['Titre', 'Premier mot.', 'Deuxième ligne.']);
  });

  it('keeps its subtitle and the first line after it (a one-line paragraph is not enough)', () => {
    const n = perPage();
    const m = model(doc(`${paras(1, n - 3)}<h3>Ce qui en est ressorti</h3><p>Sous-titre</p><p>Contenu 1</p><p>Contenu 2</p>`));
    const page = texts(m.pages.find((p) => texts(p).includes('Ce qui en est ressorti'))!);
    const at = page.indexOf('Ce qui en est ressorti');
    expect(page.slice(at, at + 3)).toEqual(['Ce qui en est ressorti', 'Sous-titre', 'Contenu 1']);
    expect(m.pages.length).toBe(2);
  });
});

const table = (n: number) =>
  `<table><thead><tr><th>Nom</th></tr></thead><tbody>${Array.from({ length: n }, (_, i) => `<tr><td>Rang ${i + 1}</td></tr>`).join('')}</tbody></table>`;

describe('tables split with at least two rows on each side and the header repeated', () => {
  it.each([0, 1, 2, 3, 4, 5, 6])('whatever the room left on the page (%i lines less)', (less) => {
    const n = perPage();
    const m = model(doc(`${paras(1, n - 4 - less)}${table(12)}`));
    const pages = m.pages.map((p) => texts(p).filter((t) => t.startsWith('Rang')).length);
    const split = pages.filter((c) => c > 0);
    for (const c of split) expect(c === 0 || c >= 2).toBe(true);
    expect(split.reduce((a, b) => a + b, 0)).toBe(12);
    // The continuation starts with the header row again (drawn as an artifact: read once by a screen reader).
    const cont = m.pages.findIndex((p, k) => k > 0 && texts(p).some((t) => t.startsWith('Rang')));
    if (cont > 0 && split.length > 1) expect(m.pages[cont].items.some((b) => b.kind === 'text' && b.text === 'Nom' && b.role === 'Artifact')).toBe(true);
  });
});

describe('a near-empty page takes content from the page before', () => {
  it(`fills the last page of a passage to at least ${MIN_FILL * 100} % when the page before ended only because it was full`, () => {
    const n = perPage();
    const m = model(doc(`${paras(1, n + 2)}<page-break/><h1>Suite</h1>`));
    expect(m.pages).toHaveLength(3);
    const tail = texts(m.pages[1]);
    expect(tail.length).toBeGreaterThan(2);
    expect(bottomOf(m.pages[1]) - BODY_TOP).toBeGreaterThanOrEqual(MIN_FILL * BODY - 14);
    expect(bottomOf(m.pages[0]) - BODY_TOP).toBeGreaterThanOrEqual(MIN_FILL * BODY);
    // Nothing lost or doubled.
    expect([...texts(m.pages[0]), ...tail]).toEqual(Array.from({ length: n + 2 }, (_, i) => `Ligne ${i + 1}`));
  });

  it('leaves a page that starts a passage alone (a page break decided it)', () => {
    const m = model(doc(`${paras(1, 5)}<page-break/>${para(6)}`));
    expect(m.pages.map((p) => texts(p).length)).toEqual([5, 1]);
  });

  it('leaves optional rows out rather than start a page with them', () => {
    const n = perPage();
    const rows = Array.from({ length: 8 }, (_, i) => `<tr${i > 1 ? ' optional="true"' : ''}><td>Vide ${i}</td></tr>`).join('');
    const m = model(doc(`${paras(1, n - 6)}<table><tbody><tr><td>Nom</td></tr><tr><td>Nom 2</td></tr>${rows}</tbody></table>`));
    expect(m.pages).toHaveLength(1);
    expect(pageText(m.pages[0])).toContain('Vide 1');
    expect(pageText(m.pages[0])).not.toContain('Vide 7');
  });
});

describe('soft page breaks', () => {
  it('start a page only below a page that holds enough', () => {
    const n = perPage();
    const short = model(doc(`${paras(1, 3)}<page-break soft="true"/><h2>Jour 2</h2>${paras(4, 2)}`));
    expect(short.pages).toHaveLength(1);
    const long = model(doc(`${paras(1, Math.ceil(n * 0.6))}<page-break soft="true"/><h2>Jour 2</h2>${paras(100, 2)}`));
    expect(long.pages).toHaveLength(2);
    expect(texts(long.pages[1])[0]).toBe('Jour 2');
  });
});

describe('ruled lines that fill the page', () => {
  it('share what a page leaves blank out among the questions on it', () => {
    const q = (i: number) => `<keep><p>Question ${i}</p><lines count="3" spacing="8mm" fill="true"/></keep>`;
    const m = model(doc(`<h1>Atelier</h1>${q(1)}${q(2)}${q(3)}<page-break/><p>Suite</p>`));
    const lines = m.pages[0].items.filter((b) => b.kind === 'line' && b.role === 'Artifact' && b.x1 > 0 && b.y1 > BODY_TOP + 5);
    const ys = lines.map((b) => (b.kind === 'line' ? b.y1 : 0)).sort((a, b) => a - b);
    expect(ys.length).toBeGreaterThan(9);
    // The lowest line is within one line spacing of the body's foot; the questions keep their order, each followed by its lines.
    expect(BODY_TOP + BODY - ys[ys.length - 1]).toBeLessThan(8 * 2.8346 + 1);
    const qy = [1, 2, 3].map((i) => m.pages[0].items.find((b) => b.kind === 'text' && b.text === `Question ${i}`)!).map((b) => (b.kind === 'text' ? b.y : 0));
    const between = (a: number, b: number) => ys.filter((y) => y > a && y < b).length;
    const counts = [between(qy[0], qy[1]), between(qy[1], qy[2]), between(qy[2], Infinity)];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(Math.min(...counts)).toBeGreaterThan(3);
  });
});

describe('running heads', () => {
  it('carry the section a page continues, or the first one set on it', () => {
    const n = perPage();
    const m = model(doc(`<running>Session 1 · lundi</running><h1>Session 1</h1>${paras(1, n + 5)}<page-break/><running>Session 2 · mardi</running><h1>Session 2</h1>${paras(200, 3)}`));
    expect(m.pages.map(furniture)).toEqual([
      expect.stringContaining('Session 1 · lundi'),
      expect.stringContaining('Session 1 · lundi'),
      expect.stringContaining('Session 2 · mardi'),
    ]);
  });
});
