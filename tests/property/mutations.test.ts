import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { main } from '../../src/cli/main.js';
import { generateKit } from '../../scripts/generateKit.js';
import { INVALID_KINDS, mutate, mutation } from './mutateKit.js';
import { propertyRuns } from './kitArbitraries.js';

/**
 * Mutations of valid generated kits (a required key deleted, a type changed, a reference broken,
 * times swapped, random bytes inserted, a file truncated): checking never throws, every diagnostic
 * names its file, line and column, and `capa validate` exits 1 for a broken kit, never 3.
 */
function writeKit(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-mut-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const bases = new Map<string, Record<string, string>>();
const baseKit = (workshops: number, seed: number) => {
  const key = `${workshops}/${seed}`;
  if (!bases.has(key)) bases.set(key, generateKit({ workshops, seed }));
  return bases.get(key)!;
};

async function validateCli(dir: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const sink = { write: () => true };
  const code = await main(['node', 'capa', 'validate', dir], { stdout: sink, stderr: { write: (s: string) => (stderr += s) }, env: {}, isTTY: false, interactive: false });
  return { code, stderr };
}

describe('property: mutated kits get located diagnostics', () => {
  it('never throws, locates every diagnostic, exits 1 (never 3) when the kit is broken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 50 }), mutation, async (workshops, seed, m) => {
        const files = baseKit(workshops, seed);
        const mutated = mutate(files, m);
        fc.pre(mutated !== undefined);
        const dir = writeKit(mutated!);
        try {
          const { diagnostics } = await checkKit({ dir });
          const unlocated = diagnostics.filter((d) => !d.file || !(d.line! >= 1) || !(d.column! >= 1) || !(d.file in mutated!));
          expect(unlocated, JSON.stringify(unlocated.slice(0, 3))).toEqual([]);
          const errors = diagnostics.filter((d) => d.severity === 'error');
          if (INVALID_KINDS.has(m.kind)) expect(errors.length, `${m.kind}: no error`).toBeGreaterThan(0);
          const cli = await validateCli(dir);
          expect(cli.code, cli.stderr).toBe(errors.length > 0 ? 1 : 0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: propertyRuns(60), endOnFailure: true },
    );
  }, 600_000_000);
});
