import { describe, expect, it } from 'vitest';
import { backOf, cropMarks, sheetGrid } from '../../src/layout/pages/imposeSheet.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel } from '../../src/layout/flow/model.js';
import { MM } from '../../src/layout/core/units.js';
import { PAGE_SIZES } from '../../src/layout/markup/vocabulary.js';
import { cropMarksOf, expectBacksMirrorFronts, expectMarksMatchTrims, expectTextInsideItems } from './helpers/sheetChecks.js';

const A4 = { width: PAGE_SIZES.A4[0], height: PAGE_SIZES.A4[1] };

function card(n: number, question = 'Qui détient quelle donnée ?', back = true): string {
  return `<card label="Défi ${n}"><front>
    <zone height="15mm" fill="#0B6E4F" valign="middle"><p><b>Fil ${n}</b></p></zone>
    <zone height="25mm"><p size="40">${n}</p></zone>
    <zone grow="true" field="question" source="/challenges/${n - 1}/question"><p size="18">${question}</p></zone>
  </front>${back ? `<back><zone><ul><li>Piste ${n}</li></ul></zone><zone grow="true"></zone><zone height="5mm" fill="#0B6E4F" padding="0mm"></zone></back>` : ''}</card>`;
}

function sheet(cards: string, attrs = ''): string {
  return `<document size="A4"><sheet item-width="90mm" item-height="133mm" ${attrs}>${cards}</sheet>
    <footer><left>Défis <page-number/>/<page-count/></left></footer></document>`;
}

function model(markup: string): LayoutModel {
  const r = layoutDocument({ markup, file: 'cards.hbs', lang: 'en' });
  expect(r.diagnostics).toEqual([]);
  return r.model!;
}

const cards = (n: number) => Array.from({ length: n }, (_, i) => card(i + 1)).join('');

describe('sheet grid', () => {
  it('puts 4 cards of 95 × 134 mm on A4 portrait, centred', () => {
    const g = sheetGrid({ page: A4, item: { width: 95 * MM, height: 134 * MM }, gutter: 0, bleed: 0 });
    expect([g.cols, g.rows]).toEqual([2, 2]);
    const left = g.slots[0].x;
    const right = A4.width - (g.slots[1].x + g.slots[1].width);
    expect(left / MM).toBeCloseTo(10, 1);
    expect(right).toBeCloseTo(left, 6);
    expect(g.slots[0].y).toBeCloseTo(A4.height - (g.slots[2].y + g.slots[2].height), 6);
  });

  it('puts 8 badges of 90 × 55 mm on A4, with the gutter between them', () => {
    const g = sheetGrid({ page: A4, item: { width: 90 * MM, height: 55 * MM }, gutter: 6 * MM, bleed: 0 });
    expect([g.cols, g.rows]).toEqual([2, 4]);
    expect((g.slots[1].x - g.slots[0].x - g.slots[0].width) / MM).toBeCloseTo(6, 6);
    expect((g.slots[2].y - g.slots[0].y - g.slots[0].height) / MM).toBeCloseTo(6, 6);
  });

  it('mirrors a back about the vertical axis for long-edge and the horizontal one for short-edge', () => {
    const front = { x: 10 * MM, y: 20 * MM, width: 95 * MM, height: 134 * MM };
    const long = backOf({ front, page: A4, duplex: 'long-edge', offset: { x: 0, y: 0 } });
    expect(long.x / MM).toBeCloseTo(210 - 10 - 95, 1);
    expect(long.y).toBe(front.y);
    const short = backOf({ front, page: A4, duplex: 'short-edge', offset: { x: 1 * MM, y: -2 * MM } });
    expect(short.x / MM).toBeCloseTo(11, 6);
    expect(short.y / MM).toBeCloseTo(297 - 20 - 134 - 2, 1);
  });

  it('draws one mark per trim line and side, outside the items and their bleed', () => {
    const trims = sheetGrid({ page: A4, item: { width: 90 * MM, height: 55 * MM }, gutter: 6 * MM, bleed: 3 * MM }).slots;
    const marks = cropMarks({ trims, bleed: 3 * MM, page: A4 });
    // 4 distinct x (2 columns × 2 edges) × 2 ends + 8 distinct y × 2 ends.
    expect(marks).toHaveLength(4 * 2 + 8 * 2);
    expectMarksMatchTrims({ width: A4.width, height: A4.height, items: marks, trims: trims.map((t, i) => ({ ...t, label: '', item: i, side: 'front' })) }, 3 * MM);
  });
});

