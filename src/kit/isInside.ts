import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * True when `target` (after following symbolic links) lies inside the folder `realRoot`
 * (already a real path). Used for includes, assets, templates and the output folder: a kit never
 * reaches outside itself. A target that does not exist yet is judged by its nearest existing
 * ancestor, so `templates/x.hbs` under a `templates` link to elsewhere is outside too.
 */
export function isInside(realRoot: string, target: string): boolean {
  const rel = path.relative(realRoot, realPathOf(target));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of `target`, or of its nearest existing ancestor joined with the rest of the path. */
export function realPathOf(target: string): string {
  const abs = path.resolve(target);
  const missing: string[] = [];
  let current = abs;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return abs;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}
