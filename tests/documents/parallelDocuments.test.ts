import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKit } from '../../scripts/generateKit.js';
import { tempKit, copyKit, freshDir, ROOT } from '../helpers/tempKit.js';
import { signalWhileDrawing } from '../helpers/signalBuild.js';
import { snapshot, strayStaging } from '../robustness/robustnessHelpers.js';

/**
 * Documents made on worker threads (issue 21): the build runs from lib/ here, where the worker script is (run from
 * the sources, documents are always made in the build's own thread). `workers: { only: true }` has workers make
 * every document, so that each one is compared with the same document made in the build's thread.
 */
type Lib = {
  build: typeof import('../../src/build.js').build;
  CapaError: typeof import('../../src/report/CapaError.js').CapaError;
  UsageError: typeof import('../../src/report/CapaError.js').UsageError;
  protocol: typeof import('../../src/documents/workerProtocol.js');
  loadKit: typeof import('../../src/kit/loadKit.js').loadKit;
  checkKit: typeof import('../../src/check/validateKit.js').checkKit;
};
let lib: Lib;
const BIN = path.join(ROOT, 'bin/capa.js');
const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, 'lib', rel)).href)) as T;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'lib/documents/documentWorker.js'))) throw new Error('lib/ is missing or old: run `npm run build` first');
  const errors = await load<{ CapaError: Lib['CapaError']; UsageError: Lib['UsageError'] }>('report/CapaError.js');
  lib = {
    build: (await load<{ build: Lib['build'] }>('build.js')).build,
    ...errors,
    protocol: await load<Lib['protocol']>('documents/workerProtocol.js'),
    loadKit: (await load<{ loadKit: Lib['loadKit'] }>('kit/loadKit.js')).loadKit,
    checkKit: (await load<{ checkKit: Lib['checkKit'] }>('check/validateKit.js')).checkKit,
  };
});

const DEMO = path.join(ROOT, 'kits/demo');

describe('documents made by worker threads are the ones made in the build’s thread', () => {
  it('every document of a generated kit: same bytes, pages, manifest and diagnostics', async () => {
    const kit = tempKit(generateKit({ workshops: 12, seed: 3 }));
    const here = await lib.build({ dir: kit, to: 'memory', threads: 1 });
    const there = await lib.build({ dir: kit, to: 'memory', threads: 2, workers: { only: true } });
    expect(here.ok, JSON.stringify(here.diagnostics)).toBe(true);
    expect(here.workers).toBe(0);
    expect(there.workers).toBeGreaterThanOrEqual(1);
    expect(there.files.map((f) => f.file)).toEqual(here.files.map((f) => f.file));
    for (const [i, f] of here.files.entries()) {
      expect(Buffer.compare(there.files[i]!.content, f.content), f.file).toBe(0);
      expect(there.files[i]!.pages).toBe(f.pages);
    }
    const manifest = (r: typeof here) => r.documents.map(({ document, file, pages, bytes, sha256 }) => ({ document, file, pages, bytes, sha256 }));
    expect(manifest(there)).toEqual(manifest(here));
    expect(there.diagnostics).toEqual(here.diagnostics);
  }, 180_000);

  it('the build’s thread and a worker together write the same files as one thread', async () => {
    const kit = tempKit(generateKit({ workshops: 40, seed: 5 }));
    const one = path.join(freshDir(), 'one');
    const two = path.join(freshDir(), 'two');
    const a = await lib.build({ dir: kit, out: one, threads: 1 });
    const b = await lib.build({ dir: kit, out: two, threads: 2 });
    expect(a.ok && b.ok).toBe(true);
    expect(a.documents.map((d) => d.document)).toEqual(b.documents.map((d) => d.document));
    expect(snapshot(two)).toEqual(snapshot(one));
  }, 180_000);

  it('a layout error in a worker is the same diagnostic, at the YAML line of the value', async () => {
    const long = 'Quelles données du port partager avec les chauffeurs et les riverains, qui les produit et qui décide '.repeat(7);
    const old = "Qui détient quelle donnée sur l'accès au port, et qui doit décider de son partage ?";
    const kit = copyKit(DEMO, { 'capa.yaml': (y) => y.replace(old, `${long.trim()} ?`) });
    const here = await lib.build({ dir: kit, only: ['cards', 'badges'], to: 'memory', threads: 1 });
    const there = await lib.build({ dir: kit, only: ['cards', 'badges'], to: 'memory', threads: 1, workers: { only: true } });
    expect(there.workers).toBe(1);
    expect(here.ok).toBe(false);
    const errors = here.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.file, d.path])).toEqual([['layout/overflow', 'capa.yaml', '/challenges/0/question']]);
    expect(errors[0]!.related?.length).toBe(1);
    expect(there).toMatchObject({ ok: false, files: [], diagnostics: here.diagnostics });
  }, 120_000);
});

