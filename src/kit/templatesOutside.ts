import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from './isInside.js';

/**
 * Entries of the kit's `templates/` folder (itself included) that resolve outside the kit folder
 * through a symbolic link, as kit-relative paths with `/`. Links inside the kit are fine; a link
 * to a folder outside is reported once and not walked into. Templates are read by the renderer,
 * so a forked kit must not be able to make capa read, say, `~/.ssh/id_rsa` as a template.
 */
export function templatesOutside(kitDir: string): string[] {
  const realKit = realpathSync(kitDir);
  const found: string[] = [];
  const visit = (abs: string, depth: number) => {
    let stat;
    try {
      stat = lstatSync(abs);
    } catch {
      return;
    }
    const rel = path.relative(kitDir, abs).split(path.sep).join('/');
    if (stat.isSymbolicLink() && !isInside(realKit, abs)) {
      found.push(rel);
      return;
    }
    // A link inside the kit may still lead to a folder that itself links out: follow it, bounded.
    if (depth > 20 || !existsSync(abs)) return;
    let entries: string[];
    try {
      entries = readdirSync(abs);
    } catch {
      return; // a file, or a folder capa cannot list: nothing below it to check
    }
    for (const name of entries.sort()) visit(path.join(abs, name), depth + 1);
  };
  visit(path.join(kitDir, 'templates'), 0);
  return found;
}
