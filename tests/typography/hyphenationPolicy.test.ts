import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { fontBook } from '../../src/layout/fonts/fonts.js';
import { DISPLAY_SIZE, MIN_FRAGMENT, RUNNING_TEXT_WORDS } from '../../src/layout/flow/hyphenate.js';
import { breakLines, type Run } from '../../src/layout/flow/inlineLayout.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { TextBox } from '../../src/layout/flow/model.js';
import { renderPdf } from '../../src/layout/pdf/renderPdf.js';
import { openPdf } from '../helpers/pdf.js';
import { freshDir, ROOT } from '../helpers/tempKit.js';

// Issue 19, item 7: hyphenation only in the running text of narrow columns; the hyphen never in the text layer;
// a line break never glues two words in the text layer.

const book = fontBook();
const style = { bold: false, italic: false, size: 9, color: '#000000' };
/** Each line's text, the drawn hyphen included. */
const lineTexts = (runs: Run[], width: number) =>
  breakLines({ runs, width, book, role: 'P', lang: 'fr' }).map((l) => l.boxes.map((b) => (b.kind === 'text' ? b.text : '')).join(''));
const broken = (lines: string[]) => lines.filter((l) => /\p{L}-$/u.test(l));

describe('the hyphenation policy', () => {
  const running = 'Les services qui produisent des données se réunissent régulièrement pour décider ensemble';
  const width = book.width('Les services qui produisent des régu-', 'text', 9);
  expect(width).toBeGreaterThan(0);

  it('hyphenates running text of a narrow column, leaving at least 3 letters on each side', () => {
    expect(running.split(' ').length).toBeGreaterThanOrEqual(RUNNING_TEXT_WORDS);
    let cuts = 0;
    for (let w = 60; w <= 140; w += 4) {
      const lines = lineTexts([{ text: running, style }], w);
      cuts += broken(lines).length;
      lines.forEach((l, i) => {
        if (!l.endsWith('-')) return;
        expect(l.split(' ').at(-1)!.length - 1).toBeGreaterThanOrEqual(MIN_FRAGMENT);
        expect(lines[i + 1].split(' ')[0].replace(/\P{L}/gu, '').length).toBeGreaterThanOrEqual(MIN_FRAGMENT);
      });
    }
    expect(cuts).toBeGreaterThan(0);
  });

  it('never hyphenates a short stretch (a name, a place, a badge role), bold text (headings, table headers) or display sizes', () => {
    for (const name of ['Salle des assemblées', 'Salon d’honneur', 'Territoire d’accueil', 'Représentant du fournisseur (exemple)']) {
      // Narrower than the name, wide enough for its longest word: it breaks between words only.
      const nameWidth = Math.max(...name.split(' ').map((w) => book.width(w, 'text', 9))) + 2;
      for (let w = nameWidth; w < book.width(name, 'text', 9); w += 3) expect(broken(lineTexts([{ text: name, style }], w)), name).toEqual([]);
    }
    expect(broken(lineTexts([{ text: running, style: { ...style, bold: true } }], width))).toEqual([]);
    const big = { ...style, size: DISPLAY_SIZE + 6 };
    expect(broken(lineTexts([{ text: running, style: big }], book.width('Les services qui produisent', 'text', big.size)))).toEqual([]);
  });

  it('still cuts a word wider than its column at a pattern point rather than anywhere', () => {
    const lines = lineTexts([{ text: 'anticonstitutionnellement', style: { ...style, size: 18 } }], book.width('anticonsti', 'text', 18));
    expect(lines.join('').replace(/-/g, '')).toBe('anticonstitutionnellement');
    expect(broken(lines).length).toBeGreaterThan(0);
  });
});

