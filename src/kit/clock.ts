/**
 * Clock times and calendar dates of the resolved kit. Times are minutes since midnight
 * (`09:30` → 570); dates stay ISO strings (`2027-05-12`) and are compared as day numbers.
 */

/** `"09:30"` → 570; `undefined` for anything that is not a 24 h `HH:MM` (or `H:MM`). */
export function parseTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** 570 → `"09:30"`. Past midnight wraps (1470 → `"00:30"`), the schedule check reports it. */
export function formatTime(minutes: number): string {
  const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/**
 * A date of the kit as an ISO `YYYY-MM-DD` string, or `undefined` when it is not a real date.
 * YAML may hand us a `Date` when a file was read with a timestamp-aware schema.
 */
export function parseDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return utcDay(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && utcDay(d) === value ? value : undefined;
}

/**
 * The UTC day of `d` as `YYYY-MM-DD`, what `toISOString().slice(0, 10)` gives, from its fields: on Node 20
 * the first `toISOString` of a process costs 2 to 15 ms, a noticeable part of a `capa validate`.
 */
function utcDay(d: Date): string {
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) return d.toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Days since 1970-01-01 for an ISO date (for ordering and differences). */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The same day `months` later, clamped to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return utcDay(target);
}
