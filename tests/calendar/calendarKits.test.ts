import { describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { buildCalendar, calendarDocument } from '../../src/documents/calendar.js';
import type { Kit } from '../../src/kit/Kit.js';
import { createRenderer } from '../../src/render/createRenderer.js';
import { tempKit, yaml } from '../helpers/tempKit.js';
import { readIcs } from './readIcs.js';

/** A small English kit: no visit, no follow-up, a workshop run twice on a DST-change day, a slot past midnight. */
function miniKit(o: { firstDate?: string; secondDate?: string; extraBreak?: boolean } = {}): string {
  const firstDaySlots = [
    ...(o.extraBreak ? ['{ title: Coffee, kind: break, duration: 15 }'] : []),
    '{ workshop: lego, room: A }',
    '{ title: Break, kind: break, duration: 15 }',
    '{ workshop: lego, title: "Lego, second round", room: B }',
  ]
    .map((slot, i) => `${i === 0 ? '' : ' '.repeat(14)}- ${slot}`)
    .join('\n');
  return yaml`
    capa: 1
    kit:
      id: mini
      title: "Lego; data, committee"
      lang: en
    territories:
      - id: pays
        name: Pays Portuaire
        kind: port
        population: 120000
        elected: marie
        project_lead: paul
    organisations:
      - id: acme
        name: Acme
        type: company
    people:
      - { id: marie, name: Marie Dupont, organisation: pays, role: elected }
      - { id: paul, name: Paul Martin, organisation: pays, role: project-lead }
      - { id: claire, name: Claire Bernard, organisation: acme, role: facilitator }
    use_cases:
      - { id: port, territory: pays, title: Port access, end_users: [drivers] }
    workshops:
      - id: lego
        title: Lego data committee
        facilitators: [claire]
        objectives: [Sketch the committee]
        steps:
          - { title: Brief, duration: 10 }
          - { title: Build, duration: 1h }
    sessions:
      - id: s1
        title: Session one
        host: pays
        venue: { name: Town hall }
        days:
          - date: ${o.firstDate ?? '2027-03-28'}
            start: "09:00"
            slots:
              ${firstDaySlots}
          - date: ${o.secondDate ?? '2027-01-12'}
            start: "23:30"
            slots:
              - { title: Late talk, kind: plenary, duration: 60 }
  `;
}

async function kitOf(dir: string): Promise<Kit> {
  const { kit, diagnostics } = await checkKit({ dir });
  if (!kit) throw new Error(`kit did not resolve: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return kit;
}

describe('buildCalendar on a small kit', () => {
  it('has only slot events when there is no visit and no follow-up', async () => {
    const kit = await kitOf(tempKit({ 'capa.yaml': miniKit() }));
    const { content, events } = buildCalendar(kit);
    const ics = readIcs(content);
    expect(events).toBe(4);
    expect(ics.events.map((e) => e.summary)).toEqual(['Late talk', 'Lego data committee', 'Break', 'Lego, second round']);
    expect(ics.events.map((e) => e.uid)).toEqual([
      'mini/s1/day-2/plenary-1@capa',
      'mini/s1/day-1/workshop:lego@capa',
      'mini/s1/day-1/break-1@capa',
      'mini/s1/day-1/workshop:lego#2@capa',
    ]);
  });

  it('keeps 09:00 at 09:00 on the day clocks change, and runs a slot past midnight into the next day', async () => {
    const ics = readIcs(buildCalendar(await kitOf(tempKit({ 'capa.yaml': miniKit() }))).content);
    const [late, lego, pause, lego2] = ics.events;
    // 28 March 2027: Paris moves to UTC+2 at 02:00, so 09:00 local is 07:00 UTC.
    expect(lego).toMatchObject({ tzid: 'Europe/Paris', start: '2027-03-28T09:00:00', end: '2027-03-28T10:10:00', startUtc: '2027-03-28T07:00:00Z' });
    expect(pause).toMatchObject({ start: '2027-03-28T10:10:00', end: '2027-03-28T10:25:00' });
    expect(lego2).toMatchObject({ start: '2027-03-28T10:25:00', end: '2027-03-28T11:35:00' });
    // January is winter time (UTC+1).
    expect(late).toMatchObject({
      start: '2027-01-12T23:30:00',
      end: '2027-01-13T00:30:00',
      startUtc: '2027-01-12T22:30:00Z',
      endUtc: '2027-01-12T23:30:00Z',
    });
  });

  it('writes the kit language in PRODID and labels, and escapes commas and semicolons in every text', async () => {
    const { content } = buildCalendar(await kitOf(tempKit({ 'capa.yaml': miniKit() })));
    const text = content.toString('utf8');
    expect(text).toContain('\r\nX-WR-CALNAME:Lego\\; data\\, committee\r\n');
    const ics = readIcs(content);
    expect(ics.prodId).toBe('-//capa//capa//EN');
    expect(ics.name).toBe('Lego; data, committee');
    const lego = ics.events[1];
    expect(lego.location).toBe('A, Town hall');
    expect(lego.categories).toEqual(['Workshop']);
    expect(lego.description?.split('\n')).toEqual([
      'Lego; data, committee',
      'Session: Session one',
      'Facilitation: Claire Bernard',
      'Objectives:',
      '- Sketch the committee',
    ]);
    expect(ics.events[0].location).toBe('Town hall');
    // A slot titled on its own still says which workshop it runs.
    expect(ics.events[3].summary).toBe('Lego, second round');
    expect(ics.events[3].description).toContain('\nWorkshop: Lego data committee\n');
    expect(lego.description).not.toContain('Workshop:');
  });

  it('keeps workshop UIDs when a slot is inserted before them or the session moves to other dates', async () => {
    const before = readIcs(buildCalendar(await kitOf(tempKit({ 'capa.yaml': miniKit() }))).content).events;
    const after = readIcs(
      buildCalendar(await kitOf(tempKit({ 'capa.yaml': miniKit({ extraBreak: true, firstDate: '2027-04-04', secondDate: '2027-01-19' }) }))).content,
    ).events;
    const uidOf = (events: typeof before, start: string) => events.find((e) => e.start.endsWith(start))?.uid;
    expect(after).toHaveLength(5);
    expect(new Set(after.map((e) => e.uid)).size).toBe(5);
    const legoUids = (events: typeof before) => events.filter((e) => e.summary.startsWith('Lego')).map((e) => e.uid);
    expect(legoUids(before)).toEqual(['mini/s1/day-1/workshop:lego@capa', 'mini/s1/day-1/workshop:lego#2@capa']);
    expect(legoUids(after)).toEqual(legoUids(before));
    expect(uidOf(after, '23:30:00')).toBe(uidOf(before, '23:30:00'));
  });

  it('takes its words from the build\'s labels, so a kit\'s i18n override reaches the calendar', async () => {
    const dir = tempKit({
      'capa.yaml': miniKit(),
      'templates/i18n/en.yaml': 'slot-kind:\n  workshop: Hands-on session\n',
    });
    const kit = await kitOf(dir);
    const renderer = createRenderer({ kitDir: dir, lang: kit.lang });
    const ics = readIcs(buildCalendar(kit, { labels: renderer.translate }).content);
    expect(ics.events[1].categories).toEqual(['Hands-on session']);
    expect(ics.events[2].categories).toEqual(['Break']);
  });

  it('makes a visit without clock time an all-day event and leaves out what has no date', async () => {
    const kit = await kitOf(tempKit({ 'capa.yaml': miniKit() }));
    const session = kit.sessions.find((s) => s.id === 's1')!;
    // The schema asks for a visit's start; a model built from a partial kit may still lack it.
    session.visit = { path: ['sessions', 0, 'visit'], date: '2027-01-11', title: 'Port tour' };
    kit.followUp = { path: ['follow_up'], title: 'One year on' };
    const ics = readIcs(buildCalendar(kit).content);
    expect(ics.events).toHaveLength(5);
    expect(ics.events[0]).toMatchObject({ uid: 'mini/s1/visit@capa', summary: 'Port tour', allDay: true, start: '2027-01-11', end: '2027-01-12' });
    expect(ics.events.some((e) => e.uid.includes('follow-up'))).toBe(false);
    // The earliest date of the calendar dates every DTSTAMP.
    expect(ics.events.every((e) => e.stamp === '2027-01-11T00:00:00Z')).toBe(true);
  });
});

describe('calendarDocument', () => {
  it('makes programme.ics for the build with the renderer\'s labels', async () => {
    const dir = tempKit({ 'capa.yaml': miniKit(), 'templates/i18n/en.yaml': 'slot-kind:\n  break: Breather\n' });
    const kit = await kitOf(dir);
    const renderer = createRenderer({ kitDir: dir, lang: kit.lang });
    const out = await calendarDocument.make({ kit, renderer, messageLang: 'fr', assets: () => undefined });
    expect(calendarDocument.name).toBe('calendar');
    expect(calendarDocument.file).toBe('programme.ics');
    expect(out.diagnostics).toEqual([]);
    expect(out.content?.equals(buildCalendar(kit, { labels: renderer.translate }).content)).toBe(true);
    expect(readIcs(out.content!).events[2].categories).toEqual(['Breather']);
  });
});
