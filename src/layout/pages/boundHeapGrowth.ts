import { setFlagsFromString } from 'node:v8';

/** Pages of one document past which its layout asks V8 to keep the heap closer to what is alive. */
export const LONG_LAYOUT = 100;
/** Pages of one document past which V8's young generation may grow again (see `letYoungGenerationGrow`). */
export const VERY_LONG_LAYOUT = 1000;

let bounded = false;
let released = false;

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
  setFlag('--heap-growing-percent=100');
}

/**
 * Gives back V8's default growth of the young generation, which a one-shot build holds at its starting size
 * (src/documents/limitYoungGeneration.ts). That pays while what is alive is small: up to a 500-workshop kit, peak
 * memory fell by 15–40 %. A document of thousands of pages keeps far more alive between two scavenges, and a young
 * generation of 1 MB then promotes it to the old generation, which fills with garbage: the 5,000-workshop kit took
 * 92 s and 639 MB with the limit, 61 s and 499 MB without (Node 20). V8 reads the factor each time the young
 * generation would grow, so setting it back at run time takes effect at once.
 */
export function letYoungGenerationGrow(): void {
  if (released) return;
  released = true;
  setFlag('--semi-space-growth-factor=2');
}

function setFlag(flag: string): void {
  try {
    setFlagsFromString(flag);
  } catch {
    // An embedder that refuses V8 flags: the heap grows as V8 decides, nothing else changes.
  }
}
