import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { DOCUMENTS } from '../defaults.js';
import type { Kit } from '../kit/Kit.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { addDays } from './addDays.js';
import { calendarEntries, type CalendarEntry } from './calendarEntries.js';
import { escapeText, foldLine } from './calendarIcs.js';
import { builtinCalendarLabels, type CalendarLabels } from './calendarLabels.js';
import { CALENDAR_TIMEZONE, clockChangeWarnings, emptyCalendarWarning } from './calendarWarnings.js';
import type { DocumentSpec } from './DocumentSpec.js';

export { CALENDAR_TIMEZONE };

export interface CalendarOptions {
  /** Label lookup, normally the build's `renderer.translate` (kit overrides); built-in labels otherwise. */
  labels?: CalendarLabels;
  /** The kit as read, to place warnings at the YAML line of a time. */
  loaded?: LoadedKit;
  /** Language of the warnings (default: the kit's). */
  messageLang?: Lang;
}

export interface CalendarResult {
  /** The `programme.ics` file, UTF-8, CRLF line endings, lines folded at 75 octets. */
  content: Buffer;
  /** VEVENTs written: one per dated slot, one per dated visit, one for a dated follow-up. */
  events: number;
  /** Warnings: times a clock change makes skipped or repeated (`schedule/clock-change`), no event (`schedule/no-event`). */
  diagnostics: Diagnostic[];
}

/**
 * The kit's programme as an RFC 5545 calendar: local times with `TZID=Europe/Paris` and its
 * VTIMEZONE, stable UIDs so a re-import updates events instead of duplicating them, and no
 * build-time clock anywhere, so identical kits give identical bytes.
 */
export function buildCalendar(kit: Kit, opts: CalendarOptions = {}): CalendarResult {
  const labels = opts.labels ?? builtinCalendarLabels(kit.lang);
  const entries = calendarEntries(kit, labels);
  // DTSTAMP must be present and UTC; a constant tied to the programme keeps rebuilds identical.
  const first = entries.map((e) => e.date).sort()[0];
  const stamp = `${compactDate(first ?? '1970-01-01')}T000000Z`;
  const clock = new ParisClock();

  // The layout ical-generator 10 gave this file (see calendarIcs.ts for why capa now writes it).
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//capa//capa//${kit.lang.toUpperCase()}`];
  const name = escapeText(kit.title);
  if (name) lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`);
  if (kit.subtitle) lines.push(`X-WR-CALDESC:${escapeText(kit.subtitle)}`);
  // One VTIMEZONE for the zone of the timed events; none when every event is all-day. With no event at all it is
  // written anyway: RFC 5545 wants at least one component in a calendar, and the programme's zone is the one that fits.
  const vtimezone = entries.length === 0 || entries.some((e) => e.start !== undefined) ? getVtimezoneComponent(CALENDAR_TIMEZONE) : null;
  if (vtimezone) lines.push(...vtimezone.replace(/\r\n/g, '\n').trim().split('\n'));
  for (const entry of entries) {
    lines.push('BEGIN:VEVENT', `UID:${entry.uid}`, 'SEQUENCE:0', `DTSTAMP:${stamp}`);
    if (entry.start !== undefined) {
      const { start, end } = clock.times(entry.date, entry.start, entry.end);
      lines.push(`DTSTART;TZID=${CALENDAR_TIMEZONE}:${start}`);
      if (end !== undefined) lines.push(`DTEND;TZID=${CALENDAR_TIMEZONE}:${end}`);
    } else {
      // All-day: DTSTART;VALUE=DATE and an exclusive DTEND the next day (RFC 5545 §3.6.1).
      lines.push(
        `DTSTART;VALUE=DATE:${compactDate(entry.date)}`,
        `DTEND;VALUE=DATE:${compactDate(addDays(entry.date, 1))}`,
        'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
        'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE',
      );
    }
    lines.push(`SUMMARY:${escapeText(entry.summary)}`);
    if (entry.location) lines.push(`LOCATION:${escapeText(entry.location)}`);
    lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
    const categories = entry.categories.filter((c) => c !== '');
    if (categories.length > 0) lines.push(`CATEGORIES:${categories.map(escapeText).join(',')}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  const lang = opts.messageLang ?? kit.lang;
  const timed = entries.flatMap((e) => (e.start !== undefined && e.path ? [{ date: e.date, start: e.start, end: e.end, path: e.path }] : []));
  const diagnostics = clockChangeWarnings(timed, { loaded: opts.loaded, lang, isChangeDay: (day) => clock.changesClock(day) });
  if (entries.length === 0) diagnostics.push(emptyCalendarWarning(kit, { loaded: opts.loaded, lang }));
  // Every content line ends with CRLF (RFC 5545 §3.1), the last one too.
  return { content: Buffer.from(lines.map(foldLine).join('\r\n') + '\r\n', 'utf8'), events: entries.length, diagnostics };
}

/** The calendar in the build's document list: labels come from the build's renderer (kit overrides apply). */
export const calendarDocument: DocumentSpec = {
  name: 'calendar',
  file: DOCUMENTS.calendar,
  make: async ({ kit, renderer, loaded, messageLang, cache, assets }) => {
    const make = (k: object) => buildCalendar(k as Kit, { labels: renderer.translate, loaded, messageLang });
    // The watch: a calendar that would read the same of the kit (and the same labels) is the previous one.
    const cached = cache?.open('calendar', { settings: [messageLang], renderer, kitDir: loaded?.dir, assets });
    const { content, diagnostics, reused } = cached ? cached.made(kit, make) : { ...make(kit), reused: false };
    return { content, diagnostics, ...(reused ? { reused } : {}) };
  },
};

/**
 * Wall-clock times in Paris as iCalendar local times (`20270415T093000`), as the kit writes them and the PDFs
 * print them. Minutes past 1440 fall on the following days. A time the spring change skips or the autumn
 * change repeats is written as it is too: RFC 5545 §3.3.5 says how a calendar reads it, and
 * `schedule/clock-change` tells the user (calendarWarnings.ts).
 */
class ParisClock {
  /** Whether the UTC offset changes during a day, by ISO date. */
  private readonly changes = new Map<string, boolean>();

  times(date: string, start: number, end: number | undefined): { start: string; end?: string } {
    const startDay = addDays(date, Math.floor(start / 1440));
    const endDay = end === undefined ? startDay : addDays(date, Math.floor(end / 1440));
    return { start: localStamp(startDay, start), end: end === undefined ? undefined : localStamp(endDay, end) };
  }

  changesClock(day: string): boolean {
    let changes = this.changes.get(day);
    if (changes === undefined) {
      const midnight = DateTime.fromISO(day, { zone: CALENDAR_TIMEZONE });
      changes = midnight.offset !== midnight.plus({ days: 1 }).offset;
      this.changes.set(day, changes);
    }
    return changes;
  }
}

/** `minutes` (wrapped to the day) on `day`, as an iCalendar local date-time. */
function localStamp(day: string, minutes: number): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  const hh = String(Math.floor(wrapped / 60)).padStart(2, '0');
  const mm = String(wrapped % 60).padStart(2, '0');
  return `${compactDate(day)}T${hh}${mm}00`;
}

/** `2027-04-15` → `20270415`. */
function compactDate(date: string): string {
  return date.replaceAll('-', '');
}

export type { CalendarEntry };
