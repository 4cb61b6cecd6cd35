import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { escape } from 'ical-generator';
import { DateTime } from 'luxon';
import { DOCUMENTS } from '../defaults.js';
import type { Kit } from '../kit/Kit.js';
import { calendarEntries, type CalendarEntry } from './calendarEntries.js';
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
  const stamp = DateTime.fromISO(`${first ?? '1970-01-01'}T00:00:00`, { zone: 'utc' });

  const calendar = ical({
    prodId: { company: 'capa', product: 'capa', language: kit.lang.toUpperCase() },
    // ical-generator writes NAME and X-WR-CALDESC as given: escape them like every other text value.
    name: escape(kit.title, false),
    description: kit.subtitle ? escape(kit.subtitle, false) : null,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP as local time without
    // `Z`. The generator alone makes it emit one VTIMEZONE per zone the events use.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const entry of entries) {
    const timed = entry.start !== undefined;
    calendar.createEvent({
      id: entry.uid,
      stamp,
      summary: entry.summary,
      location: entry.location ?? null,
      description: entry.description,
      categories: entry.categories.map((name) => ({ name })),
      ...(timed
        ? {
            timezone: CALENDAR_TIMEZONE,
            start: localTime(entry.date, entry.start ?? 0),
            end: entry.end !== undefined ? localTime(entry.date, entry.end) : null,
          }
        : {
            // All-day: DTSTART;VALUE=DATE and an exclusive DTEND the next day (RFC 5545 §3.6.1).
            allDay: true,
            start: DateTime.fromISO(entry.date, { zone: 'utc' }),
            end: DateTime.fromISO(entry.date, { zone: 'utc' }).plus({ days: 1 }),
          }),
    });
  }
  return { content: Buffer.from(calendar.toString(), 'utf8'), events: entries.length };
}

/** The calendar in the build's document list: labels come from the build's renderer (kit overrides apply). */
export const calendarDocument: DocumentSpec = {
  name: 'calendar',
  file: DOCUMENTS.calendar,
  make: async ({ kit, renderer }) => ({ content: buildCalendar(kit, { labels: renderer.translate }).content, diagnostics: [] }),
};

/**
 * A wall-clock time in Paris. Luxon rather than `Date`: ical-generator reads a `Date`'s hours in
 * the machine's own zone, which would make the file depend on where it is built. Days are added
 * as calendar days and the clock set afterwards, so a DST change never shifts 09:00.
 */
function localTime(date: string, minutes: number): DateTime {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return DateTime.fromISO(date, { zone: CALENDAR_TIMEZONE })
    .plus({ days: Math.floor(minutes / 1440) })
    .set({ hour: Math.floor(wrapped / 60), minute: wrapped % 60, second: 0, millisecond: 0 });
}

export type { CalendarEntry };
