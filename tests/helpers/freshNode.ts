import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { ROOT } from './tempKit.js';

/**
 * Runs `script` as an ES module in a fresh Node process (for what one process can do only once: loading a package
 * for the first time, a V8 flag) with the repository as the current folder, so packages resolve from its
 * node_modules, and Node's `flags` before it. Expects it to exit 0, with nothing on stderr when `quiet`, and returns
 * what it printed.
 */
export function runFreshNode(script: string, opts: { env?: NodeJS.ProcessEnv; flags?: string[]; quiet?: boolean } = {}): string {
  const r = spawnSync(process.execPath, [...(opts.flags ?? []), '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', ...(opts.env ? { env: opts.env } : {}) });
  expect(r.status, r.stderr).toBe(0);
  if (opts.quiet) expect(r.stderr).toBe('');
  return r.stdout;
}
