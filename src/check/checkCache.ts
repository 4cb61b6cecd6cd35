import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { KitPart } from '../kit/LoadedKit.js';
import { pruneCacheFolder, readSealedCacheFile, writeSealedCacheFile } from '../kit/cacheFile.js';
import { capaCacheDir } from '../kit/cacheFolder.js';
import { kitFingerprint, MAX_BYTES, type KitEntry, type KitFingerprint } from './kitFingerprint.js';

/**
 * The diagnostics of an earlier `capa validate` of the same kit, kept in `CAPA_CACHE_DIR/checks`, as
 * `eslint --cache` keeps its results: a kit whose files have not changed since is not checked again, so
 * neither the checks, the schema validator nor the packages they use are loaded. This is most of the
 * command's start-up once the YAML cache is filled.
 *
 * An entry serves one kit folder, one language, one Node version (sorting and ICU) and one build of capa.
 * It holds the SHA-256 of every file of the kit folder, read in full at each run (`kitFingerprint.ts`): any
 * edited, added, removed or renamed file, or any link pointing elsewhere, is a miss. The `.git` folder at the
 * kit's root is left out (a commit would make every entry a miss), and so is the cache folder when it lies
 * inside the kit (each run writes there); no entry is written for a kit whose data mention either, so no
 * include or image read from there can be served stale. A build output folder of capa's is listed but not read,
 * and no entry is written for a kit whose data could read from it (`pointsInto`). A kit the walk cannot see
 * whole (a link to a folder or out of the kit, a pipe, an unreadable file, too many files or bytes) is checked
 * every time. A miss where every changed file is one only the loader reads, with the same data, or one nothing reads, reuses
 * the entry (`editedKit.ts`). An entry carries the SHA-256 of its bytes and the key it was written for, and its
 * diagnostics are checked for shape: a damaged, truncated or foreign entry is a miss, never an error.
 */

/** Entries kept in the folder (one per kit folder, language and Node version). */
const MAX_ENTRIES = 256;

export interface CheckCacheSlot {
  file: string;
  key: string;
  /** What the kit holds now. */
  print: KitFingerprint;
}

/** A file whose data went into the kit, as an entry records it (see `editedKit.ts`). */
export interface StoredPart {
  /** As diagnostics name it. */
  file: string;
  /** Relative to the kit's real folder, with `/`: as the fingerprint lists it. */
  rel: string;
  digest: string;
}

/** What the loader read of a kit that loaded without any problem, and which files anything else may read. */
export interface LoaderView {
  parts: StoredPart[];
  /** Files (as the fingerprint lists them) a check other than the loader may read: under `templates/`, or named by the data (an image…). */
  read: string[];
}

/** What an entry holds: the diagnostics, the kit's files when they were checked, and what the loader read. */
export interface StoredCheck {
  fingerprint: string;
  diagnostics: Diagnostic[];
  entries: KitEntry[];
  /** Only for a kit that loaded without any problem. */
  loader?: LoaderView;
}

/** Where the diagnostics of the kit in `dir` are kept, with what its files are now; undefined when not cacheable. */
export function checkCacheSlot(opts: { dir: string; lang: string }): CheckCacheSlot | undefined {
  const base = capaCacheDir();
  if (!base) return undefined;
  const print = kitFingerprint(opts.dir);
  if (!print) return undefined;
  const key = JSON.stringify(['capa-checks-2', codeStamp(), process.version, opts.lang, opts.dir, print.real]);
  const name = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return { file: path.join(base, 'checks', `${name}.bin`), key, print };
}

/** The entry stored for `slot`'s kit folder, whatever its files were then, if it is intact and of the same key. */
export function readStoredCheck(slot: CheckCacheSlot): StoredCheck | undefined {
  const payload = readSealedCacheFile(slot.file, MAX_BYTES);
  if (!payload) return undefined;
  try {
    const entry = deserialize(payload) as Partial<StoredCheck> & { key?: unknown };
    if (entry.key !== slot.key || typeof entry.fingerprint !== 'string' || !isDiagnosticList(entry.diagnostics)) return undefined;
    if (!Array.isArray(entry.entries) || !entry.entries.every(isKitEntry)) return undefined;
    if (entry.loader !== undefined && !isLoaderView(entry.loader)) return undefined;
    return { fingerprint: entry.fingerprint, diagnostics: entry.diagnostics, entries: entry.entries, loader: entry.loader };
  } catch {
    return undefined;
  }
}

