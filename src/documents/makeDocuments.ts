import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import type { Lang } from '../report/messages.js';
import { createCheckpoint } from '../layout/core/checkpoint.js';
import type { DocumentContext, DocumentOutput, DocumentSpec } from './DocumentSpec.js';
import type { FileSink } from './FileSink.js';
import { documentCost } from './documentThreads.js';
import { interruptedBeforeWriting } from './writeOutputs.js';
import { WorkerLane } from './WorkerLane.js';
import { dataFingerprint, type WorkerSetup } from './workerProtocol.js';

export interface MadeDocument {
  spec: DocumentSpec;
  output: DocumentOutput;
  /** Milliseconds spent making it, in the thread that made it. */
  ms: number;
  /** Which thread made it: 0 the build's own, 1… a worker. */
  thread: number;
}

export interface MakeDocumentsOptions {
  specs: DocumentSpec[];
  /** What documents made in this thread receive (the checkpoint is made here). */
  context: Omit<DocumentContext, 'checkpoint'>;
  /** The kit folder and the data the build checked (`LoadedKit.data`), which workers load again and compare. */
  kitDir: string;
  data: unknown;
  lang: Lang;
  /** Threads making documents (`documentThreads`); 1: this one only, no worker is started. */
  threads: number;
  signal?: AbortSignal;
  /** Called for each document, in the order of `specs`, as soon as it and the ones before it are made. */
  onDocument?: (made: MadeDocument) => void;
  workers?: WorkerOptions;
  /** Where a document made in this thread streams its file (the build's staging folder); workers send bytes back. */
  openOutput?: (file: string) => FileSink;
}

/** How worker threads run, for tests. */
export interface WorkerOptions {
  /** Workers make every document, none is made in this thread (`threads` is then the number of workers). */
  only?: boolean;
  /** Heap limits of each worker (a worker that runs out of memory). */
  limits?: ResourceLimits;
}

/** The worker script, next to this module once compiled; run from sources (tests), documents are made in this thread. */
const WORKER = new URL('./documentWorker.js', import.meta.url);
const workerScript = () => import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER));

/**
 * Makes the documents, in worker threads too when `threads` > 1: the costliest ones are started first, each
 * thread takes the next when it is free, and the results come back in the order of `specs` (output, diagnostics
 * and manifest as when made one after the other). Any failure — an error thrown while making a document, a
 * worker that crashes or runs out of memory, an abort — stops every thread and is thrown: nothing is written.
 */
export async function makeDocuments(opts: MakeDocumentsOptions): Promise<MadeDocument[]> {
  const { specs, signal, lang } = opts;
  const made: Array<MadeDocument | undefined> = new Array(specs.length);
  let reported = 0;
  const done = (index: number, result: MadeDocument) => {
    made[index] = result;
    for (; reported < specs.length && made[reported]; reported++) opts.onDocument?.(made[reported]!);
  };
  const makeHere = async (index: number, checkpoint: DocumentContext['checkpoint']) => {
    const start = performance.now();
    const spec = specs[index]!;
    const openOutput = opts.openOutput;
    const output = await spec.make({ ...opts.context, checkpoint, ...(openOutput ? { openOutput: () => openOutput(spec.file) } : {}) });
    done(index, { spec, output, ms: performance.now() - start, thread: 0 });
  };

  if ((opts.threads <= 1 && !opts.workers?.only) || !workerScript()) {
    // Long stages pause every ~50 ms so that a signal handler (Ctrl-C) runs and an abort is noticed within a second.
    const checkpoint = createCheckpoint({ signal, onAbort: () => interruptedBeforeWriting(signal!, lang) });
    for (const index of specs.keys()) {
      if (signal?.aborted) throw interruptedBeforeWriting(signal, lang);
      await makeHere(index, checkpoint);
    }
    return made as MadeDocument[];
  }

  // The first failure stops everything: this thread at its next checkpoint, the workers at once.
  const stop = new AbortController();
  let failure: unknown;
  const fail = (err: unknown) => {
    if (stop.signal.aborted) return;
    failure = err;
    stop.abort();
  };
  const onAbort = () => fail(interruptedBeforeWriting(signal!, lang));
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const checkpoint = createCheckpoint({ signal: stop.signal, onAbort: () => failure as Error });

  const queue = [...specs.keys()].sort((a, b) => documentCost(specs[b]!.name, opts.context.kit) - documentCost(specs[a]!.name, opts.context.kit));
  const next = () => (stop.signal.aborted ? undefined : queue.shift());
  const setup: WorkerSetup = { dir: opts.kitDir, lang, print: opts.context.print ?? {}, pdfa: opts.context.pdfa, fingerprint: dataFingerprint(opts.data) };
  const only = opts.workers?.only ?? false;
  const count = only ? opts.threads : opts.threads - 1;
  const workers = Array.from({ length: count }, (_, i) => new WorkerLane({ id: i + 1, script: WORKER, setup, limits: opts.workers?.limits, specs, next, done, stop: stop.signal }));
  const here = async () => {
    if (only) return;
    for (let index = next(); index !== undefined; index = next()) await makeHere(index, checkpoint);
    // Nothing left to start: a worker still loading would only cost time.
    for (const w of workers) w.stopIfIdle();
  };
  await Promise.allSettled([here(), ...workers.map((w) => w.done)].map((p) => p.catch(fail)));
  // Left by workers that found the kit changed on disk since it was checked: made here, from what was checked.
  try {
    for (let index = next(); index !== undefined; index = next()) await makeHere(index, checkpoint);
  } catch (err) {
    fail(err);
  }
  signal?.removeEventListener('abort', onAbort);
  stop.abort();
  if (failure !== undefined) throw failure;
  return made as MadeDocument[];
}