describe('a kit edited during the build', () => {
  it('a worker that reads other data than was checked makes nothing: the build’s thread makes those documents from what it checked', async () => {
    const { makeDocuments } = await load<typeof import('../../src/documents/makeDocuments.js')>('documents/makeDocuments.js');
    const { createRenderer } = await load<typeof import('../../src/render/createRenderer.js')>('render/createRenderer.js');
    const { DOCUMENT_SPECS } = await load<typeof import('../../src/documents/registry.js')>('documents/registry.js');
    const { kitAssets } = await load<typeof import('../../src/documents/kitAssets.js')>('documents/kitAssets.js');
    const checked = await lib.checkKit({ dir: DEMO });
    const kit = checked.kit!;
    const context = { kit, renderer: createRenderer({ kitDir: DEMO, lang: kit.lang }), messageLang: 'fr' as const, assets: kitAssets(DEMO), loaded: checked.loaded };
    const specs = DOCUMENT_SPECS.filter((s) => s.name === 'cards' || s.name === 'use-cases');
    const base = { specs, context, kitDir: DEMO, lang: 'fr' as const };
    // What the build checked differs from the files the worker reads (as when a file is saved meanwhile).
    const edited = { ...checked.loaded.data, title: 'Titre enregistré pendant la construction' };
    const stale = await makeDocuments({ ...base, data: edited, threads: 1, workers: { only: true } });
    const here = await makeDocuments({ ...base, data: checked.loaded.data, threads: 1 });
    expect(stale.map((m) => m.thread)).toEqual([0, 0]);
    expect(stale.map((m) => m.output.content)).toEqual(here.map((m) => m.output.content));
    const fresh = await makeDocuments({ ...base, data: checked.loaded.data, threads: 1, workers: { only: true } });
    expect(fresh.map((m) => m.thread)).toEqual([1, 1]);
    expect(fresh.map((m) => m.output.content)).toEqual(here.map((m) => m.output.content));
  }, 120_000);
});

