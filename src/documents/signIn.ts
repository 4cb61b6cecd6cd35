import type { Day, Kit, Person, Session } from '../kit/Kit.js';
import type { DocumentContext } from './DocumentSpec.js';
import { compareText } from '../compareText.js';

/**
 * What the sign-in template (`templates/sign-in/main.hbs`) receives as `doc`: one sheet per day of
 * every session, its attendees (`day.participants`) grouped by organisation and sorted by name in the
 * kit's language, and blank rows for people who come without being listed.
 */
export interface SignInData {
  sheets: SignInSheet[];
}

export interface SignInSheet {
  day: Day;
  session: Session;
  /** 1-based position of the day in its session. */
  position: number;
  multiDay: boolean;
  /** Organisations (or territories) in name order, each with its people in name order. */
  groups: SignInGroup[];
  /** How many people are listed. */
  count: number;
  /** The signature columns the day needs, from its slots: `morning`, `afternoon` or both. */
  signatures: HalfDay[];
  /** How many columns the table has: name, position, then one per signature. */
  columns: number;
  /** Blank rows for walk-ins: `@index` only, the template draws empty cells. */
  blanks: number[];
}

export interface SignInGroup {
  /** `affiliationName`: the organisation's or territory's name. */
  name: string;
  people: Person[];
}

export type HalfDay = 'morning' | 'afternoon';

/** A day signs in the morning when it starts before noon, in the afternoon when it ends after 2 pm (lunch lies between). */
const NOON = 12 * 60;
const AFTER_LUNCH = 14 * 60;

/** The half-days a day's slots cover; a day without slots (times still to be set) keeps both. */
export function halfDays(day: Day): HalfDay[] {
  if (!day.slots.length || day.firstStart === undefined || day.lastEnd === undefined) return ['morning', 'afternoon'];
  const out: HalfDay[] = [];
  if (day.firstStart < NOON) out.push('morning');
  if (day.lastEnd > AFTER_LUNCH) out.push('afternoon');
  // A day held over lunch only (12:00 – 14:00) still needs one signature.
  return out.length ? out : [day.firstStart < AFTER_LUNCH ? 'morning' : 'afternoon'];
}

/** Blank rows at the end of each sheet, for people who come without being listed. */
export const WALK_IN_ROWS = 5;

/** People grouped by affiliation; groups and people sorted by name with the kit language's collation. */
export function groupByAffiliation(people: Person[], lang: string): SignInGroup[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  // Ties (same name) keep a fixed order by id, so rebuilds stay byte-identical.
  const byName = (a: Person, b: Person) => collator.compare(a.name, b.name) || compareText(a.id, b.id);
  const groups = new Map<string, Person[]>();
  for (const p of people) {
    const list = groups.get(p.affiliationName) ?? [];
    list.push(p);
    groups.set(p.affiliationName, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b) || compareText(a, b))
    .map(([name, list]) => ({ name, people: [...list].sort(byName) }));
}

/** Shape the kit for the sign-in template. */
export function signInModel(kit: Kit): SignInData {
  const sheets = kit.sessions.flatMap((session) =>
    session.days.map((day) => ({
      day,
      session,
      position: day.index + 1,
      multiDay: session.days.length > 1,
      groups: groupByAffiliation(day.participants, kit.lang),
      count: day.participants.length,
      signatures: halfDays(day),
      columns: 2 + halfDays(day).length,
      blanks: Array.from({ length: WALK_IN_ROWS }, (_, i) => i),
    })),
  );
  return { sheets };
}

/** The sign-in sheets' `data` hook for `pdfDocument`. */
export function signInData(ctx: DocumentContext): SignInData {
  return signInModel(ctx.kit);
}
