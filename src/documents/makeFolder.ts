import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * `mkdir -p` that always ends: Node's `mkdir(…, { recursive: true })` spins forever on a path under
 * `/proc` (every level answers ENOENT), which hung `capa build --out /proc/nope/x`. Here each missing level
 * is made once, in order, and the first failure is thrown with its code (ENOENT, EACCES, EROFS, ENOTDIR…).
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const stats = await stat(current).catch((err: NodeJS.ErrnoException) => {
      // ENOTDIR: a file on the way; walking up finds it and names it.
      if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw err;
      return undefined;
    });
    if (stats?.isDirectory()) break;
    if (stats) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR', path: current });
    const parent = path.dirname(current);
    if (parent === current) throw Object.assign(new Error(`${current} does not exist`), { code: 'ENOENT', path: current });
    missing.push(current);
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (err) {
      // Made meanwhile by a concurrent build: fine when it is a folder.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !(await stat(level)).isDirectory()) throw err;
    }
  }
}