describe('imposed cards', () => {
  it('places 5 cards as fronts, backs, fronts, backs with trim boxes where the crop marks are', () => {
    const m = model(sheet(cards(5)));
    expect(m.pages.map((p) => p.trims?.map((t) => `${t.side}${t.item}`).join(' '))).toEqual([
      'front0 front1 front2 front3',
      'back0 back1 back2 back3',
      'front4',
      'back4',
    ]);
    for (const p of m.pages) expectMarksMatchTrims(p);
    expect(m.pages.flatMap(cropMarksOf).every((b) => b.role === 'Artifact')).toBe(true);
    expect(m.outline.map((o) => [o.title, o.page])).toEqual([['Défi 1', 0], ['Défi 2', 0], ['Défi 3', 0], ['Défi 4', 0], ['Défi 5', 2]]);
  });

  it('mirrors every back within 0.5 mm, for long and short edge, with the duplex offset applied', () => {
    expect(expectBacksMirrorFronts(model(sheet(cards(4))), { duplex: 'long-edge' })).toBe(4);
    expect(expectBacksMirrorFronts(model(sheet(cards(3), 'duplex="short-edge"')), { duplex: 'short-edge' })).toBe(3);
    const shifted = model(sheet(cards(4), 'offset-x="1.5" offset-y="-2"'));
    expect(expectBacksMirrorFronts(shifted, { duplex: 'long-edge', offset: { x: 1.5, y: -2 } })).toBe(4);
  });

  it('keeps every text box inside its card and its zone', () => {
    const m = model(sheet(cards(4)));
    expect(expectTextInsideItems(m)).toBeGreaterThan(8);
  });

  it('extends fills that touch the trim into the bleed and leaves a gutter of two bleeds', () => {
    const m = model(sheet(card(1) + card(2), 'bleed="3mm"'));
    const [a, b] = m.pages[0].trims!;
    expect((b.x - a.x - a.width) / MM).toBeCloseTo(6, 6);
    const band = m.pages[0].items.find((x) => x.kind === 'rect' && x.fill === '#0B6E4F')!;
    expect(band.kind === 'rect' && [band.x, band.y, band.width]).toEqual([a.x - 3 * MM, a.y - 3 * MM, a.width + 6 * MM]);
    expectMarksMatchTrims(m.pages[0], 3 * MM);
  });

  it('prints no back sheet when no card has a back', () => {
    const m = model(sheet(card(1, 'Q ?', false) + card(2, 'Q ?', false)));
    expect(m.pages).toHaveLength(1);
  });

  it('puts a calibration pair first: crosses on the front, scales on the back, mirrored', () => {
    const m = model(sheet(cards(1), 'calibration="true" calibration-note="Print double-sided."'));
    expect(m.pages.map((p) => p.trims?.[0].side)).toEqual(['calibration', 'calibration', 'front', 'back']);
    expect(m.pages[0].trims).toHaveLength(4);
    const back = m.pages[1].items.filter((b) => b.kind === 'text' && b.role === 'Artifact').map((b) => (b.kind === 'text' ? b.text : ''));
    expect(back).toContain('+5');
    expect(back).toContain('-10');
    const note = m.pages[0].items.filter((b) => b.kind === 'text' && b.role === 'P').map((b) => (b.kind === 'text' ? b.text : '')).join(' ');
    expect(note).toContain('Print double-sided.');
    for (const p of m.pages) expectMarksMatchTrims(p);
  });
});