/**
 * Store `diagnostics` for `slot`, unless the kit changed while it was checked (its files are hashed again), or
 * its data may read from a folder the fingerprint leaves out. `loaded`: the kit as the checks loaded it, with its
 * parts' digests, so that a later edit that leaves every value as it was can reuse the entry (`editedKit.ts`).
 */
export function writeCheckCache(slot: CheckCacheSlot, opts: { dir: string; data: unknown; diagnostics: Diagnostic[]; loader?: LoaderView }): void {
  try {
    // A kit whose data name a folder left out (by its first segment) could read from it: checked every time.
    const data = JSON.stringify(opts.data) ?? '';
    if (slot.print.skipped.some((rel) => data.includes(rel.split('/')[0]!))) return;
    if (slot.print.outputs.length > 0 && pointsInto(opts.data, slot.print.outputs)) return;
    const now = kitFingerprint(opts.dir);
    if (now?.hash !== slot.print.hash) return;
    const payload = serialize({ key: slot.key, fingerprint: slot.print.hash, diagnostics: opts.diagnostics, entries: slot.print.entries, loader: opts.loader } satisfies StoredCheck & { key: string });
    writeSealedCacheFile(slot.file, payload);
    if (Math.random() < 1 / 16) pruneCacheFolder(path.dirname(slot.file), MAX_ENTRIES);
  } catch {
    // Not stored: the next run checks the kit again.
  }
}

/**
 * What the loader read of a kit that loaded without any problem, as an entry keeps it; undefined when a part has no
 * digest (not plain data) or lies outside the kit.
 */
export function loaderView(print: KitFingerprint, data: unknown, parts: KitPart[] | undefined): LoaderView | undefined {
  if (!parts) return undefined;
  const stored: StoredPart[] = [];
  for (const part of parts) {
    const rel = path.relative(print.real, part.abs).split(path.sep).join('/');
    if (part.digest === undefined || rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
    stored.push({ file: part.file, rel, digest: part.digest });
  }
  // What the kit's data say, but for the include patterns (they name the parts, and the loader runs anew): a file
  // named anywhere else may be read as an image. By its name, without case: `Assets/../assets/LOGO.png` names logo.png
  // on a case-insensitive disk. Windows also knows files by short names (`LOGO~1.PNG`).
  const said = (JSON.stringify({ ...(data as object), include: undefined }) ?? '').normalize('NFC').toLowerCase();
  const shortNames = process.platform === 'win32' && said.includes('~');
  const read = print.entries
    .filter((e) => e.kind !== 'd' && e.kind !== 'o')
    .map((e) => e.rel)
    .filter((rel) => shortNames || rel.split('/')[0]!.toLowerCase() === 'templates' || said.includes(rel.split('/').pop()!.normalize('NFC').toLowerCase()));
  return { parts: stored, read };
}

/**
 * Whether the kit's data could make a check read inside one of the `outputs` folders, which the fingerprint
 * lists but does not read: a string of the data with that folder's name as a path segment (an image in
 * `dist/`), or an include pattern that a glob could take into it (`**`, a pattern starting with a wildcard
 * folder, a `..`). Names compare without case, as on a case-insensitive file system.
 */
export function pointsInto(data: unknown, outputs: string[]): boolean {
  const names = new Set(outputs.map((o) => o.normalize('NFC').toLowerCase()));
  const include = (data as { include?: unknown } | null)?.include;
  if (include !== undefined) {
    if (!Array.isArray(include) || include.some((p) => typeof p !== 'string')) return true;
    for (const pattern of include as string[]) {
      const segments = pattern.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
      if (segments.some((s) => s === '..' || s.includes('**')) || (segments.length > 1 && /[*?[\]{}()!+@]/.test(segments[0]!))) return true;
    }
  }
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.normalize('NFC').toLowerCase().split(/[\\/]/).some((s) => names.has(s.trim()))) return true;
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push(key, item);
    }
  }
  return false;
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
const KINDS = new Set(['f', 'l', 'x', 'd', 'o']);

function isKitEntry(e: unknown): e is KitEntry {
  const o = e as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && KINDS.has(o.kind as string) && isText(o.rel) && isText(o.extra) && Number.isInteger(o.size) && isText(o.sha);
}

function isLoaderView(v: unknown): v is LoaderView {
  const o = v as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.parts) || !Array.isArray(o.read) || !o.read.every(isText)) return false;
  return o.parts.every((p: unknown) => {
    const part = p as Record<string, unknown> | null;
    return typeof part === 'object' && part !== null && isText(part.file) && isText(part.rel) && isText(part.digest);
  });
}

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
