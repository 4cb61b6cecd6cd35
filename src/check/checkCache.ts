import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../report/Diagnostic.js';
import { pruneCacheFolder, readCacheFile, readSealedCacheFile, writeSealedCacheFile } from '../kit/cacheFile.js';
import { isInside, realPathOf } from '../kit/isInside.js';
import { capaCacheDir } from '../kit/yamlCache.js';

/**
 * The diagnostics of an earlier `capa validate` of the same kit, kept in `CAPA_CACHE_DIR/checks`, as
 * `eslint --cache` keeps its results: a kit whose files have not changed since is not checked again, so
 * neither the checks, the schema validator nor the packages they use are loaded. This is most of the
 * command's start-up once the YAML cache is filled.
 *
 * An entry serves one kit folder, one language, one Node version (sorting and ICU) and one build of capa.
 * It holds the SHA-256 of every file of the kit folder, read in full at each run: any edited, added,
 * removed or renamed file, or any link pointing elsewhere, is a miss. The `.git` folder at the kit's root
 * is left out (a commit would make every entry a miss), and so is the cache folder when it lies inside the
 * kit (each run writes there); no entry is written for a kit whose data mention either, so no include or
 * image read from there can be served stale. A kit the walk cannot see whole
 * (a link to a folder or out of the kit, a pipe, an unreadable file, too many files or bytes) is checked
 * every time. An entry carries the SHA-256 of its bytes and the key it was written for, and its
 * diagnostics are checked for shape: a damaged, truncated or foreign entry is a miss, never an error.
 */

/** Beyond these, the kit is checked every time: hashing it would cost more than checking it. */
const MAX_FILES = 5000;
const MAX_BYTES = 32 * 1024 * 1024;
/** Entries kept in the folder (one per kit folder, language and Node version). */
const MAX_ENTRIES = 256;

export interface CheckCacheSlot {
  file: string;
  key: string;
  fingerprint: string;
  /** Folders of the kit left out of the fingerprint (`.git`, a cache folder inside the kit). */
  skipped: string[];
}

/** Where the diagnostics of the kit in `dir` are kept, with what its files are now; undefined when not cacheable. */
export function checkCacheSlot(opts: { dir: string; lang: string }): CheckCacheSlot | undefined {
  const base = capaCacheDir();
  if (!base) return undefined;
  const fingerprint = kitFingerprint(opts.dir);
  if (!fingerprint) return undefined;
  const key = JSON.stringify(['capa-checks-1', codeStamp(), process.version, opts.lang, opts.dir, fingerprint.real]);
  const name = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return { file: path.join(base, 'checks', `${name}.bin`), key, fingerprint: fingerprint.hash, skipped: fingerprint.skipped };
}

/** The diagnostics stored for `slot`, if its entry is intact and was written for the same kit files. */
export function readCheckCache(slot: CheckCacheSlot): Diagnostic[] | undefined {
  const payload = readSealedCacheFile(slot.file, MAX_BYTES);
  if (!payload) return undefined;
  try {
    const entry = deserialize(payload) as { key?: unknown; fingerprint?: unknown; diagnostics?: unknown };
    if (entry.key !== slot.key || entry.fingerprint !== slot.fingerprint || !isDiagnosticList(entry.diagnostics)) return undefined;
    return entry.diagnostics;
  } catch {
    return undefined;
  }
}

/**
 * Store `diagnostics` for `slot`, unless the kit changed while it was checked (its files are hashed again) or
 * its data name something in `.git`, which the fingerprint leaves out.
 */
export function writeCheckCache(slot: CheckCacheSlot, opts: { dir: string; data: unknown; diagnostics: Diagnostic[] }): void {
  try {
    // A kit whose data name a folder left out (by its first segment) could read from it: checked every time.
    const data = JSON.stringify(opts.data) ?? '';
    if (slot.skipped.some((rel) => data.includes(rel.split('/')[0]!))) return;
    if (kitFingerprint(opts.dir)?.hash !== slot.fingerprint) return;
    const payload = serialize({ key: slot.key, fingerprint: slot.fingerprint, diagnostics: opts.diagnostics });
    writeSealedCacheFile(slot.file, payload);
    if (Math.random() < 1 / 16) pruneCacheFolder(path.dirname(slot.file), MAX_ENTRIES);
  } catch {
    // Not stored: the next run checks the kit again.
  }
}

