import { createHash } from 'node:crypto';
import path from 'node:path';
import { debuglog } from 'node:util';
import { readCacheFile, writeCacheFile } from '../kit/cacheFile.js';
import { capaCacheDir } from '../kit/cacheFolder.js';

/**
 * PNG data found sound, by the SHA-256 of the file's bytes: inflating a photo's data to check it takes
 * ~100 ms and more (the reference kit's photo is 15 MB of pixels), hashing its 300 KB file ~1 ms. Kept for
 * this process and in the cache folder (`image-checks/`), so a logo drawn by every document, or a kit
 * validated again, is inflated once.
 *
 * Only sound images are remembered: a problem is always found by a real check. An entry names the hash and
 * the check's version it was made for, and is used only when both match: a damaged, edited or foreign entry
 * is a miss.
 */

/** `NODE_DEBUG=capa-image` prints each image whose data is inflated. */
export const imageDebug = debuglog('capa-image');

export function imageHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface Sound {
  width: number;
  height: number;
}

const recent = new Map<string, Sound>();
const KEEP = 64;

/** The size of the PNG whose bytes hash to `hash`, when its data was found sound by the check `version`. */
export function soundBefore(hash: string, version: string): Sound | undefined {
  const key = `${version}\n${hash}`;
  const known = recent.get(key);
  if (known) return known;
  const file = entryFile(hash);
  const bytes = file ? readCacheFile(file, 4096) : undefined;
  if (!bytes) return undefined;
  try {
    const entry = JSON.parse(bytes.toString('utf8')) as Partial<Entry>;
    if (entry.version !== version || entry.sha256 !== hash || !isSize(entry.width) || !isSize(entry.height)) return undefined;
    const sound = { width: entry.width, height: entry.height };
    remember(key, sound);
    return sound;
  } catch {
    return undefined;
  }
}

/** Remember that the PNG whose bytes hash to `hash` passed the check `version`. */
export function rememberSound(hash: string, version: string, sound: Sound): void {
  remember(`${version}\n${hash}`, sound);
  const file = entryFile(hash);
  if (file) writeCacheFile(file, JSON.stringify({ version, sha256: hash, width: sound.width, height: sound.height } satisfies Entry));
}

interface Entry extends Sound {
  version: string;
  sha256: string;
}

function remember(key: string, sound: Sound): void {
  if (recent.size >= KEEP) recent.delete(recent.keys().next().value!);
  recent.set(key, sound);
}

const isSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

function entryFile(hash: string): string | undefined {
  const dir = capaCacheDir();
  return dir ? path.join(dir, 'image-checks', `${hash}.json`) : undefined;
}
