/**
 * An ISO date (`2027-05-12`) `days` calendar days later, computed in UTC so the machine's zone never matters. Plain
 * date arithmetic: the calendar calls it for every start and end, where luxon (fromISO, plus, toISODate) was slow in a
 * short build's cold code (300 calls: 166 ms in a fresh Node 20).
 */
export function addDays(date: string, days: number): string {
  if (days === 0) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
