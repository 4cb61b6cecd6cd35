import { closeSync, constants, fstatSync, futimesSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { hashText } from './hashText.js';
import { KIT_LIMITS } from './kitLimits.js';
import { capaCacheDir } from './cacheFolder.js';
import { writeCacheFile } from './cacheFile.js';

const require = createRequire(import.meta.url);

/**
 * The plain data of kit files parsed by an earlier run, kept on disk. Parsing YAML is most of a
 * `capa validate` (the reference kit: ~0.25 s of a cold process, plus ~70 ms to load the yaml library;
 * 500 workshops: ~0.4 s), and between two runs most files have not changed.
 *
 * One entry per file path, holding the exact bytes the data was parsed from: an entry serves only those
 * bytes, and an edited file replaces its entry. Only files that parsed with no problem are stored: every
 * YAML diagnostic comes from a real parse, and positions come from the yaml document, parsed again when a
 * diagnostic needs one. Now and then, the least recently used entries beyond the limits are removed.
 *
 * `CAPA_CACHE_DIR` sets the folder; set empty, it turns the cache off. Any failure to read or write the
 * cache is a cache miss, never an error.
 */
export const yamlCache = {
  /** Whether entries are read and written (`CAPA_CACHE_DIR` is not empty). */
  enabled(): boolean {
    return capaCacheDir() !== undefined;
  },

  /**
   * The data parsed from `bytes` (the file at `abs`) by an earlier run, if stored. When the entry holds other bytes
   * of that file (it was edited since), they and their data come as `before` (see `reparseEdit.ts`).
   */
  get(abs: string, bytes: Buffer): { value: unknown } | { before: { bytes: Buffer; value: unknown } } | undefined {
    const file = entryFile(abs);
    if (!file) return undefined;
    try {
      return readEntry(file, (entry) => {
        // An entry: the source's length (4 bytes), the source, then the serialised `Stored`.
        const size = entry.length < 4 ? -1 : entry.readUInt32LE(0);
        if (size < 0 || entry.length < 4 + size) return undefined;
        const same = size === bytes.length && entry.compare(bytes, 0, size, 4, 4 + size) === 0;
        const stored = deserialize(entry.subarray(4 + size)) as Partial<Stored>;
        if (stored.version !== version()) return undefined;
        return same ? { value: stored.value } : { before: { bytes: entry.subarray(4, 4 + size), value: stored.value } };
      });
    } catch {
      // No entry yet, or an unreadable one: parse.
      return undefined;
    }
  },

  /** Store the data parsed from `bytes`; written to a temporary file then renamed, so readers never see half an entry. */
  set(abs: string, bytes: Buffer, value: unknown): void {
    const file = entryFile(abs);
    if (!file) return;
    try {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(bytes.length);
      writeCacheFile(file, Buffer.concat([size, bytes, serialize({ version: version(), value } satisfies Stored)]));
      if (Math.random() < 1 / 32) prune(path.dirname(file));
    } catch {
      // A read-only home or a full disk only means the next run parses again.
    }
  },
};

interface Stored {
  /** What produced `value`: a new yaml, V8 or parse option makes older entries misses. */
  version: string;
  value: unknown;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Hand an entry's bytes to `use`; when `use` accepts it, mark the entry as used (for pruning), at most once
 * a day: one more system call per file on every run would eat part of what the cache saves on a small kit.
 */
function readEntry<T>(file: string, use: (entry: Buffer) => T | undefined): T | undefined {
  // Without blocking and only a regular file of a sane size: a cache folder pointed at /proc, /dev or a pipe
  // must be a miss, never a hang.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > 4 * KIT_LIMITS.maxFileBytes) return undefined;
    const entry = Buffer.allocUnsafe(stats.size);
    for (let at = 0; at < entry.length; ) {
      const read = readSync(fd, entry, at, entry.length - at, at);
      if (read === 0) return undefined;
      at += read;
    }
    const result = use(entry);
    if (result !== undefined && Date.now() - stats.mtimeMs > DAY_MS) {
      try {
        const now = new Date();
        futimesSync(fd, now, now);
      } catch {
        // A read-only cache still serves its entries.
      }
    }
    return result;
  } finally {
    closeSync(fd);
  }
}

/** Limits of the cache, far above what one person's kits need (an entry is about twice its file's size). */
const MAX_ENTRIES = 2000;
const MAX_BYTES = 200 * 1024 * 1024;

/** Past either limit, remove the least recently used entries, down to three quarters of both. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .map((name) => {
      try {
        const stats = statSync(path.join(dir, name));
        return { name, used: stats.mtimeMs, size: stats.size };
      } catch {
        return { name, used: 0, size: 0 };
      }
    });
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (entries.length <= MAX_ENTRIES && total <= MAX_BYTES) return;
  let kept = 0;
  let keptBytes = 0;
  for (const e of entries.sort((a, b) => b.used - a.used)) {
    if (kept < MAX_ENTRIES * 0.75 && keptBytes + e.size <= MAX_BYTES * 0.75) {
      kept++;
      keptBytes += e.size;
    } else rmSync(path.join(dir, e.name), { force: true });
  }
}

let cachedVersion: string | undefined;

function version(): string {
  // The limits change what parses without a problem, so entries are only valid for the limits that stored them.
  cachedVersion ??= `capa-yaml-2 yaml@${yamlPackageVersion()} v8@${process.versions.v8} limits=${JSON.stringify(KIT_LIMITS)}`;
  return cachedVersion;
}

/** yaml's version, read without loading the library itself. */
function yamlPackageVersion(): string {
  try {
    return String((require('yaml/package.json') as { version?: unknown }).version);
  } catch {
    return '?';
  }
}

function entryFile(abs: string): string | undefined {
  const dir = capaCacheDir();
  return dir ? path.join(dir, `${hashText(abs)}.bin`) : undefined;
}

