import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { cardOrder, inkOf } from '../../src/documents/cards.js';
import { contrastRatio } from '../../src/colors/contrast.js';
import type { Challenge, Kit, Thread } from '../../src/kit/Kit.js';
import type { LayoutModel } from '../../src/layout/flow/model.js';
import { MM } from '../../src/layout/core/units.js';
import { pageStructures, readPdf, rolesOf, seen } from '../helpers/pdf.js';
import { copyKit } from '../helpers/tempKit.js';
import { cutLayout } from '../layout/helpers/cutDocuments.js';
import { expectBacksMirrorFronts, expectMarksMatchTrims, expectTextInsideItems } from '../layout/helpers/sheetChecks.js';

const DEMO = 'kits/demo';
const QUESTION_LINE = 119;
const OLD_QUESTION = "Qui détient quelle donnée sur l'accès au port, et qui doit décider de son partage ?";

/** A question of exactly `n` characters, plain YAML (no `:` or `#`). */
function question(n: number): string {
  const words = 'Quelles données du port partager avec les chauffeurs et les riverains, qui les produit, qui les met à jour et qui décide ';
  return words.repeat(Math.ceil(n / words.length)).slice(0, n - 2).replace(/ $/, 's') + ' ?';
}

/** The demo kit with défi 1's question replaced. */
function demoWithQuestion(text: string): string {
  return copyKit(DEMO, {
    'capa.yaml': (yaml) => {
      expect(yaml.split('\n')[QUESTION_LINE - 1]).toBe(`    question: ${OLD_QUESTION}`);
      return yaml.replace(OLD_QUESTION, text);
    },
  });
}

describe('défi cards of the demo kit (defis.pdf)', () => {
  let model: LayoutModel;
  beforeAll(async () => {
    const r = await cutLayout({ dir: DEMO, document: 'cards' });
    expect(r.diagnostics).toEqual([]);
    model = r.model!;
  });

  it('builds defis.pdf: one sheet of fronts, one of backs, with the défis and their wording', async () => {
    const result = await build({ dir: DEMO, only: ['cards'], to: 'memory' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => [f.file, f.pages])).toEqual([['defis.pdf', 2]]);
    const read = await readPdf(result.files[0].content);
    expect(read.info.Title).toBe('Défis — Journée CAPAcities — Port-Exemple');
    expect(read.outline.map((o) => o.title)).toEqual([
      "Défi 1 — Réunir les détenteurs de données du port autour d'une même table",
      "Défi 2 — Imaginer le trajet idéal d'un chauffeur jusqu'au quai",
    ]);
    const [fronts, backs] = read.flat;
    expect(fronts).toContain(seen('PARTAGER LES DONNÉES AUTOUR DES USAGERS DU PORT'));
    expect(fronts).toContain(seen('Défi n° 1'));
    expect(fronts).toContain(seen(OLD_QUESTION));
    expect(backs).toContain(seen('PISTES POUR DÉMARRER'));
    expect(backs).toContain(seen('Quelle décision ce comité prendrait-il dès sa première réunion ?'));
    expect(backs).toContain(seen('À PRODUIRE'));
    expect(backs).toContain(seen('Une carte des détenteurs de données'));
    const again = await build({ dir: DEMO, only: ['cards'], to: 'memory' });
    expect(again.files[0].content.equals(result.files[0].content)).toBe(true);
    expect(backs).toContain(seen("CAS D’USAGE LIÉS • Fluidifier l'accès des poids lourds au terminal fret — Communauté d'agglomération de Port-Exemple"));
  });

  it('cuts cards of 90 × 133 mm, 4-up, where the crop marks say, outside the 3 mm bleed', () => {
    const fronts = model.pages[0].trims!;
    expect(fronts.map((t) => [t.label.slice(0, 6), t.side, Math.round(t.width / MM), Math.round(t.height / MM)])).toEqual([
      ['Défi 1', 'front', 90, 133],
      ['Défi 2', 'front', 90, 133],
    ]);
    for (const p of model.pages) expectMarksMatchTrims(p, 3 * MM);
  });

  it('lays each back behind its front for long-edge printing', () => {
    expect(expectBacksMirrorFronts(model, { duplex: 'long-edge' })).toBe(2);
    // Défi 1 is top left on the fronts, so top right on the backs.
    const back1 = model.pages[1].trims!.find((t) => t.item === 0)!;
    expect(back1.x).toBeGreaterThanOrEqual(model.pages[1].width / 2 - 0.01);
  });

  it('keeps every text box inside its card, at full size for the demo', () => {
    expect(expectTextInsideItems(model)).toBeGreaterThan(20);
    expect(model.fits!.every((f) => f.scale === 1)).toBe(true);
  });

  it('paints the thread colour band on the front and the back', () => {
    // Front: the thread band and the rule beside the question; back: the top band and the bottom strip. Bands
    // touching the cut run 3 mm past it (the default bleed).
    const bands = model.pages.map((p) => p.items.filter((b) => b.kind === 'rect' && b.fill === '#0B6E4F').map((b) => (b.kind === 'rect' ? Math.round(b.height / MM) : 0)));
    expect(bands[0].filter((h) => h === 15 + 3)).toHaveLength(2);
    expect(bands[1].filter((h) => h === 12 + 3)).toHaveLength(2);
    expect(bands[1].filter((h) => h === 5 + 3)).toHaveLength(2);
  });
});