describe('a failing parallel build stops every thread and writes nothing', () => {
  let kit: string;
  let out: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    kit = tempKit(generateKit({ workshops: 60, seed: 7 }));
    out = path.join(kit, 'dist');
    const first = await lib.build({ dir: kit, only: ['calendar'], threads: 1 });
    expect(first.ok).toBe(true);
    before = snapshot(out);
  }, 120_000);

  it.each([
    ['with the build’s thread working too', { threads: 2 }],
    ['with workers only', { threads: 2, workers: { only: true } }],
  ])('an abort %s ends it within a second: build/interrupted, dist/ intact', async (_, how) => {
    const controller = new AbortController();
    let abortedAt = 0;
    // Aborted once the first document is made, while the others are being laid out in both kinds of thread.
    const onDocument = () => {
      if (abortedAt) return;
      abortedAt = performance.now();
      controller.abort('SIGTERM');
    };
    const err = await lib.build({ dir: kit, signal: controller.signal, onDocument, ...how }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const endedAt = performance.now();
    expect(abortedAt).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(lib.CapaError);
    expect(err).toMatchObject({ code: 'build/interrupted', exitCode: 143 });
    expect(endedAt - abortedAt).toBeLessThan(1000);
    expect(snapshot(out)).toEqual(before);
    expect(strayStaging(out)).toEqual([]);
  }, 120_000);

  it('a worker that runs out of memory fails the build (internal error naming the worker), dist/ intact', async () => {
    const err = await lib.build({ dir: kit, threads: 1, workers: { only: true, limits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(lib.CapaError);
    expect((err as Error).message).toMatch(/^a document worker stopped while (starting|making [a-z-]+): .*memory/);
    expect(snapshot(out)).toEqual(before);
    expect(strayStaging(out)).toEqual([]);
  }, 120_000);

  it('SIGTERM to `capa build` with CAPA_WORKERS=2: exit 143 within seconds, dist/ intact', async () => {
    const result = await signalWhileDrawing(BIN, kit, 'SIGTERM', 2);
    expect(result.sentAt).toBeGreaterThan(0);
    expect(result.code, result.stderr).toBe(143);
    expect(result.exitAt - result.sentAt).toBeLessThan(3000);
    expect(result.stderr).toContain('capa: construction interrompue (SIGTERM)');
    expect(snapshot(out)).toEqual(before);
    expect(strayStaging(out)).toEqual([]);
  }, 180_000);
});

describe('what crosses between a worker and the build', () => {
  /** Through a real message port, as a worker's reply travels (structured clone). */
  const crossed = async <T>(value: T): Promise<T> => {
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<T>((resolve) => port2.once('message', resolve));
    port1.postMessage(value);
    const v = await got;
    port1.close();
    return v;
  };

  it('a CapaError thrown while making a document comes back as the same CapaError (code, message, exit code)', async () => {
    const sent = new lib.CapaError('install/font-missing', 'police manquante : Inter', { exitCode: 3 });
    const back = lib.protocol.receiveError(await crossed(lib.protocol.sendError(sent)));
    expect(back).toBeInstanceOf(lib.CapaError);
    expect(back).not.toBeInstanceOf(lib.UsageError);
    expect(back).toMatchObject({ name: 'CapaError', code: 'install/font-missing', message: 'police manquante : Inter', exitCode: 3 });
    const usage = lib.protocol.receiveError(await crossed(lib.protocol.sendError(new lib.UsageError('usage/only', 'document inconnu'))));
    expect(usage).toBeInstanceOf(lib.UsageError);
    expect(usage).toMatchObject({ code: 'usage/only', exitCode: 2 });
  });

  it('any other error stays an internal error, with the worker’s stack for --verbose', async () => {
    const bug = new TypeError('x is undefined');
    const back = lib.protocol.receiveError(await crossed(lib.protocol.sendError(bug)));
    expect(back).not.toBeInstanceOf(lib.CapaError);
    expect(back.message).toBe('x is undefined');
    expect(back.stack).toBe(bug.stack);
  });

  it('bytes are handed over whole, without copying, unless they share Node’s small-buffer pool', () => {
    const own = Buffer.from(new ArrayBuffer(64 * 1024));
    expect(lib.protocol.transferable(own)).toBe(own.buffer);
    const pooled = Buffer.from('%PDF-1.7 petit');
    const copy = lib.protocol.transferable(pooled);
    expect(copy).not.toBe(pooled.buffer);
    expect(Buffer.from(copy).toString()).toBe('%PDF-1.7 petit');
  });

  it('a worker recognises the kit the build checked: same fingerprint parsed or read from the YAML cache', async () => {
    const cache = freshDir();
    mkdirSync(path.join(cache, 'c'));
    const saved = process.env.CAPA_CACHE_DIR;
    process.env.CAPA_CACHE_DIR = path.join(cache, 'c');
    try {
      for (const dir of [path.join(ROOT, 'kits/capacities'), tempKit(generateKit({ workshops: 30, seed: 2 }))]) {
        const checked = await lib.checkKit({ dir });
        const again = await lib.loadKit({ dir });
        expect(lib.protocol.dataFingerprint(again.data)).toBe(lib.protocol.dataFingerprint(checked.loaded.data));
      }
    } finally {
      if (saved === undefined) delete process.env.CAPA_CACHE_DIR;
      else process.env.CAPA_CACHE_DIR = saved;
    }
  });
});

describe('CAPA_WORKERS', () => {
  it('a value that is not a whole number from 1 is refused (exit 2, usage/bad-workers), in both languages', () => {
    for (const [lang, expected] of [
      ['fr', 'capa: la variable CAPA_WORKERS vaut "deux" : attendu un nombre entier de 1 à 64'],
      ['en', 'capa: the CAPA_WORKERS variable is "deux": expected a whole number from 1 to 64'],
    ] as const) {
      const r = spawnSync(process.execPath, [BIN, 'build', DEMO, '--out', path.join(freshDir(), 'o')], { env: { ...process.env, CAPA_LANG: lang, NO_COLOR: '1', CAPA_WORKERS: 'deux' }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(expected);
    }
  }, 60_000);

  it('CAPA_WORKERS=1 makes every document in the build’s thread', async () => {
    const saved = process.env.CAPA_WORKERS;
    process.env.CAPA_WORKERS = '1';
    try {
      const r = await lib.build({ dir: tempKit(generateKit({ workshops: 40, seed: 5 })), to: 'memory' });
      expect(r.ok).toBe(true);
      expect(r.workers).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.CAPA_WORKERS;
      else process.env.CAPA_WORKERS = saved;
    }
  }, 120_000);
});
