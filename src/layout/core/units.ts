/** Attribute value parsers shared by the markup checker and the layout. Lengths come out in PDF points. */

export const MM = 72 / 25.4;

export type Parsed<T> = { ok: true; value: T } | { ok: false };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad: Parsed<never> = { ok: false };

/** `5mm`, `1.5cm`, `12pt`, or a bare number read in `bareUnit` (millimetres unless said otherwise). */
export function parseLength(raw: string, bareUnit: 'mm' | 'pt' = 'mm'): Parsed<number> {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm|pt)?\s*$/.exec(raw);
  if (!m) return bad;
  const n = Number(m[1]);
  const unit = m[2] ?? bareUnit;
  return ok(unit === 'mm' ? n * MM : unit === 'cm' ? n * 10 * MM : n);
}

/** Column or image width: `30%`, a length, or `*` (share what is left). */
export type Width = { kind: 'percent'; value: number } | { kind: 'abs'; value: number } | { kind: 'star'; value: number };

export function parseWidth(raw: string): Parsed<Width> {
  const s = raw.trim();
  const star = /^(\d+(?:\.\d+)?)?\*$/.exec(s);
  if (star) return ok({ kind: 'star', value: star[1] ? Number(star[1]) : 1 });
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (pct) {
    const v = Number(pct[1]);
    return v > 0 && v <= 100 ? ok({ kind: 'percent', value: v }) : bad;
  }
  const len = parseLength(s);
  return len.ok ? ok({ kind: 'abs', value: len.value }) : bad;
}

/** `#1D4E89` or `#abc`, normalised to upper-case six digits. */
export function parseColor(raw: string): Parsed<string> {
  const s = raw.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return ok(s.toUpperCase());
  if (/^#[0-9a-fA-F]{3}$/.test(s)) return ok(('#' + [...s.slice(1)].map((c) => c + c).join('')).toUpperCase());
  return bad;
}

export function parseBool(raw: string): Parsed<boolean> {
  if (raw === 'true' || raw === '') return ok(true);
  if (raw === 'false') return ok(false);
  return bad;
}

export function parseNumber(raw: string, opts: { min?: number; max?: number; integer?: boolean } = {}): Parsed<number> {
  if (!/^\s*-?(\d+(\.\d+)?|\.\d+)\s*$/.test(raw)) return bad;
  const n = Number(raw);
  if (opts.integer && !Number.isInteger(n)) return bad;
  if (opts.min !== undefined && n < opts.min) return bad;
  if (opts.max !== undefined && n > opts.max) return bad;
  return ok(n);
}

/** Text colour on a coloured fill, chosen by WCAG contrast (kept here for the layout's attribute readers). */
export { textOn } from '../../colors/contrast.js';
