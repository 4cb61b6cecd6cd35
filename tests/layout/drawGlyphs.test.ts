import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { GlyphWriter, num } from '../../src/layout/pdf/drawGlyphs.js';
import { FONT_FILES, FontBook, type FontId } from '../../src/layout/fonts/fonts.js';
import { openFont } from '../../src/layout/fonts/openFont.js';
import { openPdf } from '../helpers/pdf.js';

interface Line {
  face: FontId;
  size: number;
  text: string;
}

/** Lines that exercise what pdfkit's own text drawing does: kerning, words ending in a space, marks, scripts. */
const LINES: Line[] = [
  { face: 'text', size: 11, text: 'Fournisseur Animateur AVATAR Tour, “Voilà” ' },
  { face: 'text-bold', size: 14, text: 'Défi\u00a0: 9\u00a0h\u00a030 — 10 %' },
  { face: 'text-italic', size: 9.5, text: 'fiction  deux espaces\tet une tabulation' },
  { face: 'fallback', size: 11, text: '→ ≥ ★ ✓' },
  { face: 'devanagari', size: 12, text: 'किताब हिन्दी क्षमता ' },
  { face: 'devanagari-bold', size: 12, text: 'प्रिंट' },
  // Words without glyph offsets, then one with: the line is encoded again glyph by glyph.
  { face: 'thai', size: 12, text: 'กก ขข น้ำ กก' },
  { face: 'thai', size: 12, text: 'น้ำ ที่นี่ สวัสดี' },
  { face: 'emoji', size: 12, text: '👍🏽 🎉 👩‍💻' },
  { face: 'cjk', size: 10, text: '中文 日本語のテキスト' },
  { face: 'hangul', size: 10, text: '한국어 문서' },
  // The same texts again, in another order and size: the second time reuses what the first encoded.
  { face: 'text', size: 8, text: 'Fournisseur Animateur AVATAR Tour, “Voilà” ' },
  { face: 'devanagari', size: 20, text: 'किताब हिन्दी क्षमता ' },
  { face: 'text', size: 11, text: 'Tour' },
];

/** A two-page document of `LINES` (one font per face, as renderPdf opens them), drawn by pdfkit or by GlyphWriter. */
async function draw(mode: 'pdfkit' | 'glyphs', book: FontBook): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  const writer = new GlyphWriter(doc, book);
  const registered = new Set<FontId>();
  for (const page of [0, 1]) {
    doc.addPage({ size: 'A4', margin: 0 });
    LINES.forEach((line, i) => {
      if (!registered.has(line.face)) doc.registerFont(line.face, openFont(FONT_FILES[line.face]));
      registered.add(line.face);
      doc.font(line.face).fontSize(line.size);
      const x = 40 + page * 3.25;
      const y = 30 + i * 40.125;
      if (mode === 'pdfkit') doc.text(line.text, x, y, { lineBreak: false });
      else writer.text(line.text, line.face, x, y);
    });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Every text item pdfjs reads: its text (through the ToUnicode map), position and font (named without pdfjs's document number). */
async function items(pdf: Buffer) {
  const doc = await openPdf(pdf);
  try {
    const out: Array<{ str: string; transform: number[]; fontName: string }> = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const i of content.items) if ('str' in i) out.push({ str: i.str, transform: i.transform, fontName: i.fontName.replace(/^g_d\d+_/, '') });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

describe('GlyphWriter', () => {
  it('writes the text, positions and fonts pdfkit writes for doc.text, to the byte', async () => {
    const reference = await draw('pdfkit', new FontBook());
    const drawn = await draw('glyphs', new FontBook());
    const expected = await items(reference);
    const got = await items(drawn);
    // The text layer reads back what was written (marks reordered or dropped aside, which renderPdf spells out).
    const text = got.map((i) => i.str).join('');
    for (const word of ['Fournisseur', 'AVATAR', 'Voilà', 'tabulation', '★', '日本語のテキスト', '한국어']) expect(text).toContain(word);
    expect(got).toEqual(expected);
    // Same operators, same subsets, same /W arrays and ToUnicode maps: the files are the same bytes.
    expect(drawn.equals(reference)).toBe(true);
  });

  it('draws the same bytes whichever book shaped the text before (the font book is shared by documents)', async () => {
    const book = new FontBook();
    // The book has shaped these texts for other documents, in another order: its fonts' glyph caches differ from a fresh font's.
    for (const line of [...LINES].reverse()) book.shaped(line.text, line.face);
    const first = await draw('glyphs', book);
    const second = await draw('glyphs', book);
    expect(first.equals(await draw('pdfkit', new FontBook()))).toBe(true);
    expect(second.equals(first)).toBe(true);
  });

  it('writes nothing for an empty text, and hands a text with a line feed to pdfkit', async () => {
    const book = new FontBook();
    const content = async (mode: 'pdfkit' | 'glyphs') => {
      const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const ended = new Promise((resolve) => doc.on('end', resolve));
      doc.addPage({ size: 'A6', margin: 0 });
      doc.registerFont('text', openFont(FONT_FILES.text));
      doc.font('text').fontSize(10);
      const writer = new GlyphWriter(doc, book);
      for (const text of ['', 'un\ndeux']) {
        if (mode === 'pdfkit') doc.text(text, 10, 10, { lineBreak: false });
        else writer.text(text, 'text', 10, 10);
      }
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    };
    const got = await content('glyphs');
    expect(got.equals(await content('pdfkit'))).toBe(true);
    expect((await items(got)).map((i) => i.str).join('')).toBe('undeux');
  });
});

describe('num, the number format of the text operators', () => {
  /** pdfkit's `PDFObject.number`, which the drawn text must match to the byte. */
  const pdfkitNumber = (n: number) => String(Math.round(n * 1e6) / 1e6);

  it('writes every number as pdfkit does: page positions, sizes, kerning, tiny and huge values', () => {
    const special = [0, -0, 4e-7, -4e-7, 5e-7, -5e-7, 1e-6, -1e-6, 841.889764, 595.275591, 0.1 + 0.2, 1 / 3, -2.5, 999999.9999995, 123456789.123456, 1e15, -1e15, 1e21, NaN, Infinity, -Infinity];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = [...special];
    for (let i = 0; i < 300_000; i++) {
      const kind = i % 5;
      values.push(
        kind === 0 ? (random() - 0.5) * 2000 : kind === 1 ? Math.round(random() * 8000) / 8 : kind === 2 ? (random() - 0.5) * 1e-5 : kind === 3 ? random() * 1e9 : -Math.round(random() * 1e6) / 1e6,
      );
    }
    const wrong = values.filter((v) => num(v) !== pdfkitNumber(v));
    expect(wrong).toEqual([]);
  });
});