describe('print options of defis.pdf', () => {
  it('mirrors the backs top to bottom for short-edge printing and applies build.duplex_offset_mm', async () => {
    const dir = copyKit(DEMO, { 'capa.yaml': (y) => y.replace('include: [programme.yaml]', 'include: [programme.yaml]\n\nbuild:\n  duplex_offset_mm: { x: 1.5, y: -0.5 }') });
    const r = await cutLayout({ dir, document: 'cards', print: { duplex: 'short-edge' } });
    expect(r.diagnostics).toEqual([]);
    expect(expectBacksMirrorFronts(r.model!, { duplex: 'short-edge', offset: { x: 1.5, y: -0.5 } })).toBe(2);
  });

  it('puts a calibration sheet pair first when asked', async () => {
    const result = await build({ dir: DEMO, only: ['cards'], to: 'memory', calibration: true });
    expect(result.files.map((f) => f.pages)).toEqual([4]);
    const read = await readPdf(result.files[0].content);
    expect(read.text[0]).toContain('Feuille de calibrage');
    expect(read.text[1]).toContain('+5');
  });

  it('widens the gutter to two bleeds and extends the bands into the bleed', async () => {
    const dir = copyKit(DEMO, { 'capa.yaml': (y) => y.replace('include: [programme.yaml]', 'include: [programme.yaml]\n\nbuild:\n  bleed_mm: 3') });
    const r = await cutLayout({ dir, document: 'cards' });
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.model!.pages[0].trims!;
    expect((b.x - a.x - a.width) / MM).toBeCloseTo(6, 6);
    for (const p of r.model!.pages) expectMarksMatchTrims(p, 3 * MM);
    const band = r.model!.pages[0].items.find((x) => x.kind === 'rect' && x.fill === '#0B6E4F');
    expect(band?.kind === 'rect' && (a.y - band.y) / MM).toBeCloseTo(3, 6);
  });
});

