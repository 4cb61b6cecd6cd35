import { realpathSync } from 'node:fs';
import path from 'node:path';

const judged = new Map<string, boolean>();

/**
 * Whether a chosen cache folder (CAPA_CACHE_DIR) may be used: not inside a virtual file system (/proc, /sys, /dev),
 * where reading a file can block forever or return endless data, and where Node's compile cache spins. A folder
 * that does not exist yet is judged by where it would be created. Imported by bin/capa.js before anything else,
 * so it depends on nothing of capa.
 */
export function usableCacheDir(dir: string): boolean {
  let ok = judged.get(dir);
  if (ok === undefined) {
    let real = path.resolve(dir);
    for (let probe = real; ; probe = path.dirname(probe)) {
      try {
        real = path.join(realpathSync(probe), path.relative(probe, real));
        break;
      } catch {
        if (path.dirname(probe) === probe) break;
      }
    }
    ok = !/^\/(proc|sys|dev)(\/|$)/.test(real);
    judged.set(dir, ok);
  }
  return ok;
}
