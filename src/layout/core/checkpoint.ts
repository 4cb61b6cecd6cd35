import { performance } from 'node:perf_hooks';

/**
 * A point where a long synchronous stage (layout, pagination, drawing) lets the event loop run: Ctrl-C and
 * SIGTERM handlers only run when it does, so without these a large document could not be stopped until it was
 * finished. Awaiting costs nothing until `slice` milliseconds have passed since the last pause.
 */
export type Checkpoint = () => Promise<void>;

/** Pauses at most every `slice` ms (setImmediate: after pending I/O and signals); throws `onAbort()` once `signal` is aborted. */
export function createCheckpoint(opts: { signal?: AbortSignal; onAbort?: () => Error; slice?: number } = {}): Checkpoint {
  const slice = opts.slice ?? 50;
  let last = performance.now();
  const stop = () => {
    if (opts.signal?.aborted) throw opts.onAbort?.() ?? opts.signal.reason;
  };
  return async () => {
    stop();
    if (performance.now() - last < slice) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
    stop();
  };
}

/** Runs a stage written as a generator (it yields where it may pause) to its end without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Runs a stage written as a generator, pausing at `checkpoint` wherever it yields. */
export async function runPausing<T>(steps: Generator<void, T>, checkpoint: Checkpoint): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    try {
      await checkpoint();
    } catch (e) {
      // Interrupted: the stage's `finally` blocks still run (a layout releases its temporary file).
      steps.return(undefined as T);
      throw e;
    }
    r = steps.next();
  }
  return r.value;
}
