import { describe, expect, it } from 'vitest';
import { fontBook } from '../../src/layout/fonts/fonts.js';
import { hasWords, hyphenateText, hyphenateWord, NARROW_COLUMN } from '../../src/layout/flow/hyphenate.js';
import { breakLines } from '../../src/layout/flow/inlineLayout.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel, TextBox } from '../../src/layout/flow/model.js';
import { expectTextInsideItems } from '../layout/helpers/sheetChecks.js';

const SHY = '\u00AD';
const style = { bold: false, italic: false, size: 10, color: '#000000' };
const lineTexts = (lines: ReturnType<typeof breakLines>) => lines.map((l) => l.boxes.map((b) => (b.kind === 'text' ? b.text : '')).join(''));

describe('hyphenation patterns', () => {
  it('uses the French patterns for French and the English ones for English', () => {
    // Issue 19: at least 3 letters on each side of a cut, so the patterns' « an-ti… » starts at « anti- ».
    expect(hyphenateWord('anticonstitutionnellement', 'fr').split(SHY)).toEqual(['anti', 'cons', 'ti', 'tu', 'tion', 'nel', 'le', 'ment']);
    expect(hyphenateWord('participation', 'en').split(SHY)).toEqual(['par', 'ti', 'cip', 'a', 'tion']);
  });

  it('leaves short words, numbers, URLs and e-mail addresses alone', () => {
    expect(hyphenateText('un petit mot 120000', 'fr')).toBe('un petit mot 120000');
    expect(hyphenateText('voir https://capa.example/gouvernance', 'fr')).toBe('voir https://capa.example/gouvernance');
    expect(hyphenateText('gouvernance@capa.example', 'fr')).toBe('gouvernance@capa.example');
  });

  it('gives the same running text from its memory of texts as the first time', () => {
    const text = 'Une participation intercommunale à la gouvernance partagée';
    const first = hyphenateText(text, 'fr');
    expect(first).toContain(SHY);
    expect(hyphenateText(text, 'fr')).toBe(first);
    // A word the column cannot hold is cut even outside running text; the others are not.
    expect(hyphenateText(text, 'fr', (w) => w === 'intercommunale')).toBe(text.replace('intercommunale', hyphenateWord('intercommunale', 'fr')));
  });

  it('counts words as `split(/\\s+/)` does, in each run, stopping at the count asked', () => {
    // Letters, the white space of \s (tab, no-break and ideographic spaces, BOM…) and characters that are not in it.
    const chars = ['a', 'é', ' ', '\u00a0', '\t', '\n', '\u2009', '\u3000', '\ufeff', '\u200b', '-', '\u0085', '\u180e'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 20_000; t++) {
      const runs: Array<{ text: string; style: object } | { br: true; style: object }> = [];
      for (let r = 1 + Math.floor(random() * 3); r > 0; r--) {
        if (random() < 0.1) runs.push({ br: true, style: {} });
        else runs.push({ text: Array.from({ length: Math.floor(random() * 14) }, () => chars[Math.floor(random() * chars.length)]).join(''), style: {} });
      }
      const n = 1 + Math.floor(random() * 7);
      const words = runs.reduce((k, r) => k + ('text' in r ? r.text.split(/\s+/).filter(Boolean).length : 0), 0);
      expect(hasWords(runs, n), JSON.stringify({ runs, n })).toBe(words >= n);
    }
  });
});

describe('line breaking with hyphenation', () => {
  const book = fontBook();
  const text = 'La gouvernance intercommunale';

  it('hyphenates a narrow column at a pattern point, the hyphen inside the column', () => {
    const short = 'Une intercommunale';
    const width = book.width('Une intercom-', 'text', 10) + 0.5;
    const lines = breakLines({ runs: [{ text: short, style }], width, book, role: 'P', lang: 'fr' });
    expect(lineTexts(lines)).toEqual(['Une intercom-', 'munale']);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(width);
  });

  it('breaks at the last space rather than hyphenate when the line is already mostly full', () => {
    // « La gouvernance » fills about 70 % of this column: the next line takes the whole word.
    const width = book.width('La gouvernance inter-', 'text', 10) + 0.5;
    const lines = breakLines({ runs: [{ text, style }], width, book, role: 'P', lang: 'fr' });
    expect(lineTexts(lines)).toEqual(['La gouvernance', 'intercommunale']);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(width);
  });

  it('does not hyphenate without a language or in a wide column', () => {
    const width = book.width('La gouvernance inter-', 'text', 10) + 0.5;
    expect(lineTexts(breakLines({ runs: [{ text, style }], width, book, role: 'P' }))).toEqual(['La gouvernance', 'intercommunale']);
    const wide = breakLines({ runs: [{ text: 'x '.repeat(200) + text, style }], width: NARROW_COLUMN + 1, book, role: 'P', lang: 'fr' });
    expect(lineTexts(wide).join('')).not.toContain('-');
  });
});

/** Text lines of a page, top to bottom (boxes on one baseline joined). */
function pageLines(model: LayoutModel, page = 0): string[] {
  const rows = new Map<number, TextBox[]>();
  for (const b of model.pages[page].items) {
    if (b.kind !== 'text' || b.role === 'Artifact') continue;
    const key = Math.round(b.y * 10);
    rows.set(key, [...(rows.get(key) ?? []), b]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, bs]) => bs.sort((a, b) => a.x - b.x).map((b) => b.text).join(''));
}

describe('a défi card with a long French word', () => {
  const word = 'anticonstitutionnellement';
  const markup = `<document lang="fr"><sheet item-width="60mm" item-height="90mm"><card label="Défi 1"><front>
    <zone grow="true" field="question" source="/challenges/0/question" padding="3mm"><p size="18">Est-ce ${word} fait ?</p></zone>
  </front></card></sheet></document>`;

  it('hyphenates the word at a French pattern point instead of cutting it anywhere or overflowing', () => {
    const r = layoutDocument({ markup, file: 'cards.hbs', lang: 'en' });
    expect(r.diagnostics).toEqual([]);
    const lines = pageLines(r.model!);
    const broken = lines.filter((l) => l.endsWith('-'));
    expect(broken.length).toBeGreaterThan(0);
    // Putting the parts back together gives the word, and every cut is one of the patterns' points.
    const points = new Set<number>();
    let at = 0;
    for (const part of hyphenateWord(word, 'fr').split(SHY).slice(0, -1)) points.add((at += part.length));
    const start = lines.findIndex((l) => l.includes('anti'));
    let rebuilt = '';
    for (const l of lines.slice(start)) {
      const piece = (rebuilt ? l : l.slice(l.indexOf('anti'))).split(/\s/)[0];
      rebuilt += piece.replace(/-$/, '');
      if (!piece.endsWith('-')) break;
      expect(points.has(rebuilt.length), `cut after "${rebuilt}"`).toBe(true);
    }
    expect(rebuilt).toBe(word);
    expect(expectTextInsideItems(r.model!)).toBeGreaterThan(0);
  });
});
