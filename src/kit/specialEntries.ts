import { readdirSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type Matcher = (file: string) => boolean;
type Picomatch = (glob: string, opts?: { dot?: boolean }) => Matcher;
const require = createRequire(import.meta.url);

/** Entries looked at, at most, per pattern: a kit is a few dozen files, and this runs for each include. */
const MAX_ENTRIES = 10_000;

/**
 * The pipes, sockets and devices of the kit folder `dir` that `pattern` (normalised, relative) matches.
 * The include glob skips them without a word (it only lists files, folders and links), so a `*.yaml` pipe
 * would silently not be read; listed here, it is reported. Symbolic links are the glob's (it follows them).
 * picomatch is the matcher tinyglobby itself uses, so both agree on what a pattern means.
 */
export function specialEntries(dir: string, pattern: string): string[] {
  const matches = (require('picomatch') as Picomatch)(pattern, { dot: false });
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((s) => /[*?[\]{}()!+@]/.test(s));
  // A pattern without magic names one entry: its folder is the only one to list.
  const base = firstMagic < 0 ? segments.slice(0, -1) : segments.slice(0, firstMagic);
  const deep = firstMagic >= 0 && (segments.length - firstMagic > 1 || pattern.includes('**'));
  const found: string[] = [];
  const stack = [base.join('/')];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_ENTRIES) {
    const rel = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) break;
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (deep) stack.push(child);
      } else if (!entry.isFile() && !entry.isSymbolicLink() && matches(child)) found.push(child);
    }
  }
  return found.sort();
}
