import { createRequire } from 'node:module';
import type { Run } from './inlineLayout.js';
import type { TypoLang } from './typography.js';
import { MM } from './units.js';

/**
 * Soft-hyphen hyphenation for narrow columns, from the `hyphen` package (Liang's algorithm with the TeX
 * patterns: `hyph-fr` for French, British English for English). The line breaker treats U+00AD as a break
 * opportunity that prints "-" only when the line ends there, so hyphenated text reads the same when it fits.
 */

/** Columns narrower than this are hyphenated (cards, table cells, diagram nodes); body text is not. */
export const NARROW_COLUMN = 90 * MM;

/** Shorter words are never cut: a two-letter stub at a line end reads worse than a ragged margin. */
const MIN_WORD = 7;

type HyphenateSync = (text: string, opts?: { minWordLength?: number; hyphenChar?: string }) => string;

const require = createRequire(import.meta.url);
const hyphenators = new Map<TypoLang, HyphenateSync>();
// The package is CommonJS with one folder per language (no ESM entry points), hence `require`.
const PACKAGES: Record<TypoLang, string> = { fr: 'hyphen/fr', en: 'hyphen/en-gb' };

function hyphenator(lang: TypoLang): HyphenateSync {
  let h = hyphenators.get(lang);
  if (!h) {
    h = (require(PACKAGES[lang]) as { hyphenateSync: HyphenateSync }).hyphenateSync;
    hyphenators.set(lang, h);
  }
  return h;
}

/** One cache per language, keyed by the word alone (no key string built per lookup). */
const caches: Record<TypoLang, Map<string, string>> = { fr: new Map(), en: new Map() };

/** A word with soft hyphens at its hyphenation points (cached: cards are laid out several times while fitting). */
export function hyphenateWord(word: string, lang: TypoLang): string {
  const cache = caches[lang];
  let out = cache.get(word);
  if (out === undefined) {
    out = hyphenator(lang)(word, { minWordLength: MIN_WORD });
    if (cache.size > 50_000) cache.clear();
    cache.set(word, out);
  }
  return out;
}

const LONG_WORD = new RegExp(`\\p{L}{${MIN_WORD},}`, 'gu');

/**
 * `text` with soft hyphens inside its long words. Only runs of letters are given to the hyphenator, so numbers,
 * URLs, e-mail addresses and words that already carry a soft hyphen are left as typed.
 */
export function hyphenateText(text: string, lang: TypoLang): string {
  if (text.includes('\u00AD') || /[@/]|www\./.test(text)) return text;
  return text.replace(LONG_WORD, (w) => hyphenateWord(w, lang));
}

/** Text runs with soft hyphens added (line breaks and other runs unchanged). */
export function hyphenateRuns(runs: Run[], lang: TypoLang): Run[] {
  return runs.map((r) => {
    if (!('text' in r)) return r;
    const text = hyphenateText(r.text, lang);
    return text === r.text ? r : { text, style: r.style };
  });
}
