import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fontBook } from '../../src/layout/fonts/fonts.js';
import { breakLines } from '../../src/layout/flow/inlineLayout.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel } from '../../src/layout/flow/model.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { typeset } from '../../src/layout/markup/typography.js';

/** Shows the invisible spaces: ⍽ narrow no-break (U+202F), · no-break (U+00A0). */
const show = (s: string) => s.replace(/\u202F/g, '⍽').replace(/\u00A0/g, '·');
const fr = (s: string, before?: string) => show(typeset(s, 'fr', before));
const en = (s: string) => show(typeset(s, 'en'));

describe('French typography', () => {
  it('puts a narrow no-break space before ; : ! ? — replacing a typed space or inserting one', () => {
    expect(fr('Qui décide ? Vous !')).toBe('Qui décide⍽? Vous⍽!');
    expect(fr('Lieu: salle; et alors?!')).toBe('Lieu⍽: salle⍽; et alors⍽?!');
    expect(fr('Note\u00A0: ok')).toBe('Note⍽: ok');
  });

  it('sets guillemets with narrow no-break spaces inside, and pairs of straight quotes become guillemets', () => {
    expect(fr('le « comité » décide')).toBe('le «⍽comité⍽» décide');
    expect(fr('«comité»')).toBe('«⍽comité⍽»');
    expect(fr('le "comité" décide')).toBe('le «⍽comité⍽» décide');
  });

  it('keeps numbers whole and with their unit or word', () => {
    expect(fr('9 h 30 à 11 h')).toBe('9·h·30·à 11·h');
    expect(fr('10 % et 25%')).toBe('10⍽% et 25⍽%');
    expect(fr('120 000 habitants')).toBe('120⍽000·habitants');
    expect(fr('45 min, 5 €')).toBe('45·min, 5·€');
    expect(fr('n° 3 et N°4')).toBe('n°·3·et N°·4');
    expect(fr('mot0 mot1, format A4 paysage, 2,5 km')).toBe('mot0 mot1, format A4 paysage, 2,5·km');
  });

  it('uses the typographic apostrophe between letters', () => {
    expect(fr("l'atelier d'aujourd'hui")).toBe('l’atelier d’aujourd’hui');
  });

  it('leaves clock times, URLs and e-mail addresses alone', () => {
    expect(fr('à 09:30 précises')).toBe('à 09:30·précises');
    expect(fr('voir https://capa.example/x?y=1 : merci')).toBe('voir https://capa.example/x?y=1⍽: merci');
    expect(fr('écrire à contact@capa.example !')).toBe('écrire à contact@capa.example⍽!');
  });

  it('uses the character before the run as context (`<b>Lieu</b>: salle`)', () => {
    expect(fr(': salle', 'Lieu')).toBe('⍽: salle');
    expect(fr(': salle', 'Lieu ')).toBe(': salle');
  });
});

describe('English typography', () => {
  it('adds no space before : ; ! ? and curly quotes and apostrophes', () => {
    expect(en('Note: this! ok?')).toBe('Note: this! ok?');
    // French content in an English document keeps its spacing, narrow and unbreakable (it was dropped before).
    expect(en('Note : this ! ok ?')).toBe('Note⍽: this⍽! ok⍽?');
    expect(en('Quel outil commun ?')).toBe('Quel outil commun⍽?');
    expect(en('the "group" don\'t say \'no\'')).toBe('the “group” don’t say ‘no’');
    expect(en('at 09:30, 120 000 people')).toBe('at 09:30, 120 000 people');
  });
});

const textOf = (m: LayoutModel) => m.pages.flatMap((p) => p.items.flatMap((b) => (b.kind === 'text' ? [b.text] : []))).join('');

describe('typography in laid-out documents', () => {
  const markup = (lang: string, body: string) => `<document lang="${lang}"><h1>${body}</h1><p>Bonjour <b>Lieu</b>: salle 3 ; de 9 h 30 pour 120 000 habitants ?</p></document>`;

  it('typesets every text run by the document language', () => {
    const frModel = layoutDocument({ markup: markup('fr', 'Qu\'en dit-on ?'), file: 'x.hbs' }).model!;
    expect(show(textOf(frModel))).toContain('Qu’en dit-on⍽?');
    // The text runs keep the no-break spaces (pdfjs reads them back as plain spaces, so the check is on the model).
    expect(show(textOf(frModel))).toContain('Lieu⍽: salle 3⍽; de 9·h·30·pour 120⍽000·habitants⍽?');
    const enModel = layoutDocument({ markup: markup('en', 'What is it?'), file: 'x.hbs' }).model!;
    expect(show(textOf(enModel))).toContain('What is it?');
    // a space typed before ; or ? (French content in an English document) stays, narrow and unbreakable
    expect(show(textOf(enModel))).toContain(': salle 3⍽; de 9 h 30 pour 120 000 habitants⍽?');
  });

  it('never breaks a line at a no-break space', () => {
    const style = { bold: false, italic: false, size: 10, color: '#000000' };
    const book = fontBook();
    const text = typeset('pour 120 000 habitants', 'fr');
    const width = book.width('pour 120', 'text', 10) + 2;
    const lines = breakLines({ runs: [{ text, style }], width: width + book.width('000 habitants', 'text', 10), book, role: 'P' });
    expect(lines.map((l) => show(l.boxes.map((b) => (b.kind === 'text' ? b.text : '')).join('')))).toEqual(['pour', '120⍽000·habitants']);
  });

  it('draws the narrow no-break space with the fallback face and the PDF text keeps the words together', async () => {
    const model = layoutDocument({ markup: '<document><p>Qui décide ?</p></document>', file: 'x.hbs' }).model!;
    const boxes = model.pages[0].items.filter((b) => b.kind === 'text');
    expect(boxes.map((b) => (b.kind === 'text' ? [show(b.text), b.font] : []))).toEqual([['Qui décide', 'text'], ['⍽', 'fallback'], ['?', 'text']]);
    const r = await renderMarkup({ markup: '<document><p>Qui décide ?</p></document>', file: 'x.hbs' });
    const doc = await getDocument({ data: new Uint8Array(r.pdf!), isEvalSupported: false }).promise;
    const items = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    // The glyph is in the file (not dropped): pdfjs gives the narrow no-break space back as U+202F or a space.
    expect(items).toMatch(/^Qui décide[\u202F ]\?$/);
  });
});
