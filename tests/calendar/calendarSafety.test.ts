import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { checkKit } from '../../src/check/validateKit.js';
import { buildCalendar } from '../../src/documents/calendar.js';
import { parisOccurrences } from '../../src/documents/calendarWarnings.js';
import { tempKit, yaml } from '../helpers/tempKit.js';
import { readIcs } from './readIcs.js';

/** RFC 5545's CONTROL (minus tab, which TSAFE-CHAR allows), and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

/** A one-day kit; `slots` are YAML flow mappings, one per line. */
function dayKit(o: { title?: string; date?: string; slots?: string[]; sessions?: boolean; lang?: string }): string {
  const slots = (o.slots ?? ['{ title: Talk, kind: plenary, start: "09:00", duration: 60, room: A }']).map((s, i) => `${i === 0 ? '' : ' '.repeat(14)}- ${s}`).join('\n');
  const programme =
    o.sessions === false
      ? ''
      : yaml`
    sessions:
      - id: s1
        title: Session one
        host: pays
        days:
          - date: ${o.date ?? '2027-05-12'}
            start: "00:00"
            slots:
              ${slots}
  `;
  return (
    yaml`
    capa: 1
    kit:
      id: mini
      title: ${o.title ?? 'Mini'}
      lang: ${o.lang ?? 'en'}
    territories:
      - { id: pays, name: Pays Portuaire, kind: port, population: 120000 }
  ` + programme
  );
}

async function calendarOf(capaYaml: string, messageLang: 'fr' | 'en' = 'en') {
  const dir = tempKit({ 'capa.yaml': capaYaml });
  const { kit, loaded, diagnostics } = await checkKit({ dir });
  if (!kit) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return { dir, ...buildCalendar(kit, { loaded, messageLang }) };
}

describe('control characters never reach programme.ics', () => {
  it('leaves BEL, ESC, NUL-like and C1 controls out of every text property', async () => {
    const nasty = '"Lego\\a \\e[2Jcommittee\\x7f\\x85 \\x1b]0;PWNED\\x07"';
    const { content } = await calendarOf(
      dayKit({ title: nasty, slots: [`{ title: ${nasty}, kind: plenary, start: "09:00", duration: 60, room: ${nasty}, notes: ${nasty} }`] }),
    );
    const text = content.toString('utf8');
    // Outside the CRLF line ends (and the folding they carry), not one control character.
    expect(text.replace(/\r\n /g, '').replace(/\r\n/g, '')).not.toMatch(CONTROL);
    const ics = readIcs(content);
    expect(ics.name).toBe('Lego [2Jcommittee ]0;PWNED');
    expect(ics.events[0]).toMatchObject({ summary: 'Lego [2Jcommittee ]0;PWNED' });
    expect(ics.events[0]!.location).toContain('Lego [2Jcommittee ]0;PWNED');
    expect(ics.events[0]!.description).toContain('Lego [2Jcommittee ]0;PWNED');
  });

  it('keeps tabs, which RFC 5545 allows', async () => {
    const { content } = await calendarOf(dayKit({ slots: ['{ title: "a\\tb", kind: plenary, start: "09:00", duration: 60 }'] }));
    expect(readIcs(content).events[0]!.summary).toBe('a\tb');
  });
});

describe('every programme.ics is a valid calendar', () => {
  it('ends its last line with CRLF', async () => {
    const { content } = await calendarOf(dayKit({}));
    expect(content.toString('utf8').endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('a kit with no event: the Paris VTIMEZONE as its one component, a located warning, still written', async () => {
    const { content, events, diagnostics } = await calendarOf(dayKit({ sessions: false }));
    expect(events).toBe(0);
    const root = new ICAL.Component(ICAL.parse(content.toString()));
    expect(root.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone']);
    expect(root.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    expect(content.toString('utf8').endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'schedule/no-event',
        message:
          'The calendar programme.ics holds no event: no day, visit or meeting has a date. The file is written anyway (with only the Paris time zone), so it can still be imported.',
        file: 'capa.yaml',
        line: 1,
        column: 1,
      },
    ]);
  });

  it('the empty calendar through the real build: written, exit status ok, the warning in the result', async () => {
    const dir = tempKit({ 'capa.yaml': dayKit({ sessions: false }) });
    const result = await build({ dir, only: ['calendar'], to: 'memory', lang: 'fr' });
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => f.file)).toContain('programme.ics');
    expect(result.diagnostics.filter((d) => d.code === 'schedule/no-event')).toHaveLength(1);
  });
});

describe('clock changes in Paris', () => {
  it('knows which wall-clock minutes do not exist or happen twice', () => {
    expect(parisOccurrences('2027-03-28', 119)).toBe(1); // 01:59
    expect(parisOccurrences('2027-03-28', 120)).toBe(0); // 02:00 skipped
    expect(parisOccurrences('2027-03-28', 179)).toBe(0); // 02:59 skipped
    expect(parisOccurrences('2027-03-28', 180)).toBe(1); // 03:00
    expect(parisOccurrences('2027-10-31', 150)).toBe(2); // 02:30 twice
    expect(parisOccurrences('2027-10-31', 180)).toBe(1);
    // A minute past midnight of the day before: 1560 = 26:00, i.e. 02:00 on the change day.
    expect(parisOccurrences('2027-03-27', 1560)).toBe(0);
  });

  it('a 02:00–04:00 workshop on the spring change day: the written times in the .ics, a warning at the slot', async () => {
    const capa = dayKit({ date: '2027-03-28', slots: ['{ title: Night owls, kind: plenary, start: "02:00", end: "04:00", room: A }'] });
    const { content, diagnostics } = await calendarOf(capa);
    const [event] = readIcs(content).events;
    // As the kit and the PDFs write it; RFC 5545 §3.3.5 reads the skipped 02:00 with the offset before the gap.
    expect(event).toMatchObject({ tzid: 'Europe/Paris', start: '2027-03-28T02:00:00', end: '2027-03-28T04:00:00', endUtc: '2027-03-28T02:00:00Z' });
    expect(content.toString('utf8')).toContain('\r\nDTSTART;TZID=Europe/Paris:20270328T020000\r\n');
    const line = capa.split('\n').findIndex((l) => l.includes('Night owls')) + 1;
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'schedule/clock-change',
        message:
          'On 2027-03-28, 02:00 does not exist in Paris: that day clocks go from 02:00 to 03:00 (summer time). Documents print the time as written, but a calendar app reads it as 03:00; move this slot.',
        file: 'capa.yaml',
        line,
        column: expect.any(Number),
        path: '/sessions/0/days/0/slots/0/start',
      },
    ]);
    expect(capa.split('\n')[line - 1]!.slice(diagnostics[0]!.column! - 1)).toMatch(/^"02:00"/);
  });

  it('a slot at 02:30 on the autumn change day is warned about in French too; other days are not', async () => {
    const autumn = await calendarOf(dayKit({ date: '2027-10-31', slots: ['{ title: Late, kind: plenary, start: "02:30", duration: 20 }'] }), 'fr');
    expect(autumn.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'schedule/clock-change',
        'Le 2027-10-31, l’heure 2\u00A0h\u00A030 existe deux fois à Paris : ce jour-là, les horloges reviennent de 3 h à 2 h (heure d’hiver). Un agenda retient la première ; précisez l’horaire ou déplacez ce créneau.',
      ],
    ]);
    const ordinary = await calendarOf(dayKit({ date: '2027-10-30', slots: ['{ title: Late, kind: plenary, start: "02:30", duration: 20 }'] }));
    expect(ordinary.diagnostics).toEqual([]);
  });
});