describe('text fit', () => {
  const long = (n: number) => ('Quelles données partager entre le port et la ville, avec qui et dans quel but ? ').repeat(20).slice(0, n).trim();

  it('keeps a short question at its base size', () => {
    const m = model(sheet(card(1)));
    expect(m.fits!.find((f) => f.field === 'question')!.scale).toBe(1);
  });

  it('shrinks a long question step by step until it fits, not below 70 %', () => {
    const m = model(sheet(card(1, long(450))));
    const fit = m.fits!.find((f) => f.field === 'question')!;
    expect(fit.scale).toBeLessThan(1);
    expect(fit.scale).toBeGreaterThanOrEqual(0.7);
    expect(Math.round(fit.scale * 100) % 5).toBe(0);
    expectTextInsideItems(m);
  });

  it('reports a question that does not fit at 70 % with its source, the card, and how much to cut', () => {
    const q = long(1400);
    const r = layoutDocument({ markup: sheet(card(3, q)), file: 'cards.hbs', lang: 'en' });
    expect(r.model).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ severity: 'error', code: 'layout/overflow', path: '/challenges/2/question', file: 'cards.hbs' });
    expect(d.message).toMatch(/^Card “Défi 3”: the text “question” does not fit its zone, even shrunk to 70 %: cut about \d+ characters \(of 1400\)\.$/);
    const cut = Number(/about (\d+)/.exec(d.message)![1]);
    // Cutting that many characters really makes it fit at the floor, one less does not.
    const at = (n: number) => layoutDocument({ markup: sheet(card(3, q.slice(0, n))), file: 'cards.hbs' });
    expect(at(q.length - cut).diagnostics).toEqual([]);
    expect(at(q.length - cut + 1).diagnostics.map((x) => x.code)).toEqual(['layout/overflow']);
  });

  it('reports a fixed zone whose text cannot shrink enough', () => {
    const markup = `<document><sheet item-width="90mm" item-height="55mm"><card label="Badge"><front>
      <zone height="8mm" field="name" min-scale="0.8"><p size="20">${'Nom très long '.repeat(6)}</p></zone></front></card></sheet></document>`;
    const r = layoutDocument({ markup, file: 'badges.hbs', lang: 'fr' });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['layout/overflow', 2]]);
    expect(r.diagnostics[0].message).toContain('Carte « Badge » : le texte « name »');
    expect(r.diagnostics[0].message).toContain('80 %');
  });
});

describe('sheet markup errors', () => {
  it('reports fixed zones taller than the card as a template error', () => {
    const markup = `<document><sheet item-width="90mm" item-height="55mm"><card label="x">
      <back><zone height="30mm"/><zone height="30mm"/></back></card></sheet></document>`;
    const r = layoutDocument({ markup, file: 'x.hbs', lang: 'en' });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['layout/zones-too-tall', 2, 7, 'The fixed-height zones of <back> add up to 60.0 mm, more than the card (55.0 mm): reduce their heights.'],
    ]);
  });

  it('reports items too large for the sheet', () => {
    const r = layoutDocument({ markup: '<document><sheet item-width="250mm" item-height="100mm"><card label="x"><front/></card></sheet></document>', file: 'x.hbs', lang: 'en' });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['layout/item-too-large', 'Items of 250 × 100 mm do not fit on the sheet with their crop marks.']]);
  });

  it('reports flowing content next to a sheet', () => {
    const r = layoutDocument({ markup: '<document><p>Intro</p><sheet item-width="90mm" item-height="55mm"></sheet></document>', file: 'x.hbs', lang: 'en' });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['template/misplaced-element', 1, 11]]);
  });

  it('checks sheet and zone attributes like every element', () => {
    const r = layoutDocument({ markup: '<document><sheet item-width="90mm" item-height="55mm" duplex="sideways"><card label="x"><front><zone min-scale="0.1"/></front></card></sheet></document>', file: 'x.hbs', lang: 'en' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['template/bad-value', 'template/bad-value']);
  });
});
