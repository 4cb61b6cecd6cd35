import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { DOCUMENTS } from '../defaults.js';
import type { Kit } from '../kit/Kit.js';
import { calendarEntries, type CalendarEntry } from './calendarEntries.js';
import { escapeText, foldLine } from './calendarIcs.js';
import { builtinCalendarLabels, type CalendarLabels } from './calendarLabels.js';
import type { DocumentSpec } from './DocumentSpec.js';

/** Every time in the programme is a French wall-clock time. */
export const CALENDAR_TIMEZONE = 'Europe/Paris';

export interface CalendarOptions {
  /** Label lookup, normally the build's `renderer.translate` (kit overrides); built-in labels otherwise. */
  labels?: CalendarLabels;
}

export interface CalendarResult {
  /** The `programme.ics` file, UTF-8, CRLF line endings, lines folded at 75 octets. */
  content: Buffer;
  /** VEVENTs written: one per dated slot, one per dated visit, one for a dated follow-up. */
  events: number;
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
  // One VTIMEZONE for the zone of the timed events; none when every event is all-day.
  const vtimezone = entries.some((e) => e.start !== undefined) ? getVtimezoneComponent(CALENDAR_TIMEZONE) : null;
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
  return { content: Buffer.from(lines.map(foldLine).join('\r\n'), 'utf8'), events: entries.length };
}

/** The calendar in the build's document list: labels come from the build's renderer (kit overrides apply). */
export const calendarDocument: DocumentSpec = {
  name: 'calendar',
  file: DOCUMENTS.calendar,
  make: async ({ kit, renderer }) => ({ content: buildCalendar(kit, { labels: renderer.translate }).content, diagnostics: [] }),
};

/**
 * Wall-clock times in Paris as iCalendar local times (`20270415T093000`). Minutes past 1440 fall on
 * the following days. On most days that is plain arithmetic; on a day the clock changes, a time
 * in the skipped hour does not exist, so those days go through Luxon, which moves such a time
 * forward as capa always did (and start and end are swapped if that puts the end first).
 */
class ParisClock {
  /** Whether the UTC offset changes during a day, by ISO date. */
  private readonly changes = new Map<string, boolean>();

  times(date: string, start: number, end: number | undefined): { start: string; end?: string } {
    const startDay = addDays(date, Math.floor(start / 1440));
    const endDay = end === undefined ? startDay : addDays(date, Math.floor(end / 1440));
    if (!this.changesClock(startDay) && !this.changesClock(endDay)) {
      return { start: localStamp(startDay, start), end: end === undefined ? undefined : localStamp(endDay, end) };
    }
    const from = luxonTime(date, start);
    const to = end === undefined ? undefined : luxonTime(date, end);
    const [a, b] = to !== undefined && from.toMillis() > to.toMillis() ? [to, from] : [from, to];
    return { start: a.toFormat("yyyyLLdd'T'HHmmss"), end: b?.toFormat("yyyyLLdd'T'HHmmss") };
  }

  private changesClock(day: string): boolean {
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

/**
 * A wall-clock time in Paris through Luxon, not `Date`, whose hours are those of the machine's own
 * zone. Days are added as calendar days and the clock set afterwards, so a DST change never shifts 09:00.
 */
function luxonTime(date: string, minutes: number): DateTime {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return DateTime.fromISO(date, { zone: CALENDAR_TIMEZONE })
    .plus({ days: Math.floor(minutes / 1440) })
    .set({ hour: Math.floor(wrapped / 60), minute: wrapped % 60, second: 0, millisecond: 0 });
}

/** An ISO date `days` calendar days later, computed in UTC so the machine's zone never matters. */
function addDays(date: string, days: number): string {
  if (days === 0) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `2027-04-15` → `20270415`. */
function compactDate(date: string): string {
  return date.replaceAll('-', '');
}

export type { CalendarEntry };
