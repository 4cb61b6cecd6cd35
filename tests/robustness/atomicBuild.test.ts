import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { DOCUMENT_SPECS } from '../../src/documents/registry.js';
import { abandonPendingWrites, writeOutputs, type OutputFile } from '../../src/documents/writeOutputs.js';
import { CapaError } from '../../src/report/CapaError.js';
import { copyKit, ROOT, snapshot, strayStaging } from './robustnessHelpers.js';

/**
 * All-or-nothing builds: a failure in the third document, a failing write, an abort or a signal
 * to a real `capa build` process leaves the previous dist/ byte for byte and no staging folder.
 */
const BIN = path.join(ROOT, 'bin/capa.js');
const files = (n: number): OutputFile[] => Array.from({ length: n }, (_, i) => ({ file: `f${i + 1}.pdf`, content: Buffer.from(`nouveau ${i + 1}`) }));
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

let kit: string;
let dist: string;
let before: Record<string, string>;
beforeAll(async () => {
  kit = copyKit();
  dist = path.join(kit, 'dist');
  const first = await build({ dir: kit });
  expect(first.ok).toBe(true);
  before = snapshot(dist);
  expect(Object.keys(before)).toContain('manifest.json');
});

const intact = () => {
  expect(snapshot(dist)).toEqual(before);
  expect(strayStaging(dist)).toEqual([]);
};

describe('a failed build leaves the previous dist/ as it was', () => {
  const original = DOCUMENT_SPECS[2];
  afterEach(() => {
    DOCUMENT_SPECS[2] = original;
  });

  it('an exception in the third document', async () => {
    DOCUMENT_SPECS[2] = { ...original, make: async () => { throw new Error('panne simulée dans le troisième document'); } };
    await expect(build({ dir: kit })).rejects.toThrow('panne simulée');
    intact();
  });

  it('a full disk on the third file: build/disk-full, a clear message', async () => {
    let calls = 0;
    const writeFile = async () => {
      if (++calls === 3) throw errno('ENOSPC');
    };
    const err = await writeOutputs({ outDir: dist, files: files(5), writeFile }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CapaError);
    expect(err).toMatchObject({ code: 'build/disk-full', exitCode: 1 });
    expect((err as Error).message).toBe(`le disque est plein : « ${dist} » n’a pas pu être écrit (ENOSPC) ; libérez de la place puis relancez capa build ; le dossier de sortie précédent est resté tel quel`);
    intact();
  });

  it('a folder that cannot be written: build/not-writable, in English', async () => {
    const writeFile = async () => {
      throw errno('EACCES');
    };
    const err = await writeOutputs({ outDir: dist, files: files(2), writeFile, lang: 'en' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'build/not-writable', exitCode: 1 });
    expect((err as Error).message).toBe(`cannot write to “${dist}” (EACCES): give write permission on this folder or choose another one with --out; the previous output folder was left as it was`);
    intact();
  });

  it('an abort while writing: build/interrupted with the signal’s exit code', async () => {
    for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const controller = new AbortController();
      let calls = 0;
      const writeFile = async () => {
        if (++calls === 2) controller.abort(signal);
      };
      const err = await writeOutputs({ outDir: dist, files: files(4), writeFile, signal: controller.signal }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'build/interrupted', exitCode, message: `construction interrompue (${signal}) : le dossier de sortie précédent est resté tel quel` });
      expect(calls).toBe(2);
      intact();
    }
  });

  it('an abort between documents stops the build before anything is written', async () => {
    const controller = new AbortController();
    const err = await build({ dir: kit, signal: controller.signal, onDocument: () => controller.abort('SIGTERM') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'build/interrupted', exitCode: 143 });
    intact();
  });

  it('abandonPendingWrites (the signal handler) removes the staging folder of a write in progress', async () => {
    let release!: () => void;
    let reached!: () => void;
    const atThird = new Promise<void>((r) => (reached = r));
    let calls = 0;
    const writeFile = async (abs: string, content: Buffer | string) => {
      if (++calls === 3) {
        reached();
        await new Promise<void>((r) => (release = r));
      }
      const { writeFile: real } = await import('node:fs/promises');
      await real(abs, content);
    };
    const pending = writeOutputs({ outDir: dist, files: files(4), writeFile }).catch((e: unknown) => e);
    await atThird;
    expect(strayStaging(dist)).toHaveLength(1);
    abandonPendingWrites();
    intact();
    release();
    expect(await pending).toBeInstanceOf(Error);
    intact();
  });
});

describe('a real `capa build` process killed midway', () => {
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'lib/cli/main.js'))) throw new Error('lib/ is missing: run `npm run build` first');
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s: exit %i, dist/ intact byte for byte, no staging folder', async (signal, exitCode) => {
    const env = { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' };
    const result = await new Promise<{ code: number | null; stderr: string; killed: boolean }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'build', kit, '--verbose'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let killed = false;
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The first document is made: the build is midway, nothing written yet.
        if (!killed && /^ {2}\S+ \(\d+ ms\)$/m.test(stderr)) {
          killed = true;
          child.kill(signal);
        }
      });
      child.on('exit', (code) => resolve({ code, stderr, killed }));
    });
    expect(result.killed).toBe(true);
    expect(result.code, result.stderr).toBe(exitCode);
    expect(result.stderr).toContain(`capa: construction interrompue (${signal}) : le dossier de sortie précédent est resté tel quel`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    intact();
  });

  it('then a full build still replaces dist/ in one piece', async () => {
    expect((await build({ dir: kit })).ok).toBe(true);
    expect(Object.keys(snapshot(dist)).sort()).toEqual(Object.keys(before).sort());
    expect(readdirSync(kit).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
