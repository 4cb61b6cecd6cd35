import { homedir } from 'node:os';
import path from 'node:path';
import { usableCacheDir } from './usableCacheDir.js';

let platformDir: string | null | undefined;

/**
 * capa's cache folder: `CAPA_CACHE_DIR` (read at each call: tests set it), else the platform's cache folder, in a
 * `capa/yaml` folder; undefined when the cache is off (`CAPA_CACHE_DIR` empty, or a folder `usableCacheDir`
 * refuses). The parse cache keeps its entries in it, and every other cache a subfolder of it. Imported by
 * bin/capa.js before anything else (src/cli/codeCache.ts), so it depends on nothing of capa but usableCacheDir.
 */
export function capaCacheDir(): string | undefined {
  const chosen = process.env.CAPA_CACHE_DIR;
  if (chosen !== undefined) return chosen && usableCacheDir(chosen) ? chosen : undefined;
  if (platformDir === undefined) platformDir = platformCacheDir() ?? null;
  return platformDir ?? undefined;
}

/** XDG_CACHE_HOME or ~/.cache; LOCALAPPDATA on Windows; ~/Library/Caches on macOS. */
function platformCacheDir(): string | undefined {
  const env = process.env;
  let base = env.XDG_CACHE_HOME;
  if (!base && process.platform === 'win32') base = env.LOCALAPPDATA;
  if (!base) {
    let home: string;
    try {
      home = homedir();
    } catch {
      return undefined;
    }
    if (!home) return undefined;
    base = process.platform === 'darwin' ? path.join(home, 'Library', 'Caches') : path.join(home, '.cache');
  }
  return path.join(base, 'capa', 'yaml');
}