/**
 * The SHA-256 of every entry under the kit folder (its kind, path, link target and bytes, in name order), the
 * folder's real path, and the top-level names left out (`.git`, and the cache folder when it lies in the kit: each
 * run writes there); undefined when some of it cannot be seen whole. Every entry is listed and sized before any
 * is read, so a kit too large to hash costs a listing, not a read.
 */
export function kitFingerprint(dir: string): { hash: string; real: string; skipped: string[] } | undefined {
  try {
    const real = realpathSync(dir);
    const skip = new Set(['.git']);
    const cache = capaCacheDir();
    if (cache && isInside(real, cache)) skip.add(path.relative(real, realPathOf(cache)).split(path.sep).join('/'));
    const entries: Array<{ kind: string; rel: string; read?: string; extra?: string }> = [];
    let bytes = 0;
    const list = (rel: string): boolean => {
      for (const name of readdirSync(path.join(real, rel)).sort()) {
        const entry = rel === '' ? name : `${rel}/${name}`;
        if (skip.has(entry)) continue;
        if (entries.length >= MAX_FILES) return false;
        const abs = path.join(real, entry);
        const stats = lstatSync(abs);
        if (stats.isDirectory()) {
          entries.push({ kind: 'd', rel: entry });
          if (!list(entry)) return false;
        } else if (stats.isFile()) {
          bytes += stats.size;
          entries.push({ kind: 'f', rel: entry, read: abs });
        } else if (stats.isSymbolicLink()) {
          let target: string;
          try {
            target = realpathSync(abs);
          } catch {
            // A dangling link: what it names, so that creating its target is a change.
            entries.push({ kind: 'x', rel: entry, extra: readlinkSync(abs) });
            continue;
          }
          // A link out of the kit, or to a folder (which the walk would have to follow, loops included): not cacheable.
          const linked = statSync(target);
          if (!isInside(real, target) || !linked.isFile()) return false;
          bytes += linked.size;
          entries.push({ kind: 'l', rel: entry, read: target, extra: path.relative(real, target) });
        } else return false;
        if (bytes > MAX_BYTES) return false;
      }
      return true;
    };
    if (!list('')) return undefined;
    const hash = createHash('sha256');
    for (const e of entries) {
      // Not a regular file any more, or grown past the limit: not cacheable (no pipe is ever opened to wait).
      const content = e.read === undefined ? undefined : readCacheFile(e.read, MAX_BYTES);
      if (e.read !== undefined && !content) return undefined;
      hash.update(`${e.kind}\0${e.rel}\0${e.extra ?? ''}\0${content?.length ?? -1}\0`);
      if (content) hash.update(content);
    }
    return { hash: hash.digest('hex'), real, skipped: [...skip] };
  } catch {
    return undefined;
  }
}

let stamp: string | undefined;

/**
 * Which capa wrote an entry: its version, and when its command-line bundle and generated schema validator were
 * built (a rebuild of capa between two runs, in development, is a miss).
 */
function codeStamp(): string {
  if (stamp !== undefined) return stamp;
  const at = (relative: string) => {
    try {
      const stats = statSync(new URL(relative, import.meta.url));
      return `${stats.mtimeMs}:${stats.size}`;
    } catch {
      return '-';
    }
  };
  let version = '?';
  try {
    version = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version);
  } catch {
    // Unknown: the stamps below still tell builds apart.
  }
  stamp = [version, at('../bundle/'), at('./kitValidator.generated.cjs'), at('../../schemas/capa.schema.json')].join(' ');
  return stamp;
}

const SEVERITIES = new Set(['error', 'warning']);
const isText = (v: unknown) => typeof v === 'string';
const isOptional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** Whether a stored value has the shape of diagnostics (what a damaged or foreign entry may not have). */
function isDiagnosticList(value: unknown): value is Diagnostic[] {
  return Array.isArray(value) && value.every(isDiagnostic);
}

function isDiagnostic(d: unknown): boolean {
  if (typeof d !== 'object' || d === null) return false;
  const o = d as Record<string, unknown>;
  return (
    SEVERITIES.has(o.severity as string) &&
    isText(o.code) &&
    isText(o.message) &&
    isOptional(o.file, isText) &&
    isOptional(o.line, isCount) &&
    isOptional(o.column, isCount) &&
    isOptional(o.path, isText) &&
    isOptional(o.hint, isText) &&
    isOptional(o.related, (r) => Array.isArray(r) && r.every((l) => typeof l === 'object' && l !== null && isText(l.file) && isCount(l.line) && isCount(l.column) && isOptional(l.message, isText)))
  );
}
