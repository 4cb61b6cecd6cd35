import { setFlagsFromString } from 'node:v8';

/** Pages of one document past which its layout asks V8 to keep the heap closer to what is alive. */
export const LONG_LAYOUT = 100;

let bounded = false;

/**
 * Tells V8 to let the heap grow to at most twice what was alive at its last full collection, for the rest of the
 * process. By default V8 lets it grow up to four times when collections are cheap next to the program's work: a
 * long layout keeps ~100 MB alive (the kit, the pages waiting for the page count) and reached ~600 MB of heap at
 * 5,000 workshops, most of it garbage. Twice costs more full collections (18 instead of 8 for the 5,000-workshop
 * sign-in, mostly incremental marking), so it is asked only once a document is long. V8 reads the flag each time it
 * sets the heap's next limit, so a running program can set it.
 */
export function boundHeapGrowth(): void {
  if (bounded) return;
  bounded = true;
  try {
    setFlagsFromString('--heap-growing-percent=100');
  } catch {
    // An embedder that refuses V8 flags: the heap grows as V8 decides, nothing else changes.
  }
}
