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
  if (only) return text.replace(LONG_WORD, (w) => (only(w) ? hyphenateWord(w, lang) : w));
  // Running text is met again (a card is laid out several times while it is fitted, a question is in several documents).
  const texts = (hyphenatedTexts[lang] ??= new Map());
  let out = texts.get(text);
  if (out === undefined) {
    out = text.replace(LONG_WORD, (w) => hyphenateWord(w, lang));
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(text, out);
  }
  return out;
}

/** Texts of running text already hyphenated, per language (the reference kit has about 330). */
const hyphenatedTexts: Partial<Record<TypoLang, Map<string, string>>> = {};
const MAX_TEXTS = 2_000;

/** What `\s` matches in a regular expression (ECMAScript's white space and line terminators). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether the texts of `runs` hold at least `n` words (as `text.split(/\s+/)` counts them in each), counting no further. */
export function hasWords<S>(runs: Run<S>[], n: number): boolean {
  let count = 0;
  for (const r of runs) {
    if (!('text' in r)) continue;
    let inWord = false;
    for (let i = 0; i < r.text.length; i++) {
      const space = isSpace(r.text.charCodeAt(i));
      if (!space && !inWord && ++count >= n) return true;
      inWord = !space;
    }
  }
  return false;
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
    const running = hasWords(stretch, RUNNING_TEXT_WORDS);
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
