import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * True when `target` (after following symbolic links, when it exists) lies inside the folder `realRoot`
 * (already a real path). Used for includes, assets and templates: a kit never reaches outside itself.
 */
export function isInside(realRoot: string, target: string): boolean {
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    real = path.resolve(target);
  }
  const rel = path.relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
