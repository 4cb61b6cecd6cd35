import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildOptions, BuildResult } from '../../src/build.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../cli/cliHelpers.js';

const timings = { load: 0, check: 0, render: 0, layout: 0, draw: 0, documents: 0, write: 0 };

async function buildWith(args: string[]): Promise<{ code: number; calls: BuildOptions[]; stdout: string }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\nkit:\n  id: demo\n  title: Démo\n');
  const calls: BuildOptions[] = [];
  let stdout = '';
  const build = async (o: BuildOptions): Promise<BuildResult> => (calls.push(o), { ok: true, diagnostics: [], outDir: join(dir, 'dist'), documents: [], files: [], timings });
  const code = await main(['node', 'capa', 'build', dir, ...args], {
    env: {},
    isTTY: false,
    cwd: dir,
    stdout: { write: (s: string) => void (stdout += s) },
    stderr: { write: () => undefined },
    deps: { build },
  });
  return { code, calls, stdout };
}

describe('capa build --pdfa', () => {
  it('asks build() for PDF/A', async () => {
    const r = await buildWith(['--pdfa']);
    expect(r.code).toBe(0);
    expect(r.calls.map((c) => c.pdfa)).toEqual([true]);
  });

  it('leaves it out otherwise', async () => {
    const r = await buildWith([]);
    expect(r.calls.map((c) => 'pdfa' in c)).toEqual([false]);
  });

  it('is described in both languages of the help', async () => {
    for (const [lang, text] of [['en', 'PDF/A-2a files'], ['fr', 'des PDF/A-2a']] as const) {
      let out = '';
      await main(['node', 'capa', 'build', '--help', '--lang', lang], {
        env: {},
        isTTY: false,
        stdout: { write: (s: string) => void (out += s) },
        stderr: { write: (s: string) => void (out += s) },
        deps: {},
      });
      expect(out).toContain('--pdfa');
      expect(out).toContain(text);
    }
  });
});
