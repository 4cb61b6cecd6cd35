import type { Lang } from '../report/messages.js';

/**
 * Locale formatting for documents: clock times, dates, durations, numbers, lists.
 * Pure functions (no Handlebars), so documents code and the calendar writer can use them too.
 * Dates are ISO `YYYY-MM-DD` read and formatted in UTC, so the machine's timezone never matters.
 */

/** NO-BREAK SPACE: keeps `9 h 30`, `1 h 30`, `10 mars` on one line (a normal-width space). */
export const NBSP = '\u00A0';
/** NARROW NO-BREAK SPACE: French thousands separator (`120 000`), as ICU gives it. */
export const NNBSP = '\u202F';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A formatting input that is not what the model promises (caught by the helpers, reported with file and line). */
export class FormatError extends Error {
  constructor(
    readonly expected: FormatKind,
    readonly value: unknown,
  ) {
    super(`expected ${expected}, got ${describeValue(value)}`);
  }
}

/** What a formatter expected, named in the (translated) diagnostic. */
export type FormatKind = 'time' | 'duration' | 'date' | 'number' | 'list' | 'dateFormat';

/** A short, printable rendering of a value for messages. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Minutes since midnight from a number (`570`) or a `HH:MM` string (`"09:30"`). */
export function toMinutes(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
    if (m && Number(m[2]) < 60) return Number(m[1]) * 60 + Number(m[2]);
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
  }
  throw new FormatError('time', value);
}

export type TimeStyle = '24h' | '12h';

/**
 * A clock time. French: `9 h 30`, `14 h` (no-break spaces). English: `09:30` by default
 * (24-hour, aligns in tables), `9:30 am` with style `12h`. Times past midnight wrap.
 */
export function formatTime(lang: Lang, value: unknown, style: TimeStyle = '24h'): string {
  const total = toMinutes(value) % 1440;
  const h = Math.floor(total / 60);
  const m = total % 60;
  const mm = String(m).padStart(2, '0');
  if (lang === 'fr') return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${mm}`;
  if (style === '12h') {
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return `${h12}:${mm}${NBSP}${h < 12 ? 'am' : 'pm'}`;
  }
  return `${String(h).padStart(2, '0')}:${mm}`;
}

/** `9 h 30 – 11 h` / `09:30–11:00`: the dash may break after it, never before. */
export function formatTimeRange(lang: Lang, start: unknown, end: unknown, style: TimeStyle = '24h'): string {
  const a = formatTime(lang, start, style);
  const b = formatTime(lang, end, style);
  return lang === 'fr' || style === '12h' ? `${a}${NBSP}– ${b}` : `${a}–${b}`;
}

/** A duration in minutes: French `1 h 30`, `45 min`, `2 h`; English `1 h 30 min`, `45 min`, `2 h`. */
export function formatDuration(lang: Lang, value: unknown): string {
  const total = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
    throw new FormatError('duration', value);
  }
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}${NBSP}min`;
  if (m === 0) return `${h}${NBSP}h`;
  const mm = String(m).padStart(2, '0');
  return lang === 'fr' ? `${h}${NBSP}h${NBSP}${mm}` : `${h}${NBSP}h${NBSP}${mm}${NBSP}min`;
}

/**
 * A licence as people read it: Creative Commons SPDX identifiers become their short names (`CC-BY-NC-4.0` →
 * `CC BY-NC 4.0`, `CC0-1.0` → `CC0 1.0`); anything else is printed as written.
 */
export function formatLicense(value: unknown): string {
  const text = String(value ?? '').trim();
  const cc = /^CC-(BY(?:-(?:NC|ND|SA))*)-(\d\.\d)(?:-([A-Z]{2,3}))?$/i.exec(text);
  if (cc) return `CC ${cc[1]!.toUpperCase()} ${cc[2]}${cc[3] ? ` ${cc[3].toUpperCase()}` : ''}`;
  const zero = /^CC0-(\d\.\d)$/i.exec(text);
  return zero ? `CC0 ${zero[1]}` : text;
}

