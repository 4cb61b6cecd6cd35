import type { Day, Kit, Session, Slot } from '../kit/Kit.js';
import type { DataPath } from '../kit/LoadedKit.js';
import type { CalendarLabels } from './calendarLabels.js';
import { compareText } from '../compareText.js';

/**
 * One event of `programme.ics`, before it meets the iCalendar library: plain data that the
 * tests can read and the library turns into a VEVENT.
 */
export interface CalendarEntry {
  /** Stable across builds and edits that do not touch this event's identity (see `entryUid`). */
  uid: string;
  summary: string;
  /** ISO date of the event (its start). */
  date: string;
  /** Minutes since midnight of `date`, local to Europe/Paris; absent for an all-day event. */
  start?: number;
  /** Minutes since midnight of `date` (past 1440 when it ends after midnight); absent when unknown. */
  end?: number;
  location?: string;
  description: string;
  categories: string[];
  /** Where the slot or visit was written (for warnings about its times). */
  path?: DataPath;
}

/**
 * Every event of the kit's calendar, in programme order: per session its visit, then each dated
 * day's slots in clock order; the follow-up last. Undated days, visits and follow-ups are left
 * out: a calendar cannot place them (the schema asks for dates, so a buildable kit has them).
 */
export function calendarEntries(kit: Kit, t: CalendarLabels): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const session of kit.sessions) {
    const visit = session.visit;
    if (visit?.date) {
      entries.push({
        uid: uid(kit, session.id, 'visit'),
        summary: visit.title ?? t('label.visit'),
        date: visit.date,
        // A visit with a date but no clock time is an all-day event, not a guess at its hours.
        start: visit.start,
        end: visit.start !== undefined && visit.end !== undefined && visit.end > visit.start ? visit.end : undefined,
        location: visit.place,
        description: lines([kit.title, field(kit, t('label.session'), session.title)]),
        categories: [t('slot-kind.visit')],
        path: visit.path,
      });
    }
    const days = session.days.filter((d): d is Day & { date: string } => d.date !== undefined);
    for (const day of [...days].sort((a, b) => compareText(a.date, b.date))) {
      const keys = slotKeys(day);
      for (const slot of day.slots) {
        entries.push({
          uid: uid(kit, session.id, `day-${day.index + 1}`, keys.get(slot) ?? `slot-${slot.index + 1}`),
          summary: slot.title,
          date: day.date,
          start: slot.start,
          end: slot.end > slot.start ? slot.end : undefined,
          location: join([slot.room, session.venue?.name, session.venue?.address]) ?? session.host?.name,
          description: slotDescription({ kit, session, slot, t }),
          categories: [t(`slot-kind.${slot.kind}`)],
          path: slot.path,
        });
      }
    }
  }
  if (kit.followUp?.date) {
    entries.push({
      uid: uid(kit, 'follow-up'),
      summary: kit.followUp.title ?? t('label.follow-up'),
      date: kit.followUp.date,
      location: kit.followUp.place,
      description: kit.title,
      categories: [t('label.follow-up')],
    });
  }
  return entries;
}

/**
 * The per-day identity of each slot. Index-based keys would make a re-import rename events
 * whenever a slot is inserted, so a workshop slot is known by its workshop (`workshop:lego`,
 * `workshop:lego#2` for a second run the same day) and any other slot by its kind and rank
 * among slots of that kind in the written list (`break-2` is the day's second break).
 * Days are numbered rather than dated so moving a session to other dates updates its events.
 */
function slotKeys(day: Day): Map<Slot, string> {
  const keys = new Map<Slot, string>();
  const seen = new Map<string, number>();
  const written = [...day.slots].sort((a, b) => a.index - b.index);
  for (const slot of written) {
    const base = slot.workshop ? `workshop:${slot.workshop.id}` : slot.kind;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keys.set(slot, slot.workshop ? (n === 1 ? base : `${base}#${n}`) : `${base}-${n}`);
  }
  return keys;
}

function uid(kit: Kit, ...parts: string[]): string {
  return `${[kit.id, ...parts].join('/')}@capa`;
}

function slotDescription(o: { kit: Kit; session: Session; slot: Slot; t: CalendarLabels }): string {
  const { kit, session, slot, t } = o;
  const workshop = slot.workshop;
  const out: Array<string | undefined> = [
    kit.title,
    field(kit, t('label.session'), session.title),
    slot.facilitators.length > 0 ? field(kit, t('label.facilitation'), slot.facilitators.map((p) => p.name).join(', ')) : undefined,
    // The summary is the slot's own title when it has one: keep the workshop it runs findable.
    workshop && workshop.title !== slot.title ? field(kit, t('slot-kind.workshop'), workshop.title) : undefined,
    workshop?.format ? field(kit, t('label.format'), workshop.format) : undefined,
  ];
  if (workshop && workshop.challenges.length > 0) {
    out.push(heading(kit, t('label.challenges')));
    for (const c of workshop.challenges) out.push(`- ${t('label.challenge-n', { number: c.number })} — ${c.title}`);
  }
  if (workshop && workshop.objectives.length > 0) {
    out.push(heading(kit, t('label.objectives')));
    for (const o of workshop.objectives) out.push(`- ${o}`);
  }
  if (slot.notes) out.push('', slot.notes.trim());
  return lines(out);
}

/** `Label : value` with the French non-breaking space before the colon, `Label: value` in English. */
function field(kit: Kit, label: string, value: string): string {
  return `${heading(kit, label)} ${value}`;
}

function heading(kit: Kit, label: string): string {
  return kit.lang === 'fr' ? `${label}\u00A0:` : `${label}:`;
}

function lines(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined).join('\n');
}

function join(parts: Array<string | undefined>): string | undefined {
  const kept = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join(', ') : undefined;
}