describe('text fit on défi cards', () => {
  it('fits a 250-character question by shrinking it', async () => {
    const text = question(250);
    expect([...text].length).toBe(250);
    const dir = demoWithQuestion(text);
    const r = await cutLayout({ dir, document: 'cards' });
    expect(r.diagnostics).toEqual([]);
    const fit = r.model!.fits!.find((f) => f.source === '/challenges/0/question')!;
    expect(fit.scale).toBeLessThan(1);
    expect(fit.scale).toBeGreaterThanOrEqual(0.7);
    expectTextInsideItems(r.model!);
    const result = await build({ dir, only: ['cards'], to: 'memory' });
    expect(result.ok).toBe(true);
  });

  it('fails the build on a 600-character question with layout/overflow at its YAML line', async () => {
    const dir = demoWithQuestion(question(600));
    const result = await build({ dir, only: ['cards'], to: 'memory' });
    expect(result.ok).toBe(false);
    expect(result.files).toEqual([]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.file, d.line, d.column, d.path])).toEqual([
      ['layout/overflow', 'capa.yaml', QUESTION_LINE, 15, '/challenges/0/question'],
    ]);
    expect(errors[0].message).toMatch(
      /^Carte « Défi 1 — Réunir les détenteurs de données du port autour d'une même table » : le texte « question » ne tient pas dans sa zone, même réduit à 70 % : retirez environ \d+ caractères \(sur 600\)\.$/,
    );
    const cut = Number(/environ (\d+)/.exec(errors[0].message)![1]);
    expect(cut).toBeGreaterThan(100);
    expect(cut).toBeLessThan(500);
    // The template that laid the question out is a secondary place, named as capa's own.
    expect(errors[0].related).toEqual([{ file: 'modèle intégré cards/partials/front.hbs', line: expect.any(Number), column: expect.any(Number), message: 'le modèle qui place ce texte' }]);
  });
});

describe('card order', () => {
  it('orders by thread as the kit lists them, défis without a thread last, then by number', () => {
    const t1 = { id: 'b' } as Thread;
    const t2 = { id: 'a' } as Thread;
    const c = (number: number, thread?: Thread) => ({ number, thread }) as Challenge;
    const kit = { threads: [t1, t2], challenges: [c(1, t2), c(2), c(3, t1), c(4, t2), c(5, t1)] } as unknown as Kit;
    expect(cardOrder(kit).map((x) => x.number)).toEqual([3, 5, 1, 4, 2]);
  });
});

