import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The tests' own YAML parse cache (see src/kit/yamlCache.ts): a fresh folder per run, removed afterwards,
 * so a test run neither fills the developer's cache nor depends on what an earlier run left there.
 * Set before the test workers start, which inherit it, as do the `capa` processes the tests spawn.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'capa-test-cache-'));
  process.env.CAPA_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
