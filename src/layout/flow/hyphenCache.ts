import { createHash } from 'node:crypto';
import path from 'node:path';
import { readSealedCacheFile, writeSealedCacheFile } from '../../kit/cacheFile.js';
import { capaCacheDir } from '../../kit/cacheFolder.js';
import { packageVersion } from '../../kit/packageVersion.js';

/** Bumped when what a file holds changes. */
const FORMAT = 'capa-hyphens-1';
/** Per language: far above one large kit (the reference and the 500-workshop kits hyphenate under 1,000 words). */
export const MAX_WORDS = 100_000;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Words hyphenated by earlier runs, kept in capa's cache folder (`CAPA_CACHE_DIR/hyphens`, one file per language)
 * so that a repeated build or the watch neither loads the hyphenation patterns nor runs them again. A file serves
 * only the version of the `hyphen` package, of capa and the fragment rules (`rules`) that made it; it holds the
 * SHA-256 of what follows it, and each word is checked (its hyphenation is the word with soft hyphens added), so
 * a damaged or foreign file is only a miss.
 */
export function storedHyphens(lang: string, rules: string): Map<string, string> {
  const words = new Map<string, string>();
  const file = fileOf(lang, rules);
  const payload = file && readSealedCacheFile(file.path, MAX_FILE_BYTES);
  if (!file || !payload) return words;
  try {
    const p = JSON.parse(payload.toString('utf8')) as { version?: unknown; words?: unknown };
    if (p.version !== file.version || !Array.isArray(p.words) || p.words.length > MAX_WORDS) return words;
    for (const entry of p.words as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || entry[1].replaceAll('\u00AD', '') !== entry[0]) {
        words.clear();
        return words;
      }
      words.set(entry[0], entry[1]);
    }
  } catch {
    words.clear();
  }
  return words;
}

/** Writes the words of `lang` (through a temporary file, see cacheFile.ts); nothing past the limits. */
export function saveHyphens(lang: string, rules: string, words: Map<string, string>): void {
  const file = fileOf(lang, rules);
  if (!file || words.size > MAX_WORDS) return;
  const payload = Buffer.from(JSON.stringify({ version: file.version, words: [...words] }), 'utf8');
  if (payload.length + 32 > MAX_FILE_BYTES) return;
  writeSealedCacheFile(file.path, payload);
}

function fileOf(lang: string, rules: string): { path: string; version: string } | undefined {
  const dir = capaCacheDir();
  if (!dir) return undefined;
  const version = `${FORMAT} ${lang} ${rules} hyphen@${packageVersion('hyphen/package.json')} capa@${packageVersion('../../package.json')}`;
  return { path: path.join(dir, 'hyphens', `${createHash('sha256').update(version).digest('hex').slice(0, 32)}.json`), version };
}