/** Parse an ISO date (`2027-03-10`, or a Date) to a UTC midnight Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value) return d;
  }
  throw new FormatError('date', value);
}

export const DATE_FORMATS = ['long', 'date', 'day-month', 'short', 'weekday', 'month-year', 'iso'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/**
 * Intl formatters are costly to build (each loads locale data) and immutable once built: one per
 * language and options for the whole process. Keys are written by hand, not `JSON.stringify`d.
 */
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, part: 'month-long' | 'month-short' | 'weekday'): Intl.DateTimeFormat {
  return cached(dateFormats, `${lang}/${part}`, () => {
    const options: Intl.DateTimeFormatOptions =
      part === 'weekday' ? { weekday: 'long' } : { month: part === 'month-long' ? 'long' : 'short' };
    return new Intl.DateTimeFormat(LOCALE[lang], { ...options, timeZone: 'UTC' });
  });
}

function parts(lang: Lang, d: Date, month: 'long' | 'short') {
  const day = d.getUTCDate();
  return {
    // French writes the first of the month as an ordinal: « 1er mai ».
    day: lang === 'fr' && day === 1 ? '1er' : String(day),
    month: dtf(lang, month === 'long' ? 'month-long' : 'month-short').format(d),
    year: String(d.getUTCFullYear()),
    weekday: dtf(lang, 'weekday').format(d),
  };
}

/**
 * A date in words. `long`: `mercredi 10 mars 2027` / `Wednesday 10 March 2027`; `date`: `10 mars 2027`;
 * `day-month`: `mercredi 10 mars`; `short`: `10 mars` / `10 Mar`; `weekday`: `mercredi`;
 * `month-year`: `mars 2027`; `iso`: `2027-03-10`. The day and month never split across lines.
 */
export function formatDate(lang: Lang, value: unknown, format: DateFormat = 'long'): string {
  const d = toDate(value);
  const p = parts(lang, d, format === 'short' ? 'short' : 'long');
  const dayMonth = `${p.day}${NBSP}${p.month}`;
  switch (format) {
    case 'long':
      return `${p.weekday} ${dayMonth} ${p.year}`;
    case 'date':
      return `${dayMonth} ${p.year}`;
    case 'day-month':
      return `${p.weekday} ${dayMonth}`;
    case 'short':
      return dayMonth;
    case 'weekday':
      return p.weekday;
    case 'month-year':
      return `${p.month} ${p.year}`;
    case 'iso':
      return d.toISOString().slice(0, 10);
  }
}

/**
 * A span of days. French: `du 10 au 12 mars 2027`, `du 30 mars au 2 avril 2027`, `le 10 mars 2027`;
 * English: `10–12 March 2027`, `30 March – 2 April 2027`, `10 March 2027`.
 */
export function formatDateRange(lang: Lang, start: unknown, end: unknown): string {
  const a = parts(lang, toDate(start), 'long');
  const b = parts(lang, toDate(end), 'long');
  const sameYear = a.year === b.year;
  const sameMonth = sameYear && a.month === b.month;
  if (sameMonth && a.day === b.day) {
    return lang === 'fr' ? `le ${a.day}${NBSP}${a.month} ${a.year}` : `${a.day}${NBSP}${a.month} ${a.year}`;
  }
  const from = sameMonth ? a.day : sameYear ? `${a.day}${NBSP}${a.month}` : `${a.day}${NBSP}${a.month} ${a.year}`;
  const to = `${b.day}${NBSP}${b.month} ${b.year}`;
  if (lang === 'fr') return `du ${from} au ${to}`;
  return sameMonth ? `${from}–${to}` : `${from} – ${to}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** `120 000` (narrow no-break space) / `120,000`; `decimals` fixes the fraction digits. */
export function formatNumber(lang: Lang, value: unknown, decimals?: number): string {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new FormatError('number', value);
  return cached(numberFormats, `${lang}/${decimals ?? ''}`, () => {
    const opts: Intl.NumberFormatOptions =
      decimals === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    return new Intl.NumberFormat(LOCALE[lang], opts);
  }).format(n);
}

/** `a, b et c` / `a, b and c` (`or`: `a, b ou c` / `a, b or c`). */
export function formatList(lang: Lang, items: string[], type: 'and' | 'or' = 'and'): string {
  return cached(listFormats, `${lang}/${type}`, () => {
    return new Intl.ListFormat(LOCALE[lang], { type: type === 'and' ? 'conjunction' : 'disjunction' });
  }).format(items);
}

/** The CLDR plural category of a count (`one`/`other`…): French 0 and 1 are `one`, English 0 is `other`. */
export function pluralCategory(lang: Lang, count: number): Intl.LDMLPluralRule {
  return cached(pluralRules, lang, () => new Intl.PluralRules(LOCALE[lang])).select(count);
}
