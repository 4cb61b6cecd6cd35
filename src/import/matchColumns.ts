import { createHash } from 'node:crypto';
import { didYouMean } from '../check/didYouMean.js';
import { UsageError } from '../report/CapaError.js';
import { orList, type Lang } from '../report/messages.js';
import { importMessage as m } from './importMessages.js';
import { columnIndex } from './Table.js';

/** Lower case, accents and punctuation dropped: « Prénom », "PRENOM" and "prénom :" are the same header. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Latin letters that do not decompose into a base letter and an accent. */
const LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h' };

/**
 * A slug for an id (`[a-z0-9-]`): `Émilie D'Arc` → `emilie-d-arc`, `Jürgen Weiß` → `jurgen-weiss`. A name
 * with no Latin letter or digit (`李娜`) gets `fallback` and a short hash of the name, the same every time.
 */
export function slugOf(text: string, fallback = 'id'): string {
  const slug = normalise(text)
    .replace(/[ßøæœđðłþıħ]/g, (c) => LETTERS[c]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug !== '' || text.trim() === '') return slug;
  return `${fallback}-${createHash('sha256').update(text.trim()).digest('hex').slice(0, 6)}`;
}

/**
 * Which column holds which field: headers recognised through `synonyms` (normalised), then the explicit
 * `--map column=field` pairs, which win. A `--map` column is a header or a column letter (`C`).
 */
export function matchColumns<F extends string>(opts: {
  headers: string[];
  synonyms: Record<F, readonly string[]>;
  map: readonly string[];
  lang: Lang;
}): { columns: Map<F, number>; unknown: number[] } {
  const { headers, synonyms, lang } = opts;
  const fields = Object.keys(synonyms) as F[];
  const columns = new Map<F, number>();
  const byHeader = new Map<string, F>();
  for (const field of fields) for (const s of synonyms[field]) byHeader.set(normalise(s), field);
  const explicit = new Set<number>();
  for (const spec of opts.map) {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError('usage/import-map', m(lang, 'badMap', { value: spec }));
    const column = spec.slice(0, eq).trim();
    const field = spec.slice(eq + 1).trim() as F;
    if (!fields.includes(field)) throw new UsageError('usage/import-map', m(lang, 'badField', { value: spec, field, allowed: orList(lang, fields) }));
    let index = headers.findIndex((h) => normalise(h) === normalise(column));
    if (index < 0 && /^[A-Z]{1,2}$/.test(column)) index = columnIndex(column);
    if (index < 0) throw new UsageError('usage/import-map', m(lang, 'mapNoColumn', { value: spec, column, suggestion: didYouMean(column, headers.filter(Boolean)) ?? '' }));
    columns.set(field, index);
    explicit.add(index);
  }
  const unknown: number[] = [];
  headers.forEach((header, index) => {
    if (explicit.has(index) || header === '') return;
    const field = byHeader.get(normalise(header));
    if (field === undefined) unknown.push(index);
    else if (!columns.has(field)) columns.set(field, index);
  });
  return { columns, unknown };
}
