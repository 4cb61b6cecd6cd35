import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { DRAWN_BY_TEXT_FONTS } from '../../src/layout/fonts/fontFallback.js';
import { FONT_FILES, fontBook, type FontId } from '../../src/layout/fonts/fonts.js';
import { breakLines } from '../../src/layout/flow/inlineLayout.js';
import { openFont } from '../../src/layout/fonts/openFont.js';
import { readPdf } from '../helpers/pdf.js';
import { copyKit, tempKit } from '../helpers/tempKit.js';
import { runMain } from '../cli/cliHelpers.js';

/**
 * Scripts beyond Latin, Greek, Cyrillic, Arabic and Hebrew: Chinese, Japanese, Korean, Thai, Devanagari and emoji
 * are drawn by script fonts (Noto), embedded as subsets, and stay in the text layer; characters no font draws are
 * named by a `layout/missing-glyph` warning at the value that holds them.
 */

const DEMO = 'kits/demo';
const TITLE = 'Journée CAPAcities — 港口数据工作坊 🚢';
const CJK = '数据由谁掌握？';
const JAPANESE = 'データは誰のもの';
const KOREAN = '데이터는 누구의 것인가';
const THAI = 'ข้อมูลเป็นของใคร';
const DEVANAGARI = 'डेटा किसका है';
const EMOJI = '🚢👍🏽';
const QUESTION = `${CJK} ${JAPANESE} ${KOREAN} ${THAI} ${DEVANAGARI} ${EMOJI} Qui détient la donnée ?`;
const NAME = '王小明 김민지';

/** The demo kit with the title, défi 1's question and the first person's name in other scripts. */
function scriptsKit(extra: Record<string, string> = {}): string {
  return copyKit(DEMO, {
    'capa.yaml': (yaml) =>
      yaml
        .replace('  title: Journée CAPAcities — Port-Exemple\n', `  title: "${TITLE}"\n`)
        .replace("question: Qui détient quelle donnée sur l'accès au port, et qui doit décider de son partage ?", `question: "${QUESTION}"`)
        .replace('name: Élue de Port-Exemple (exemple)', `name: ${extra.name ?? NAME}`),
  });
}

