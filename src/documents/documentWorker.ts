import module from 'node:module';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { MakeRequest, WorkerReply, WorkerSetup } from './workerProtocol.js';

/**
 * A worker thread that makes documents for `makeDocuments`: it loads the kit itself (the same files, checked
 * by the build: it stops if what it reads differs), then makes each document it is asked for and sends back
 * its bytes (handed over, not copied), its diagnostics and its stage times.
 */
const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

// Like bin/capa.js (Node 22.1+): compiled modules cached on disk; on before the heavy modules are imported.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const [{ loadKit }, { resolveKit }, { createRenderer }, { DOCUMENT_SPECS }, { kitAssets }, stages, protocol] = await Promise.all([
  import('../kit/loadKit.js'),
  import('../kit/resolveKit.js'),
  import('../render/createRenderer.js'),
  import('./registry.js'),
  import('./kitAssets.js'),
  import('../stageClock.js'),
  import('./workerProtocol.js'),
]);

const loaded = await loadKit({ dir: setup.dir, lang: setup.lang });
if (protocol.dataFingerprint(loaded.data) !== setup.fingerprint) {
  // Kept open until the build ends it, so that it never sees this worker end on its own (a crash).
  port.on('message', () => {});
  post({ type: 'stale' });
} else {
  const { kit } = resolveKit(loaded, { lang: setup.lang });
  const renderer = createRenderer({ kitDir: loaded.dir, lang: kit.lang, messageLang: setup.lang });
  const ctx = { kit, renderer, messageLang: setup.lang, assets: kitAssets(loaded.dir), loaded, print: setup.print, pdfa: setup.pdfa };
  port.on('message', async ({ index, name }: MakeRequest) => {
    stages.resetStages();
    const start = performance.now();
    try {
      const spec = DOCUMENT_SPECS.find((s) => s.name === name)!;
      const output = await spec.make(ctx);
      const content = output.content && protocol.transferable(output.content);
      const made = { type: 'made', index, content, pages: output.pages, diagnostics: output.diagnostics, ms: performance.now() - start, stages: stages.stageTimes() } as const;
      post(made, content ? [content] : []);
    } catch (err) {
      post({ type: 'failed', index, error: protocol.sendError(err) });
    }
  });
  post({ type: 'ready' });
}