describe('the text layer of a hyphenated paragraph', () => {
  const markup =
    '<document lang="fr" size="A6" margin="10 32 10 32"><p size="9">Une concertation intercommunale régulièrement organisée rassemble habitants, associations et administrations' +
    '<br/>Consigne<br/>Quatre tables accueillent les groupes</p></document>';
  let pdf: Buffer;
  let file: string;
  let lines: TextBox[][];
  beforeAll(async () => {
    const r = layoutDocument({ markup, file: 'test.hbs' });
    expect(r.diagnostics).toEqual([]);
    const byY = new Map<number, TextBox[]>();
    for (const b of r.model!.pages[0].items) if (b.kind === 'text' && b.role !== 'Artifact') byY.set(b.y, [...(byY.get(b.y) ?? []), b]);
    lines = [...byY.values()];
    pdf = await renderPdf(r.model!);
    file = path.join(freshDir('capa-hyphen-'), 'p.pdf');
    writeFileSync(file, pdf);
  });

  it('draws the hyphen as an outline, not as text: pdfinfo -struct-text, pdftotext and pdf.js read the words whole', async () => {
    const hyphens = lines.flat().filter((b) => b.outline);
    expect(hyphens.length).toBeGreaterThan(0);
    const struct = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    expect(struct).toContain('Une concertation intercommunale régulièrement organisée rassemble habitants, associations et administrations Consigne Quatre tables accueillent les groupes');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).not.toMatch(/\p{L}-\n/u);
    const doc = await openPdf(pdf);
    try {
      const items = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : ''));
      expect(items.some((s) => /-$/.test(s))).toBe(false);
    } finally {
      await doc.destroy();
    }
  });

  it('keeps a space at a <br>: « Consigne » and « Quatre » do not run together', () => {
    const struct = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    expect(struct).not.toContain('ConsigneQuatre');
    expect(struct).not.toContain('administrationsConsigne');
  });
});

describe('kits/capacities: the defects of issue 19', () => {
  const texts = new Map<string, { raw: string; struct: string }>();
  beforeAll(async () => {
    const result = await build({ dir: path.join(ROOT, 'kits', 'capacities'), to: 'memory', only: ['agenda', 'run-sheet', 'cards', 'badges', 'carnet'] });
    expect(result.ok).toBe(true);
    const dir = freshDir('capa-hyphen-kit-');
    for (const f of result.files) {
      if (!f.file.endsWith('.pdf')) continue;
      const file = path.join(dir, f.file);
      writeFileSync(file, f.content);
      texts.set(f.file, {
        raw: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }),
        struct: execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' }),
      });
    }
  }, 120_000);

  /** Whether `word` is printed cut over two lines somewhere (pdftotext -raw keeps the printed lines). */
  const cut = (raw: string, word: string) => {
    const lines = raw.split('\n').map((l) => l.trim());
    return lines.some((a, i) => {
      for (let k = 1; k < word.length; k++) if (a.endsWith(word.slice(0, k)) && lines[i + 1]?.startsWith(word.slice(k))) return true;
      return false;
    });
  };
  // Each was printed broken over two lines: « Territoire d'ac-cueil », « fournis-seur », « réguliè-rement »…
  const whole: Array<[string, string]> = [
    ['programme.pdf', 'accueil'],
    ['programme.pdf', 'assemblées'],
    ['programme.pdf', 'honneur'],
    ['deroule.pdf', 'assemblées'],
    ['badges.pdf', 'fournisseur'],
    ['defis.pdf', 'régulièrement'],
    ['defis.pdf', 'permettrait'],
    ['carnet.pdf', 'Auditorium'],
  ];
  for (const [file, word] of whole) {
    it(`prints « ${word} » whole in ${file}`, () => {
      const { raw, struct } = texts.get(file)!;
      expect(raw).toContain(word);
      expect(cut(raw, word)).toBe(false);
      expect(struct).toContain(word);
    });
  }
  it('finds a cut word where there is one (the check above can fail)', () => {
    expect(cut('Salle des as\nsemblées', 'assemblées')).toBe(true);
  });

  it('reads a space at every forced line break of the structure text', () => {
    expect(texts.get('carnet.pdf')!.struct).toMatch(/Défi n°\s1 Organiser un comité data interne/);
    expect(texts.get('carnet.pdf')!.struct).not.toMatch(/Défi n°\s\d+[^\s\d,]/);
    expect(texts.get('programme.pdf')!.struct).toContain('émerger les fils communs Visite la veille');
    for (const [file, { struct }] of texts) expect(struct, file).not.toMatch(/\(exemple\)\d|ConsigneQuatre/);
  });
});