/** Whitespace out: pdfjs returns a run of each font as its own item, which the helper joins with spaces. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

const pdffonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });

describe('text in scripts the text fonts lack', () => {
  let result: BuildResult;
  const written = new Map<string, string>();
  beforeAll(async () => {
    const dir = scriptsKit();
    result = await build({ dir, to: 'memory' });
    const out = tempKit({});
    for (const f of result.files) {
      const abs = path.join(out, f.file);
      writeFileSync(abs, f.content);
      written.set(f.file, abs);
    }
  });

  it('builds without a missing-glyph warning', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'layout/missing-glyph')).toEqual([]);
  });

  it('keeps every character in the text layer of the cards, the programme and the badges', async () => {
    const file = (name: string) => result.files.find((f) => f.file === name)!.content;
    const cards = squeeze((await readPdf(file('defis.pdf'))).text.join(' '));
    for (const sample of [CJK, JAPANESE, KOREAN, THAI]) expect(cards).toContain(squeeze(sample));
    const programme = await readPdf(file('programme.pdf'));
    expect(squeeze(programme.text[0])).toContain('港口数据工作坊🚢');
    expect(squeeze((await readPdf(file('badges.pdf'))).text.join(' '))).toContain(squeeze(NAME));
  });

  it('spells out text whose glyphs are out of order or dropped (Devanagari short i, skin tones) for text extraction', () => {
    // pdfjs reads glyphs only; poppler, like Acrobat, honours the ActualText of the marked content.
    const text = squeeze(execFileSync('pdftotext', [written.get('defis.pdf')!, '-'], { encoding: 'utf8' }));
    // Word by word: poppler orders marked-content text by its own reading of the page.
    for (const word of [CJK, JAPANESE, KOREAN, THAI, DEVANAGARI, EMOJI].flatMap((s) => s.split(' '))) expect(text).toContain(word);
    // Without it, the short i drawn before its consonant would read back first: किसका as िकसका.
    expect(text).not.toContain('िक');
  });

  it('embeds each script font as a subset, and the cards stay small', () => {
    const defis = written.get('defis.pdf')!;
    const rows = pdffonts(defis).split('\n').slice(2).filter((l) => l.trim());
    const fonts = rows.map((row) => {
      const m = /^(\S+)\s+.+?\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(row)!;
      return { name: m[1].replace(/^[A-Z]{6}\+/, ''), subset: /^[A-Z]{6}\+/.test(m[1]), emb: m[2], sub: m[3], uni: m[4] };
    });
    for (const family of ['NotoSansSC-Regular', 'NotoSansKR-Regular', 'NotoSansThai-Regular', 'NotoSansDevanagari-Regular', 'NotoEmoji-Regular']) {
      expect(fonts.find((f) => f.name === family)).toEqual({ name: family, subset: true, emb: 'yes', sub: 'yes', uni: 'yes' });
    }
    // Noto Sans SC alone is a 10 MB file: subsets keep the whole document far below that.
    expect(result.files.find((f) => f.file === 'defis.pdf')!.content.length).toBeLessThan(150_000);
  });

  it('passes qpdf --check', () => {
    for (const abs of written.values()) if (abs.endsWith('.pdf')) expect(execFileSync('qpdf', ['--check', abs], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
  });
});

describe('splitting text into runs per font', () => {
  const book = fontBook();
  const regular = { bold: false, italic: false };
  const runs = (text: string, style = regular) => book.segments(text, style).map((s) => [s.text, s.font]);

  it('gives each script its font, and draws every character with a real glyph (no empty box)', () => {
    const text = `Données ${CJK}${JAPANESE} ${KOREAN} ${THAI} ${DEVANAGARI} ${EMOJI}`;
    const segments = book.segments(text, regular);
    expect(segments.map((s) => s.font)).toEqual([
      ...['text', 'cjk', 'text', 'hangul', 'text', 'hangul', 'text', 'hangul', 'text', 'thai'],
      ...['text', 'devanagari', 'text', 'devanagari', 'text', 'devanagari', 'text', 'emoji'],
    ]);
    for (const s of segments) {
      const glyphs = openFont(FONT_FILES[s.font]).layout(s.text).glyphs;
      expect(glyphs.filter((g) => g.id === 0).length, `${s.font}: ${s.text}`).toBe(0);
    }
  });

  it('uses the bold face of a script font for bold text, and its upright face for italic', () => {
    expect(runs('港口', { bold: true, italic: false })).toEqual([['港口', 'cjk-bold']]);
    expect(runs('港口', { bold: false, italic: true })).toEqual([['港口', 'cjk']]);
    expect(runs('🚢', { bold: true, italic: true })).toEqual([['🚢', 'emoji']]);
  });

  it('sets italic Arabic upright in DejaVu Sans, whose oblique face has no Arabic (no empty box)', () => {
    const italic = { bold: false, italic: true };
    expect(runs('العربية', italic)).toEqual([['العربية', 'fallback']]);
    expect(runs('Ελληνικά', italic)).toEqual([['Ελληνικά', 'fallback-italic']]);
    for (const s of book.segments('Question : العربية ?', italic)) {
      expect(openFont(FONT_FILES[s.font]).layout(s.text).glyphs.filter((g) => g.id === 0).length, `${s.font}: ${s.text}`).toBe(0);
    }
  });

  it('keeps an emoji sequence and a Thai cluster in one font, so the font shapes them', () => {
    // Family (ZWJ sequence), skin tone, flag: DejaVu has the ZWJ, but it must stay with the emoji around it.
    expect(runs('👨‍👩‍👧👍🏽🇫🇷')).toEqual([['👨‍👩‍👧👍🏽🇫🇷', 'emoji']]);
    const [family] = openFont(FONT_FILES.emoji).layout('👨‍👩‍👧').glyphs;
    expect(family.codePoints).toEqual([0x1f468, 0x200d, 0x1f469, 0x200d, 0x1f467]);
    expect(runs('น้ำ')).toEqual([['น้ำ', 'thai']]);
  });

  it('leaves text the text fonts draw as it was: Greek, Cyrillic, Hebrew and the symbols DejaVu has stay in DejaVu', () => {
    expect(runs('Café ★ ✓ ❤️')).toEqual([['Café ', 'text'], ['★', 'fallback'], [' ', 'text'], ['✓', 'fallback'], [' ', 'text'], ['❤️', 'fallback']]);
    expect(runs('Ελληνικά Кириллица עברית')).toEqual([['Ελληνικά', 'fallback'], [' ', 'text'], ['Кириллица', 'fallback'], [' ', 'text'], ['עברית', 'fallback']]);
  });

  it('cuts a word wider than its column between clusters, never between a consonant and its vowel sign', () => {
    const word = 'किसकीज़िम्मेदारीहैकिडेटासाझाकियाजाएयानहीं';
    const lines = breakLines({ runs: [{ text: word, style: { ...regular, color: '#000000', size: 12 } }], width: 60, book, role: 'P' });
    const texts = lines.map((l) => l.boxes.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join(''));
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.join('')).toBe(word);
    for (const t of texts) expect(t, t).toMatch(/^\P{M}/u);
  });

  it('lists in DRAWN_BY_TEXT_FONTS only characters the text fonts draw (or that print nothing)', () => {
    const silent = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;
    const notDrawn: string[] = [];
    for (const [lo, hi] of DRAWN_BY_TEXT_FONTS) {
      for (let cp = lo; cp <= hi; cp++) {
        const family = book.familyOf(cp);
        if (family !== 0 && family !== 1 && !silent.test(String.fromCodePoint(cp))) notDrawn.push(cp.toString(16));
      }
    }
    expect(notDrawn).toEqual([]);
  });

  it('never opens a script font for text the text fonts draw', () => {
    const faces = new Set<FontId>();
    for (const s of book.segments('Journée « CAPAcities » — 9 h 30, 10 % ; Ελληνικά, Кириллица, עברית, العربية ★', regular)) faces.add(s.font);
    expect([...faces].every((f) => f.startsWith('text') || f.startsWith('fallback'))).toBe(true);
  });
});

describe('layout/missing-glyph: characters no font draws', () => {
  // Phoenician, Ethiopic (Amharic, Tigrinya) and a private-use character: capa has no font for them.
  const NAME_LINE = 51;
  const kit = () => scriptsKit({ name: 'Élue 𐤀𐤁 ሰላም \uE000 (exemple)' });

  it('validate names the characters in French, at the value, on the first of them', async () => {
    const dir = kit();
    const r = await runMain(['validate', dir]);
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      `capa.yaml:${NAME_LINE}:16  avertissement  Aucune police de capa ne dessine U+10900 « 𐤀 », U+10901 « 𐤁 », U+1230 « ሰ », U+120B « ላ », U+121D « ም », U+E000 : imprimés, ces caractères seraient des carrés vides, absents du texte du PDF.  [layout/missing-glyph]`,
    );
    expect(out).toContain(`  > ${NAME_LINE} |     name: Élue 𐤀𐤁 ሰላም \uE000 (exemple)`);
    expect(out).toContain('Remplacez-les par une transcription en lettres latines, ou retirez-les.');
    // Nothing else in the kit is reported: Chinese, Korean, Thai, Devanagari and emoji are drawn.
    expect(out.match(/layout\/missing-glyph/g)).toHaveLength(1);
  });

  it('validate --lang en says it in English', async () => {
    const r = await runMain(['validate', kit(), '--lang', 'en']);
    expect(r.stdout + r.stderr).toContain(
      `capa.yaml:${NAME_LINE}:16  warning  No capa font draws U+10900 “𐤀”, U+10901 “𐤁”, U+1230 “ሰ”, U+120B “ላ”, U+121D “ም”, U+E000: printed, these characters would be empty boxes, missing from the PDF text.  [layout/missing-glyph]`,
    );
  });

  it('build warns the same and still writes the documents (exit 0)', async () => {
    const dir = kit();
    const out = path.join(tempKit({}), 'dist');
    const r = await runMain(['build', dir, '--out', out, '--only', 'badges']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(`capa.yaml:${NAME_LINE}:16  avertissement  Aucune police de capa ne dessine U+10900 « 𐤀 »`);
  });

  it('locates a value of an included file in that file, and an escaped character at its value', async () => {
    const dir = copyKit(DEMO, {
      'programme.yaml': (yaml) => yaml.replace('          - title: Accueil café', '          - title: Accueil café ⵣ ࠀ').replace('          - title: Pause', '          - title: "Pause \\U00010900"'),
    });
    const result = await build({ dir, to: 'memory', only: ['agenda'] });
    const warnings = result.diagnostics.filter((d) => d.code === 'layout/missing-glyph');
    // Tifinagh ⵣ is drawn (DejaVu has it); Samaritan ࠀ is not.
    expect(warnings.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['programme.yaml', 24, 35, 'Aucune police de capa ne dessine U+0800 « ࠀ » : imprimés, ces caractères seraient des carrés vides, absents du texte du PDF.'],
      ['programme.yaml', 30, 20, 'Aucune police de capa ne dessine U+10900 « 𐤀 » : imprimés, ces caractères seraient des carrés vides, absents du texte du PDF.'],
    ]);
    expect(result.files.map((f) => f.file)).toEqual(['programme.pdf']);
  });

  it('counts the characters past the sixth instead of listing them all', async () => {
    const result = await build({ dir: scriptsKit({ name: '𐤀𐤁𐤂𐤃𐤄𐤅𐤆𐤇𐤈' }), to: 'memory', only: ['badges'] });
    const warnings = result.diagnostics.filter((d) => d.code === 'layout/missing-glyph');
    expect(warnings.map((d) => [d.line, d.column, d.path, d.message])).toEqual([
      [NAME_LINE, 11, '/people/0/name', 'Aucune police de capa ne dessine U+10900 « 𐤀 », U+10901 « 𐤁 », U+10902 « 𐤂 », U+10903 « 𐤃 », U+10904 « 𐤄 », U+10905 « 𐤅 », et 3 autres : imprimés, ces caractères seraient des carrés vides, absents du texte du PDF.'],
    ]);
  });
});
