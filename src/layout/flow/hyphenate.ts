import { createRequire } from 'node:module';
import type { TypoLang } from '../markup/typography.js';
import { MM } from '../core/units.js';
import { MAX_WORDS, saveHyphens, storedHyphens } from './hyphenCache.js';

/**
 * Soft-hyphen hyphenation for the running text of narrow columns, from the `hyphen` package (Liang's algorithm with
 * the TeX patterns: `hyph-fr` for French, British English for English). The line breaker treats U+00AD as a break
 * opportunity that prints "-" only when the line ends there, so hyphenated text reads the same when it fits.
 *
 * The policy (`hyphenateRuns`): only running text is hyphenated — a stretch between line breaks of at least
 * `RUNNING_TEXT_WORDS` words, not bold, at most `DISPLAY_SIZE` points. Headings and table headers are bold, names,
 * places and badge roles are short stretches, card questions are display sizes: a broken word there reads as a
 * mistake, while in a paragraph of a narrow column it saves a ragged line. The one exception is a word wider than
 * its column, which has to be cut somewhere: then at a pattern point, with a hyphen, rather than anywhere.
 */

/** Columns narrower than this are hyphenated (cards, table cells, diagram nodes); body text is not. */
export const NARROW_COLUMN = 90 * MM;

/**
 * Shorter words are never cut, and a cut leaves at least `MIN_FRAGMENT` letters on each side: a two-letter stub
 * ("ap-", "-ti") does not let the reader guess the word, while 3 + 3 keeps both halves pronounceable (TeX's French
 * setting keeps 3 letters after the cut; narrow ragged columns have no justification to serve, so we ask 3 before too).
 */
export const MIN_WORD = 6;
export const MIN_FRAGMENT = 3;
/** Fewer words between two line breaks is a label, a name or an address line, not running text. */
export const RUNNING_TEXT_WORDS = 6;
/** Larger text is display text (card titles and questions): set whole words only. */
export const DISPLAY_SIZE = 12;

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

/** One cache per language, keyed by the word alone (no key string built per lookup), filled from the cache folder first. */
const caches: Partial<Record<TypoLang, Map<string, string>>> = {};
/** Languages that hyphenated a word the cache folder did not have. */
const dirty = new Set<TypoLang>();
const RULES = `min-word=${MIN_WORD} min-fragment=${MIN_FRAGMENT}`;

/** Soft hyphens that leave fewer than `MIN_FRAGMENT` letters before or after them are dropped. */
function keepFragments(hyphenated: string): string {
  const parts = hyphenated.split('\u00AD');
  const total = [...parts.join('')].length;
  let before = 0;
  let out = parts[0];
  before += [...parts[0]].length;
  for (let i = 1; i < parts.length; i++) {
    out += before >= MIN_FRAGMENT && total - before >= MIN_FRAGMENT ? `\u00AD${parts[i]}` : parts[i];
    before += [...parts[i]].length;
  }
  return out;
}

/** A word with soft hyphens at its hyphenation points (cached: cards are laid out several times while fitting). */
export function hyphenateWord(word: string, lang: TypoLang): string {
  const cache = (caches[lang] ??= storedHyphens(lang, RULES));
  let out = cache.get(word);
  if (out === undefined) {
    out = keepFragments(hyphenator(lang)(word, { minWordLength: MIN_WORD }));
    if (cache.size >= MAX_WORDS) cache.clear();
    cache.set(word, out);
    dirty.add(lang);
  }
  return out;
}

/** Keeps the words hyphenated by this process in capa's cache folder, for the next run (see hyphenCache.ts). */
export function saveHyphenation(): void {
  for (const lang of dirty) saveHyphens(lang, RULES, caches[lang]!);
  dirty.clear();
}

const LONG_WORD = new RegExp(`\\p{L}{${MIN_WORD},}`, 'gu');

/**
 * `text` with soft hyphens inside its long words (those `only` accepts, when given). Only runs of letters are given
 * to the hyphenator, so numbers, URLs, e-mail addresses and words that already carry a soft hyphen stay as typed.
 */
export function hyphenateText(text: string, lang: TypoLang, only?: (word: string) => boolean): string {
  if (text.includes('\u00AD') || /[@/]|www\./.test(text)) return text;
  return text.replace(LONG_WORD, (w) => (only && !only(w) ? w : hyphenateWord(w, lang)));
}

/** What the policy reads of inlineLayout's runs (declared here so that this file need not import the line breaker). */
type RunStyle = { bold: boolean; size: number };
type TextRun<S> = { text: string; style: S };
type Run<S> = TextRun<S> | { br: true; style: S };

/**
 * Text runs with soft hyphens added where the policy above allows them (line breaks and other runs unchanged).
 * `tooWide` says whether a word cannot fit the column at all in a run's style.
 */
export function hyphenateRuns<S extends RunStyle>(runs: Run<S>[], opts: { lang: TypoLang; tooWide: (word: string, run: TextRun<S>) => boolean }): Run<S>[] {
  const out: Run<S>[] = [];
  let stretch: Run<S>[] = [];
  const flush = () => {
    const words = stretch.reduce((n, r) => n + ('text' in r ? r.text.split(/\s+/).filter(Boolean).length : 0), 0);
    const running = words >= RUNNING_TEXT_WORDS;
    for (const r of stretch) {
      if (!('text' in r)) continue;
      const eligible = running && !r.style.bold && r.style.size <= DISPLAY_SIZE;
      const text = hyphenateText(r.text, opts.lang, eligible ? undefined : (w) => opts.tooWide(w, r));
      out.push(text === r.text ? r : { text, style: r.style });
    }
    stretch = [];
  };
  for (const r of runs) {
    if ('br' in r) {
      flush();
      out.push(r);
    } else stretch.push(r);
  }
  flush();
  return out;
}
