import { Worker, type ResourceLimits } from 'node:worker_threads';
import { addStageTime, type Stage } from '../stageClock.js';
import type { DocumentSpec } from './DocumentSpec.js';
import type { MadeDocument } from './makeDocuments.js';
import { receiveError, type MakeRequest, type WorkerReply, type WorkerSetup } from './workerProtocol.js';

/**
 * One worker thread making documents for `makeDocuments`: once it has loaded the kit it asks `next()` for a
 * document, reports it with `done`, and asks again until nothing is left. `done` (the promise) resolves when it
 * has nothing more to do, or rejects with the document's error, or when the worker crashed or ran out of memory.
 */
export class WorkerLane {
  readonly done: Promise<void>;
  private worker: Worker;
  private job: number | undefined;
  private ready = false;
  private finished = false;
  private settle!: (err?: unknown) => void;

  constructor(private readonly o: {
    /** The thread number its documents report (`MadeDocument.thread`). */
    id: number;
    script: URL;
    limits?: ResourceLimits;
    setup: WorkerSetup;
    specs: DocumentSpec[];
    next: () => number | undefined;
    done: (index: number, made: MadeDocument) => void;
    /** Aborted when the build stops (a failure elsewhere, or the end): the worker is ended at once. */
    stop: AbortSignal;
  }) {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    this.worker = new Worker(o.script, { workerData: o.setup, ...(o.limits ? { resourceLimits: o.limits } : {}) });
    const onStop = () => this.finish();
    o.stop.addEventListener('abort', onStop, { once: true });
    void this.done.catch(() => {}).finally(() => o.stop.removeEventListener('abort', onStop));
    this.worker.on('message', (reply: WorkerReply) => this.receive(reply));
    this.worker.on('error', (err) => this.finish(this.crashed(err)));
    this.worker.on('exit', (code) => this.finish(this.crashed(new Error(`exit code ${code}`))));
  }

  /** Ends the worker if it has not started a document (still loading, or waiting). */
  stopIfIdle(): void {
    if (this.job === undefined) this.finish();
  }

  private receive(reply: WorkerReply): void {
    if (this.finished) return;
    if (reply.type === 'ready') {
      this.ready = true;
      this.ask();
    } else if (reply.type === 'stale') {
      // The kit changed on disk since it was checked: the build's own thread makes what is left, from what it checked.
      this.finish();
    } else if (reply.type === 'failed') {
      this.finish(receiveError(reply.error));
    } else {
      const spec = this.o.specs[reply.index]!;
      for (const [stage, ms] of Object.entries(reply.stages)) addStageTime(stage as Stage, ms);
      const content = reply.content && Buffer.from(reply.content);
      this.job = undefined;
      this.o.done(reply.index, { spec, ms: reply.ms, thread: this.o.id, output: { content, pages: reply.pages, diagnostics: reply.diagnostics } });
      this.ask();
    }
  }

  private ask(): void {
    this.job = this.o.next();
    if (this.job === undefined) return this.finish();
    const request: MakeRequest = { index: this.job, name: this.o.specs[this.job]!.name };
    this.worker.postMessage(request);
  }

  private crashed(err: Error): Error {
    const doing = this.job === undefined ? (this.ready ? 'waiting' : 'starting') : `making ${this.o.specs[this.job]!.name}`;
    return new Error(`a document worker stopped while ${doing}: ${err.message}`, { cause: err });
  }

  private finish(err?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    void this.worker.terminate();
    this.settle(err);
  }
}
