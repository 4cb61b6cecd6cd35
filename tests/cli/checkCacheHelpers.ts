import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { expect } from 'vitest';
import { runCli, runMain, type Run } from './cliHelpers.js';

/**
 * `capa validate` in this process (the cache folder is read from the environment at each run), much faster than a
 * child process: the first test runs the built command line too.
 */
export async function validate(dir: string, cache: string, extra: string[] = []): Promise<Run> {
  const saved = process.env.CAPA_CACHE_DIR;
  process.env.CAPA_CACHE_DIR = cache;
  try {
    return await runMain(['validate', ...extra, dir]);
  } finally {
    if (saved === undefined) delete process.env.CAPA_CACHE_DIR;
    else process.env.CAPA_CACHE_DIR = saved;
  }
}
/** The same command with every cache off: the reference. */
export const uncached = (dir: string, extra: string[] = []) => validate(dir, '', extra);
/** The built command line (bin/capa.js, its bundle). */
export const validateCli = (dir: string, cache: string, extra: string[] = []) => runCli(['validate', ...extra, dir], { env: { CAPA_CACHE_DIR: cache } });

/** The one entry of the check cache in `cache`. */
export function entryOf(cache: string): string {
  const files = readdirSync(join(cache, 'checks')).filter((f) => f.endsWith('.bin'));
  expect(files).toHaveLength(1);
  return join(cache, 'checks', files[0]!);
}

/** Rewrite an entry's stored value through `edit`, with a correct checksum (a well-formed entry someone changed). */
export function rewriteEntry(file: string, edit: (entry: { key: string; fingerprint: string; diagnostics: Array<Record<string, unknown>>; loader?: StoredLoader }) => void): void {
  const entry = deserialize(readFileSync(file).subarray(32));
  edit(entry);
  const payload = serialize(entry);
  writeFileSync(file, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
}

export function expectSame(actual: Run, expected: Run): void {
  expect({ code: actual.code, stdout: actual.stdout, stderr: actual.stderr }).toEqual({ code: expected.code, stdout: expected.stdout, stderr: expected.stderr });
}

/** What an entry records of the loader (src/check/checkCache.ts `LoaderView`), as a test may rewrite it. */
export interface StoredLoader {
  parts: Array<Record<string, unknown>>;
  read: unknown[];
}

/** A diagnostic no check makes: seen in the output only when the entry it was written into is served. */
export const SERVED = { severity: 'warning', code: 'method/served', message: 'served from the cache' };
