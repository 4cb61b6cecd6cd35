import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Reading and writing one file of capa's cache folder (capaCacheDir). A cache entry is only ever a hint:
 * any failure is a miss, never an error, and whoever reads an entry checks that it belongs to what it asked.
 */

/**
 * The bytes of `file`, or undefined when it is missing, not a regular file or larger than `maxBytes`.
 * Opened without blocking: a cache folder pointed at a pipe must be a miss, never a hang.
 */
export function readCacheFile(file: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    for (let at = 0; at < bytes.length; ) {
      const read = readSync(fd, bytes, at, bytes.length - at, at);
      if (read === 0) return undefined;
      at += read;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Write `file` through a temporary file then a rename, so that a reader never sees half an entry. */
export function writeCacheFile(file: string, data: string | Uint8Array): void {
  try {
    const temp = tempFileFor(file);
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch {
    // A read-only home or a full disk only means the next run does the work again.
  }
}

/** A name beside `file` for writing it before the rename (its folder made): unique to this process and call. */
function tempFileFor(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/**
 * Write `payload` as a sealed entry: its SHA-256 first, so that `readSealedCacheFile` can tell a damaged or
 * truncated entry from a whole one.
 */
export function writeSealedCacheFile(file: string, payload: Uint8Array): void {
  writeCacheFile(file, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
}

/**
 * The same, for a payload that is `head` followed by the bytes of the file `from` (a PDF a build wrote): copied in
 * chunks, so a large file is never whole in memory, and its SHA-256 written in front once known.
 */
export function writeSealedCacheFileFrom(file: string, head: Uint8Array, from: string): void {
  let temp: string | undefined;
  let out: number | undefined;
  let source: number | undefined;
  try {
    temp = tempFileFor(file);
    out = openSync(temp, 'w');
    source = openSync(from, constants.O_RDONLY | constants.O_NONBLOCK);
    const hash = createHash('sha256').update(head);
    writeAll(out, Buffer.alloc(32), 0);
    writeAll(out, head, 32);
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let at = 0, read; (read = readSync(source, chunk, 0, chunk.length, at)) > 0; at += read) {
      hash.update(chunk.subarray(0, read));
      writeAll(out, chunk.subarray(0, read), 32 + head.length + at);
    }
    writeAll(out, hash.digest(), 0);
    closeSync(out);
    out = undefined;
    renameSync(temp, file);
    temp = undefined;
  } catch {
    // As writeCacheFile: the next run does the work again.
  } finally {
    if (source !== undefined) closeSync(source);
    if (out !== undefined) closeSync(out);
    if (temp !== undefined) rmSync(temp, { force: true });
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** The payload of an entry `writeSealedCacheFile` wrote, when it is whole and unchanged; undefined otherwise. */
export function readSealedCacheFile(file: string, maxBytes: number): Buffer | undefined {
  const bytes = readCacheFile(file, maxBytes);
  if (!bytes || bytes.length < 32) return undefined;
  const payload = bytes.subarray(32);
  return createHash('sha256').update(payload).digest().equals(bytes.subarray(0, 32)) ? payload : undefined;
}

/**
 * Keeps the `max` most recently written `.bin` files of a cache folder, and of those only as many as fit in `maxBytes`,
 * and removes the others: each cache keeps its folder bounded this way. A folder that cannot be listed is only a cache
 * that grows.
 */
export function pruneCacheFolder(dir: string, max: number, maxBytes = Infinity): void {
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    if (files.length <= max && maxBytes === Infinity) return;
    const dated = files.map((name) => {
      try {
        const stats = statSync(path.join(dir, name));
        return { name, at: stats.mtimeMs, size: stats.size };
      } catch {
        return { name, at: 0, size: 0 };
      }
    });
    let kept = 0;
    let bytes = 0;
    for (const f of dated.sort((a, b) => b.at - a.at)) {
      if (kept < max && bytes + f.size <= maxBytes) {
        kept++;
        bytes += f.size;
      } else rmSync(path.join(dir, f.name), { force: true });
    }
  } catch {
    // See above.
  }
}
