import fc from 'fast-check';
import { generateKitData } from '../../scripts/generateKit.js';
import { emitYaml } from '../../scripts/emitYaml.js';

/** Runs per property: short by default for CI; `CAPA_PROPERTY_RUNS=10000` for a soak. */
export function propertyRuns(ciDefault: number): number {
  const n = Number(process.env.CAPA_PROPERTY_RUNS);
  return Number.isInteger(n) && n > 0 ? n : ciDefault;
}

/** Text people really type in kits, and text that breaks naive code: accents, « », emoji, RTL, long words. */
const SAMPLES = [
  'Élodie Lefèvre-Müller',
  '« Données partagées » : l’atelier',
  'Vélo 🚲 & café ☕',
  'محمد الأحمد',
  'שרה לוי',
  'Anticonstitutionnellement'.repeat(4),
  '👩‍👩‍👧‍👦 familles',
  'Ŝ̈ṗęćïåł çàéèêëîïôöùûüÿœæ',
  'ŒUVRE Œdipe straße',
  'Zoë <b>Noël</b> & {{x}}',
  '東京 データ 서울',
  '→ ★ ✓ — … ‰ €',
  'x'.repeat(120),
  'Saint-Étienne-du-Rouvray',
];

/** One line of arbitrary Unicode text (no control characters, trimmed, never empty). */
export const unicodeText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SAMPLES) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SAMPLES), fc.string({ unit: 'grapheme', maxLength: 12 })).map(([a, b]) => `${a} ${b}`) },
  )
  .map((s) => s.replace(/[\p{Cc}\p{Zl}\p{Zp}\uFEFF\uFFFE\uFFFF]/gu, ' ').trim() || 'x');

/** Keys whose value is free text (never an id, a reference or a room, whose equality the schedule checks): safe to replace. */
const TEXT_KEYS = new Set(['name', 'title', 'subtitle', 'question', 'address', 'place', 'summary', 'instructions', 'notes', 'format']);
/** Keys whose value is a list of free text. */
const TEXT_LIST_KEYS = new Set(['members', 'end_users', 'problems', 'data', 'prompts', 'outputs', 'objectives', 'materials', 'questions', 'ideas', 'leads', 'feedback', 'wishes']);

/** Replace every free-text value of `data` (see TEXT_KEYS, TEXT_LIST_KEYS) by what `next` gives, in document order. */
export function mapFreeText(data: unknown, next: () => string): unknown {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return key && TEXT_LIST_KEYS.has(key) ? value.map(() => next()) : value.map((v) => walk(v));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k2, v]) => [k2, walk(v, k2)]));
    if (typeof value === 'string' && key && TEXT_KEYS.has(key)) return next();
    return value;
  };
  return walk(data);
}

/** Replace every free-text value of `data` by the given texts, in turn. */
function retext(data: unknown, texts: string[]): unknown {
  let k = 0;
  return mapFreeText(data, () => texts[k++ % texts.length]!);
}

export interface KitParams {
  workshops: number;
  seed: number;
  lang: 'fr' | 'en';
  texts: string[];
}

/** A valid kit (file name → YAML) of the generator, its free text replaced by `texts`. */
export function unicodeKit(p: KitParams): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { header, data }] of Object.entries(generateKitData({ workshops: p.workshops, seed: p.seed, lang: p.lang }))) {
    files[name] = header + emitYaml(p.texts.length > 0 ? (retext(data, p.texts) as object) : data);
  }
  return files;
}

export const kitParams: fc.Arbitrary<KitParams> = fc.record({
  workshops: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  lang: fc.constantFrom('fr' as const, 'en' as const),
  texts: fc.array(unicodeText, { minLength: 3, maxLength: 12 }),
});
