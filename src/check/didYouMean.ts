import { createRequire } from 'node:module';

type Distance = typeof import('fastest-levenshtein').distance;
const require = createRequire(import.meta.url);
let distance: Distance | undefined;

/**
 * The candidate closest to a mistyped word, or undefined when none is close enough.
 * Case-insensitive; `-` and `_` count as the same character because people mix them up
 * (`project-lead` / `project_lead`).
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = normalise(word);
  if (w === '') return undefined;
  // Loaded on first use: only a kit with a problem asks for a suggestion.
  distance ??= (require('fastest-levenshtein') as { distance: Distance }).distance;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = normalise(candidate);
    if (c === w) return candidate;
    const d = distance(w, c);
    // Allow more edits for longer words; a swap of two letters costs 2, so 4-letter words need 2.
    const limit = w.length <= 3 ? 1 : w.length <= 8 ? 2 : 3;
    // A typed beginning of a long name (`org` for `organisation`) is a strong hint too.
    const isPrefix = w.length >= 3 && c.startsWith(w);
    const score = d <= limit && d < c.length ? d : isPrefix ? limit + 0.5 : Infinity;
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/_/g, '-');
}
