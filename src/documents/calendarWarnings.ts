import { DateTime } from 'luxon';
import type { Kit } from '../kit/Kit.js';
import type { DataPath, LoadedKit } from '../kit/LoadedKit.js';
import { toPointer } from '../kit/LoadedKit.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, type Lang } from '../report/messages.js';
import { addDays } from './addDays.js';

/** Every time in the programme is a French wall-clock time. */
export const CALENDAR_TIMEZONE = 'Europe/Paris';

const message = defineMessages({
  fr: {
    skipped: (p) =>
      `Le ${p.date}, l’heure ${p.time} n’existe pas à Paris : ce jour-là, les horloges passent de 2 h à 3 h (heure d’été). Les documents impriment l’heure écrite, mais un agenda la lira comme ${p.read} ; déplacez ce créneau.`,
    repeated: (p) =>
      `Le ${p.date}, l’heure ${p.time} existe deux fois à Paris : ce jour-là, les horloges reviennent de 3 h à 2 h (heure d’hiver). Un agenda retient la première ; précisez l’horaire ou déplacez ce créneau.`,
    empty: 'Le calendrier programme.ics ne contient aucun événement : aucune journée, visite ou rencontre n’est datée. Le fichier est écrit quand même (avec le seul fuseau horaire de Paris), pour rester importable.',
  },
  en: {
    skipped: (p) =>
      `On ${p.date}, ${p.time} does not exist in Paris: that day clocks go from 02:00 to 03:00 (summer time). Documents print the time as written, but a calendar app reads it as ${p.read}; move this slot.`,
    repeated: (p) =>
      `On ${p.date}, ${p.time} happens twice in Paris: that day clocks go back from 03:00 to 02:00 (winter time). A calendar app takes the first one; make the time clear or move this slot.`,
    empty: 'The calendar programme.ics holds no event: no day, visit or meeting has a date. The file is written anyway (with only the Paris time zone), so it can still be imported.',
  },
});

/** A timed event of the calendar, with where its start and end were written. */
export interface TimedPlace {
  date: string;
  start: number;
  end?: number;
  /** Where the slot or visit is in the kit data (`start`/`end` are looked up under it). */
  path: DataPath;
}

/** How a wall-clock minute of a day exists in Paris: once, not at all (spring gap) or twice (autumn). */
export function parisOccurrences(date: string, minutes: number): 0 | 1 | 2 {
  const day = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: Math.floor(minutes / 1440) });
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  const local = day.set({ hour: Math.floor(wrapped / 60), minute: wrapped % 60 }).toMillis();
  // The wall clock read as UTC, minus each offset Paris can have: a real instant only where the zone agrees.
  let n = 0;
  for (const offset of [60, 120]) {
    if (DateTime.fromMillis(local - offset * 60_000, { zone: CALENDAR_TIMEZONE }).offset === offset) n++;
  }
  return n as 0 | 1 | 2;
}

function clockText(lang: Lang, minutes: number): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  const h = Math.floor(wrapped / 60);
  const m = String(wrapped % 60).padStart(2, '0');
  if (lang === 'en') return `${String(h).padStart(2, '0')}:${m}`;
  return m === '00' ? `${h}\u00A0h` : `${h}\u00A0h\u00A0${m}`;
}

/**
 * `schedule/clock-change` warnings: a start or end at a time Paris skips (the spring change, last Sunday of
 * March) or lives twice (last Sunday of October), located at that time in the YAML. The PDFs print the time
 * as written and `programme.ics` writes it as written too (RFC 5545 §3.3.5 then defines it: a skipped time is
 * read with the offset before the gap, a repeated one as its first occurrence), so both carry the same times
 * and the warning says what a calendar app will show.
 */
export function clockChangeWarnings(places: TimedPlace[], opts: { loaded?: LoadedKit; lang: Lang; isChangeDay: (date: string) => boolean }): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of places) {
    for (const [key, minutes] of [['start', p.start], ['end', p.end]] as const) {
      if (minutes === undefined) continue;
      const day = addDays(p.date, Math.floor(minutes / 1440));
      if (!opts.isChangeDay(day)) continue;
      const n = parisOccurrences(p.date, minutes);
      if (n === 1) continue;
      const at = opts.loaded?.locate([...p.path, key]);
      // One warning per slot: its first time that the change touches (the next slot's start is its own).
      out.push({
        severity: 'warning',
        code: 'schedule/clock-change',
        message:
          n === 0
            ? message(opts.lang, 'skipped', { date: day, time: clockText(opts.lang, minutes), read: clockText(opts.lang, minutes + 60) })
            : message(opts.lang, 'repeated', { date: day, time: clockText(opts.lang, minutes) }),
        ...(at ? { file: at.file, line: at.line, column: at.column } : {}),
        path: toPointer([...p.path, key]),
      });
      break;
    }
  }
  return out;
}

/** `schedule/no-event`: the warning for a calendar with no event, located at the programme (`sessions`) when there is one. */
export function emptyCalendarWarning(kit: Kit, opts: { loaded?: LoadedKit; lang: Lang }): Diagnostic {
  const path: DataPath = kit.sessions.length > 0 ? ['sessions'] : [];
  const at = opts.loaded?.locate(path);
  return {
    severity: 'warning',
    code: 'schedule/no-event',
    message: message(opts.lang, 'empty'),
    ...(at ? { file: at.file, line: at.line, column: at.column } : {}),
    ...(path.length ? { path: toPointer(path) } : {}),
  };
}
