/**
 * Durations as people write them in a kit (docs/kit-format.en.md), in minutes:
 * `90` or `"90"` (minutes), `"45min"`, `"2h"`, `"1h30"`, `"2h05"`, `"0h45"`.
 * The grammar is exactly the schema's `Duration` pattern (no spaces, minutes after `h` on two
 * digits below 60, at least one minute), so what the schema accepts always parses and vice versa.
 * Anything else — `1 h 30`, `1h5`, `1.5h`, `-10`, `0` — gives `undefined`.
 */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && text > 0 ? text : undefined;
  if (typeof text !== 'string') return undefined;
  let m = /^([1-9]\d*)(?:min)?$/.exec(text);
  if (m) return Number(m[1]);
  m = /^(\d+)h(?:([0-5]\d))?$/.exec(text);
  if (!m) return undefined;
  const total = Number(m[1]) * 60 + Number(m[2] ?? 0);
  return total > 0 ? total : undefined;
}

/** Minutes as a duration the way the kit writes them back: `90` → `1h30`, `45` → `45min`, `120` → `2h`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}min`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}`;
}