describe('thread colours as text', () => {
  it('keeps a dark thread colour and darkens a pale one until it reads on white at 4.5:1 (WCAG, text below large size)', () => {
    expect(inkOf('#0B6E4F')).toBe('#0B6E4F');
    const pale = inkOf('#F4E04D');
    expect(pale).not.toBe('#F4E04D');
    expect(contrastRatio(pale, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    // Darkened, not replaced: the hue stays (red still the largest channel of an orange).
    const orange = inkOf('#F4A259');
    expect(parseInt(orange.slice(1, 3), 16)).toBeGreaterThan(parseInt(orange.slice(3, 5), 16));
  });
});

/** Text compared across line breaks and hyphenation: no spaces or hyphens, one kind of apostrophe. */
const flat = (s: string) => s.replace(/’/g, "'").replace(/[\s\u00A0\u202F\u00AD-]/g, '');

/** Asserts the pieces appear in `text` in this order. */
function expectInOrder(text: string, pieces: string[]): void {
  let at = -1;
  for (const p of pieces) {
    const i = flat(text).indexOf(flat(p), at + 1);
    expect(i, `“${p}” after position ${at} in “${text}”`).toBeGreaterThan(at);
    at = i;
  }
}

describe('tagged defis.pdf (issue 11: cut documents)', () => {
  it('tags each card as one section (Sect) headed by its title, holding its paragraphs, front then back, in card order', async () => {
    const result = await build({ dir: DEMO, only: ['cards'], to: 'memory' });
    const { kit } = await cutLayout({ dir: DEMO, document: 'cards' });
    const order = cardOrder(kit);
    const [fronts, backs] = await pageStructures(result.files[0].content);
    for (const page of [fronts, backs]) {
      expect(page.top.map((n) => n.role)).toEqual(order.map(() => 'Sect'));
      expect(page.untagged).toBe('');
      for (const div of page.top) expect(rolesOf(div).filter((r) => r === 'P').length).toBeGreaterThan(0);
      // Only page furniture is drawn as artifact text, never a card's own words.
      expect(page.artifacts).not.toContain('Défi n°');
    }
    order.forEach((c, i) => {
      // The défi's title is the section's heading (H1), on the front.
      const flat = (s: string) => s.replace(/’/g, "'").replace(/[\s\u00A0\u202F\u00AD-]/g, '');
      expect(fronts.top[i].children.filter((n) => n.role === 'H1').map((n) => flat(n.text))).toEqual([flat(c.title)]);
      expectInOrder(fronts.top[i].text, [`Défi n° ${c.number}`, c.title, c.question]);
      expectInOrder(backs.top[i].text, [`Défi n° ${c.number}`, c.title, 'PISTES POUR DÉMARRER', ...c.prompts, 'À PRODUIRE', ...c.outputs]);
    });
    // The backs are mirrored on the sheet, but read in card order: the first section is the first card.
    expect(backs.top[0].children.map((n) => n.role)).toEqual(expect.arrayContaining(['P', 'L']));
  });

  it('keeps crop marks, fills and bands out of the structure tree', async () => {
    const r = await cutLayout({ dir: DEMO, document: 'cards' });
    const items = r.model!.pages.flatMap((p) => p.items);
    const marks = items.filter((b) => b.kind === 'line' && b.mark === 'crop');
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((b) => b.role === 'Artifact' && b.node === undefined)).toBe(true);
    expect(items.filter((b) => b.kind === 'rect').every((b) => b.role === 'Artifact')).toBe(true);
    const divs = [...r.model!.structure].filter((s) => s.role === 'Sect');
    expect(divs.map((d) => [d.parent, d.title])).toEqual(cardOrder(r.kit).map((c) => [0, expect.stringContaining(`${c.number}`)]));
  });
});

describe('a bleed too large for the sheet', () => {
  /** The line of the shipped template's `<sheet>` element, where an item that does not fit is reported. */
  const sheetLine = readFileSync('templates/cards/main.hbs', 'utf8').split('\n').findIndex((l) => l.startsWith('  <sheet ')) + 1;
  it('is reported at build.bleed_mm in capa.yaml, with the limit and the template as a related place', async () => {
    // A kit template with 180 mm wide items: they fit with the crop marks, but not with a 10 mm bleed as well.
    const dir = copyKit(DEMO, { 'capa.yaml': (y) => y.replace('include: [programme.yaml]', 'include: [programme.yaml]\n\nbuild:\n  bleed_mm: 10') });
    const main = readFileSync('templates/cards/main.hbs', 'utf8').replace('item-width="90mm"', 'item-width="180mm"');
    mkdirSync(path.join(dir, 'templates/cards'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/cards/main.hbs'), main);
    const line = readFileSync(path.join(dir, 'capa.yaml'), 'utf8').split('\n').indexOf('  bleed_mm: 10') + 1;
    const result = await build({ dir, only: ['cards'], to: 'memory' });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        severity: 'error',
        code: 'layout/item-too-large',
        message: 'Avec un fond perdu de 10 mm, des éléments de 180 × 133 mm ne tiennent pas sur la feuille avec leurs traits de coupe.',
        // (210 − 180) / 2 − 9 mm of crop marks (1 mm off the bleed, 3 mm long, 5 mm from the edge) = 6 mm.
        hint: 'Un fond perdu de 6 mm au plus laisse la place à un élément par feuille ; 3 mm suffisent d’ordinaire.',
        file: 'capa.yaml',
        line,
        column: 13,
        path: '/build/bleed_mm',
        related: [{ file: 'templates/cards/main.hbs', line: sheetLine, column: 3 }],
      },
    ]);
  });

  it('keeps the template place when items are too large even without a bleed', async () => {
    const dir = copyKit(DEMO);
    const main = readFileSync('templates/cards/main.hbs', 'utf8').replace('item-width="90mm"', 'item-width="250mm"');
    mkdirSync(path.join(dir, 'templates/cards'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/cards/main.hbs'), main);
    const result = await build({ dir, only: ['cards'], to: 'memory' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      { code: 'layout/item-too-large', file: 'templates/cards/main.hbs', line: sheetLine, message: 'Des éléments de 250 × 133 mm ne tiennent pas sur la feuille avec leurs traits de coupe.' },
    ]);
    expect(result.diagnostics[0].path).toBeUndefined();
  });
});
