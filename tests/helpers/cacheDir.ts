import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { freshDir } from './tempKit.js';

/**
 * Gives each test of the file its own `CAPA_CACHE_DIR` (a `cache` folder not made yet, in a fresh temp folder) and
 * puts the variable back after it. Returns the current test's folder.
 */
export function cacheDirPerTest(): () => string {
  let saved: string | undefined;
  let dir = '';
  beforeEach(() => {
    saved = process.env.CAPA_CACHE_DIR;
    dir = path.join(freshDir(), 'cache');
    process.env.CAPA_CACHE_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CAPA_CACHE_DIR;
    else process.env.CAPA_CACHE_DIR = saved;
  });
  return () => dir;
}
