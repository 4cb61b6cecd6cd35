import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../src/check/checkSchedule.js';
import type { Lang } from '../../src/report/messages.js';
import { edit, GOOD_KIT, lineOf, loadFixture } from '../model/kitFixture.js';

async function check(text: string, lang: Lang = 'en') {
  const { loaded, kit } = await loadFixture(text, lang);
  return checkSchedule(loaded, kit, lang);
}

const LEGO = '          - { workshop: lego, duration: 1h30, room: A }\n';
/** Add slots right after the Lego slot (09:30–11:00, room A). */
const withSlots = (...slots: string[]) => edit(GOOD_KIT, LEGO, LEGO + slots.map((s) => `          - ${s}\n`).join(''));

describe('checkSchedule', () => {
  it('accepts a good kit', async () => {
    expect(await check(GOOD_KIT)).toEqual([]);
  });

  it('accepts parallel slots in different rooms', async () => {
    expect(await check(withSlots('{ title: Atelier B, start: "09:30", duration: 90, room: B }'))).toEqual([]);
  });

  it('reports an end at or before the start (end-before-start)', async () => {
    const text = edit(GOOD_KIT, 'start: "12:30", end: "14:00"', 'start: "12:30", end: "12:30"');
    const [d, ...rest] = await check(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', code: 'schedule/end-before-start', file: 'capa.yaml', line: lineOf(text, 'Déjeuner'), column: 13 });
    expect(d.message).toBe('slot “Déjeuner” (12:30–12:30) ends at 12:30, not after its start at 12:30: fix end or duration');
  });

  it('reports a slot with nothing giving its length', async () => {
    const text = withSlots('{ title: Pause }');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line])).toEqual([['schedule/end-before-start', lineOf(text, 'Pause')]]);
    expect(found[0].message).toContain('add duration');
  });

  it('reports a visit that ends before it starts', async () => {
    const text = edit(GOOD_KIT, 'start: "16:00", duration: 2h }', 'start: "16:00", end: "15:00" }');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['schedule/end-before-start', lineOf(text, 'visit:'), 12]]);
  });

  it('reports two overlapping slots in one room on the later one, naming both (overlap)', async () => {
    const text = withSlots('{ title: Atelier B, start: "10:00", duration: 30, room: A }');
    const [d, ...rest] = await check(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'schedule/overlap', line: lineOf(text, 'Atelier B'), column: 13, path: '/sessions/0/days/0/slots/2' });
    expect(d.related).toEqual([{ file: 'capa.yaml', line: lineOf(text, 'workshop: lego'), column: 13, path: '/sessions/0/days/0/slots/1', message: 'the other slot' }]);
    expect(d.message).toBe('slot “Atelier B” (10:00–10:30) overlaps slot “Lego” (09:30–11:00) in the same room “A”: move one of the two slots or give them different rooms (room)');
  });

  it('reports overlapping slots when either has no room', async () => {
    const text = withSlots('{ title: Café, start: "10:30", duration: 15 }');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line])).toEqual([['schedule/overlap', lineOf(text, 'Café')]]);
    expect(found[0].message).toContain('while one of them has no room');
  });

  it('does not count slots that only touch as overlapping', async () => {
    expect(await check(withSlots('{ title: Atelier B, start: "11:00", duration: 30, room: A }'))).toEqual([]);
  });

  it('reports a facilitator in two places at once (double-booked), in French too', async () => {
    const text = withSlots('{ title: Atelier B, start: "10:00", duration: 30, room: B, facilitators: [claire] }');
    const found = await check(text, 'fr');
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['schedule/double-booked', lineOf(text, 'Atelier B'), 13]]);
    expect(found[0].message).toBe(
      '« Claire Bernard » est attendu·e à la fois sur le créneau « Lego » (09:30–11:00) et sur le créneau « Atelier B » (10:00–10:30) : retirez cette personne de l’un des deux créneaux ou décalez-les',
    );
    expect(found[0].related?.[0].line).toBe(lineOf(text, 'workshop: lego'));
  });

  it('reports steps longer than their slot (steps-exceed-slot)', async () => {
    const text = edit(GOOD_KIT, '{ workshop: lego, duration: 1h30, room: A }', '{ workshop: lego, duration: 1h, room: A }');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['schedule/steps-exceed-slot', lineOf(text, 'workshop: lego'), 13]]);
    expect(found[0].message).toContain('last 70 min, more than the 60 min');
  });

  it('reports a slot past midnight', async () => {
    const text = edit(GOOD_KIT, '{ title: Retour, kind: retro, duration: 30 }', '{ title: Retour, kind: retro, start: "23:45", duration: 30 }');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line])).toEqual([['schedule/past-midnight', lineOf(text, 'Retour')]]);
  });

  it('reports a visit on or after the first day (visit-after-start)', async () => {
    const text = edit(GOOD_KIT, 'date: 2027-05-11', 'date: 2027-05-12');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line, d.column, d.path])).toEqual([
      ['schedule/visit-after-start', lineOf(text, 'visit:'), 20, '/sessions/0/visit/date'],
    ]);
    expect(found[0].message).toContain('e.g. date: 2027-05-11');
  });

  it('reports a follow-up on or before the last session day (follow-up-before-end)', async () => {
    const text = edit(GOOD_KIT, 'date: 2028-05-12', 'date: 2027-05-01');
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['schedule/follow-up-before-end', lineOf(text, 'date: 2027-05-01'), 9]]);
  });

  it('reports days out of order or the same date twice (day-order)', async () => {
    const day = (date: string) => `      - { date: ${date}, start: "09:00", slots: [] }\n`;
    const text = edit(GOOD_KIT, 'follow_up:', `  - id: s2
    title: Session 2
    host: pays-portuaire
    visit: { date: 2027-06-01, start: "16:00", duration: 2h }
    days:
${day('2027-06-03')}${day('2027-06-02')}${day('2027-06-04')}${day('2027-06-04')}follow_up:`);
    const found = await check(text);
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([
      ['schedule/day-order', lineOf(text, '2027-06-02'), 17],
      ['schedule/day-order', lineOf(text, '2027-06-04') + 1, 17],
    ]);
    expect(found[0].related?.[0].line).toBe(lineOf(text, '2027-06-03'));
  });
});
