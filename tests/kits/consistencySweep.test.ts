import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { openPdf, readPdf, type ReadPdf } from '../helpers/pdf.js';
import { copyKit } from '../helpers/tempKit.js';

/**
 * The reference kit built in French and in English (`kit.lang: en`, its content still French), every document read
 * back: each check names one inconsistency a reader found in the printed kit, and would find it again.
 */
const REFERENCE = 'kits/capacities';
type Built = { pdfs: Map<string, Uint8Array>; read: Map<string, ReadPdf> };

async function buildAll(dir: string): Promise<Built> {
  const result = await build({ dir, to: 'memory' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const pdfs = new Map(result.files.filter((f) => f.file.endsWith('.pdf')).map((f) => [f.file, f.content as Uint8Array]));
  const read = new Map<string, ReadPdf>();
  for (const [file, content] of pdfs) read.set(file, await readPdf(content));
  return { pdfs, read };
}

const all = (b: Built, file: string) => b.read.get(file)!.text.join(' ');

describe('one way to write each thing, in the reference kit', () => {
  let fr: Built;
  let en: Built;
  beforeAll(async () => {
    fr = await buildAll(REFERENCE);
    en = await buildAll(copyKit(REFERENCE, { 'capa.yaml': (t) => t.replace('  lang: fr', '  lang: en') }));
  }, 180_000);

  it('English time ranges are written 09:00–09:30 everywhere (one formatter), French ones 9 h – 9 h 30', () => {
    for (const file of ['programme.pdf', 'deroule.pdf', 'carnet.pdf', 'emargement.pdf']) {
      const text = all(en, file);
      expect([file, text.match(/\d\d:\d\d – \d\d:\d\d/g)]).toEqual([file, null]);
      expect(text).toMatch(/\d\d:\d\d–\d\d:\d\d/);
      expect(all(fr, file)).toMatch(/\d{1,2} h( \d\d)? – \d{1,2} h/);
    }
  });

  it('the workbook has one name in English: “Workshop workbook”, never “Workshop booklet”', () => {
    const carnet = en.read.get('carnet.pdf')!;
    expect(carnet.info.Title).toContain('Workshop workbook');
    expect(carnet.text[0]).toContain('WORKSHOP WORKBOOK');
    for (const file of en.read.keys()) expect([file, all(en, file).includes('booklet')]).toEqual([file, false]);
  });

  it('a facilitator’s badge carries a role label, not the activity “FACILITATION”', () => {
    expect(all(en, 'badges.pdf')).not.toContain('FACILITATION');
    expect(all(en, 'badges.pdf')).toContain('FACILITATOR Animatrice Cerema (exemple)');
  });

  it('French questions keep their space before “?” in the English build', () => {
    const cards = all(en, 'defis.pdf');
    expect(cards).toContain('rend service ?');
    expect(cards).not.toMatch(/\p{L}\?/u);
  });

  it('the first of the month is written 1er with a raised, smaller “er”', async () => {
    const doc = await openPdf(fr.pdfs.get('programme.pdf')!);
    const items = (await (await doc.getPage(2)).getTextContent()).items.flatMap((i) => ('str' in i ? [i] : []));
    await doc.destroy();
    const er = items.findIndex((i) => i.str === 'er');
    expect(er).toBeGreaterThan(0);
    const [one, sup] = [items[er - 1]!, items[er]!];
    expect(one.str.endsWith('1')).toBe(true);
    expect(sup.transform[3]).toBeLessThan(one.transform[3] * 0.7); // smaller
    expect(sup.transform[5]).toBeGreaterThan(one.transform[5] + 1); // raised (PDF y grows upwards)
    // pdf.js reads the raised run as its own item (joined here with a space); the text layer holds « 1er » (pdftotext)
    expect(all(fr, 'programme.pdf')).toMatch(/1 ?er juillet/);
  });

  it('weekdays are capitalised at the start of a heading and lower case after « Jour n — »', () => {
    for (const file of ['programme.pdf', 'deroule.pdf', 'carnet.pdf']) {
      const text = all(fr, file);
      expect([file, text.match(/Jour \d+ — (Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche)/g)]).toEqual([file, null]);
      expect(text).toMatch(/Jour 2 — jeudi 1 ?er juillet 2027/);
    }
    expect(all(fr, 'programme.pdf')).toContain('Jeudi 11 mars 2027');
  });

  it('a défi is « Défi n° 1 » on both faces of its card, as everywhere else', () => {
    const cards = all(fr, 'defis.pdf');
    expect(cards).not.toMatch(/DÉFI \d/);
    expect(cards).toContain('Défi n° 1 Organiser un comité data interne');
    expect(cards).toContain('Défi n° 1 · Organiser un comité data interne');
    expect(all(en, 'defis.pdf')).toContain('Challenge no. 1 · Organiser un comité data interne');
  });

  it('the licence is printed by its name, never as the SPDX code', () => {
    for (const b of [fr, en]) {
      for (const file of b.read.keys()) expect([file, all(b, file).includes('CC-BY-NC-4.0')]).toEqual([file, false]);
    }
    expect(all(fr, 'programme.pdf')).toContain('CC BY-NC 4.0');
    expect(all(fr, 'carnet.pdf')).toContain('Ce kit est diffusé sous la licence CC BY-NC 4.0.');
  });

  it('the follow-up is named once: its own title, not the generic label above it', () => {
    const agenda = all(fr, 'programme.pdf');
    expect(agenda).not.toContain('Rencontre un an après Rencontre un an après');
    expect(agenda).toContain('Rencontre un an après, avec atelier et visite Jeudi 28 septembre 2028');
  });

  it('durations come from one formatter: 2 h, 1 h 30, 45 min in French; 1 h 30 min in English', () => {
    const frSheet = all(fr, 'deroule.pdf');
    expect(frSheet).not.toMatch(/\d(h|min)\b/);
    expect(frSheet).toMatch(/ 2 h Chaque territoire/);
    expect(frSheet).toMatch(/ 1 h 30 /);
    const enSheet = all(en, 'deroule.pdf');
    expect(enSheet).not.toMatch(/\d(h|min)\b/);
    expect(enSheet).toMatch(/ 1 h 30 min /);
  });
});
