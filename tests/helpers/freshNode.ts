import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { ROOT } from './tempKit.js';

/**
 * Runs `script` as an ES module in a fresh Node process (for what one process can do only once: loading a package
 * for the first time, a V8 flag) with the repository as the current folder, so packages resolve from its
 * node_modules. Expects it to exit 0 and returns what it printed.
 */
export function runFreshNode(script: string, env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', ...(env ? { env } : {}) });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
