import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One folder per test run, removed afterwards, holding:
 * - the tests' own YAML parse cache (see src/kit/yamlCache.ts), so a run neither fills the developer's
 *   cache nor depends on what an earlier run left there;
 * - the temp folder of the run (TMPDIR, which os.tmpdir() reads): every folder a test makes lands
 *   there, so the teardown can check that none is left behind — in a folder of its own, because other
 *   runs (other checkouts, other programs) use the system temp folder at the same time.
 * Set before the test workers start, which inherit them, as do the `capa` processes the tests spawn.
 */
export default function setup(): () => void {
  const run = mkdtempSync(join(tmpdir(), 'capa-test-run-'));
  const cache = join(run, 'cache');
  const tmp = join(run, 'tmp');
  mkdirSync(cache);
  mkdirSync(tmp);
  // As open as the system temp folder: tests run capa as another user (permissions apply to it, not to root).
  chmodSync(run, 0o755);
  chmodSync(tmp, 0o1777);
  process.env.CAPA_CACHE_DIR = cache;
  process.env.TMPDIR = tmp;
  return () => {
    const left = readdirSync(tmp).filter((name) => /capa/i.test(name));
    rmSync(run, { recursive: true, force: true });
    if (left.length > 0) {
      const shown = left.slice(0, 10).join(', ') + (left.length > 10 ? ', …' : '');
      // vitest reports an error thrown here but still exits 0: the exit code is set too, so the run fails.
      process.exitCode = 1;
      throw new Error(`the tests left ${left.length} capa folder(s) in the temp folder (${shown}): every test must remove what it makes`);
    }
  };
}
