import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCacheFile } from '../kit/cacheFile.js';
import { isInside, realPathOf } from '../kit/isInside.js';
import { capaCacheDir } from '../kit/cacheFolder.js';
import { foreignEntry, readCapaManifest } from '../documents/capaFolder.js';

/** Beyond these, the kit is checked every time: hashing it would cost more than checking it. */
const MAX_FILES = 5000;
export const MAX_BYTES = 32 * 1024 * 1024;

/**
 * One entry under the kit folder: `f` a file, `l` a link to a file of the kit (`extra`: its target), `x` a dangling
 * link (`extra`: what it names), `d` a folder, `o` an output folder of capa's (its content left out); `sha` the
 * SHA-256 of a file's bytes.
 */
export interface KitEntry {
  kind: 'f' | 'l' | 'x' | 'd' | 'o';
  rel: string;
  extra: string;
  size: number;
  sha: string;
}

export interface KitFingerprint {
  /** The SHA-256 of every entry, in name order. */
  hash: string;
  /** The kit folder's real path. */
  real: string;
  /** Top-level names left out of the walk altogether: `.git`, and the cache folder when it lies in the kit. */
  skipped: string[];
  /** Top-level folders holding only what a build of capa wrote (its `manifest.json` says so): listed, not read. */
  outputs: string[];
  entries: KitEntry[];
}

/**
 * What the kit folder holds, every file's bytes hashed; undefined when some of it cannot be seen whole (a link to a
 * folder or out of the kit, a pipe, an unreadable file, too many files or bytes). Every entry is listed and sized
 * before any is read, so a kit too large to hash costs a listing, not a read.
 *
 * A top-level folder that is a build output of capa's (a `dist/` with capa's `manifest.json` and only the files
 * it lists, at their sizes) is listed but not read: a build does not make the next `capa validate` a miss, and
 * its PDFs do not count towards the size limit. The checks never read such a folder unless the kit's data
 * point into it, which `writeCheckCache` refuses (see `pointsInto`).
 */
export function kitFingerprint(dir: string): KitFingerprint | undefined {
  try {
    const real = realpathSync(dir);
    const skip = new Set(['.git']);
    const cache = capaCacheDir();
    if (cache && isInside(real, cache)) skip.add(path.relative(real, realPathOf(cache)).split(path.sep).join('/'));
    const entries: KitEntry[] = [];
    const outputs: string[] = [];
    const reads: Array<{ entry: KitEntry; abs: string }> = [];
    let bytes = 0;
    const list = (rel: string): boolean => {
      for (const name of readdirSync(path.join(real, rel)).sort()) {
        const entry = rel === '' ? name : `${rel}/${name}`;
        if (skip.has(entry)) continue;
        if (entries.length >= MAX_FILES) return false;
        const abs = path.join(real, entry);
        const stats = lstatSync(abs);
        if (stats.isDirectory()) {
          if (rel === '' && isCapaOutput(abs, name)) {
            entries.push({ kind: 'o', rel: entry, extra: '', size: -1, sha: '' });
            outputs.push(entry);
            continue;
          }
          entries.push({ kind: 'd', rel: entry, extra: '', size: -1, sha: '' });
          if (!list(entry)) return false;
        } else if (stats.isFile()) {
          bytes += stats.size;
          const e: KitEntry = { kind: 'f', rel: entry, extra: '', size: -1, sha: '' };
          entries.push(e);
          reads.push({ entry: e, abs });
        } else if (stats.isSymbolicLink()) {
          let target: string;
          try {
            target = realpathSync(abs);
          } catch {
            // A dangling link: what it names, so that creating its target is a change.
            entries.push({ kind: 'x', rel: entry, extra: readlinkSync(abs), size: -1, sha: '' });
            continue;
          }
          // A link out of the kit, or to a folder (which the walk would have to follow, loops included): not cacheable.
          const linked = statSync(target);
          if (!isInside(real, target) || !linked.isFile()) return false;
          bytes += linked.size;
          const e: KitEntry = { kind: 'l', rel: entry, extra: path.relative(real, target), size: -1, sha: '' };
          entries.push(e);
          reads.push({ entry: e, abs: target });
        } else return false;
        if (bytes > MAX_BYTES) return false;
      }
      return true;
    };
    if (!list('')) return undefined;
    for (const { entry, abs } of reads) {
      // Not a regular file any more, or grown past the limit: not cacheable (no pipe is ever opened to wait).
      const content = readCacheFile(abs, MAX_BYTES);
      if (!content) return undefined;
      entry.size = content.length;
      entry.sha = createHash('sha256').update(content).digest('hex');
    }
    const hash = createHash('sha256');
    for (const e of entries) hash.update(`${e.kind}\0${e.rel}\0${e.extra}\0${e.size}\0${e.sha}\n`);
    return { hash: hash.digest('hex'), real, skipped: [...skip], outputs, entries };
  } catch {
    return undefined;
  }
}

/** A folder of capa's build output, which no check reads; `templates/` never (the template checks read it). */
function isCapaOutput(abs: string, name: string): boolean {
  if (name.toLowerCase() === 'templates') return false;
  try {
    return readCapaManifest(abs) !== undefined && foreignEntry(abs) === undefined;
  } catch {
    return false;
  }
}
