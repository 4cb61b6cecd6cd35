import { didYouMean } from '../check/didYouMean.js';

/**
 * The name a template author probably meant: a close spelling (`kit.titre` → `title`), else a known name
 * the word starts or ends with (`uppercase` → `upper`, `lowercase` → `lower`), else nothing.
 */
export function suggestName(word: string, candidates: readonly string[]): string | undefined {
  const near = didYouMean(word, candidates);
  if (near) return near;
  const w = word.toLowerCase();
  let best: string | undefined;
  for (const c of candidates) {
    const l = c.toLowerCase();
    if (l.length < 3 || l === w) continue;
    if ((w.startsWith(l) || w.endsWith(l)) && (!best || c.length > best.length)) best = c;
  }
  return best;
}
