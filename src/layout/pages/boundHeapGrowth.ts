import { getHeapSpaceStatistics } from 'node:v8';
import { setV8Flag } from '../../setV8Flag.js';

/** Pages of one document past which its layout asks V8 to keep the heap closer to what is alive. */
export const LONG_LAYOUT = 100;
/** Pages of one document past which V8's young generation may grow again (see `letYoungGenerationGrow`). */
export const VERY_LONG_LAYOUT = 1000;

/**
 * The young generation a very long document may grow back to (both semi-spaces): Node 20's own maximum. Node 24's
 * is 128 MB, which at 5,000 workshops held ~100 MB more at the peak (the sign-in sheet: 128 MB of young generation,
 * 58 MB of it in use) than Node 20 for the same work.
 */
export const YOUNG_GENERATION_CAP = 32 * 1024 * 1024;

let bounded = false;
let limited = false;
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
  setV8Flag('--heap-growing-percent=100');
}

/**
 * Gives back V8's growth of the young generation, which a one-shot build holds at its starting size
 * (src/documents/limitYoungGeneration.ts), up to `YOUNG_GENERATION_CAP`. That pays while what is alive is small: up to a 500-workshop kit, peak
 * memory fell by 15–40 %. A document of thousands of pages keeps far more alive between two scavenges, and a young
 * generation of 1 MB then promotes it to the old generation, which fills with garbage: the 5,000-workshop kit took
 * 92 s and 639 MB with the limit, 61 s and 499 MB without (Node 20). V8 reads the factor each time the young
 * generation would grow, so setting it back at run time takes effect at once.
 */
export function letYoungGenerationGrow(): void {
  if (released) return;
  released = true;
  setV8Flag('--semi-space-growth-factor=2');
  // In a one-shot build, growth stops at Node 20's size: the young generation may double only while doubling stays
  // within the cap, so a young generation V8 shrinks may grow again as it would by default. V8 shrinks it to sizes
  // that are not powers of two (a loaded CI machine saw 36.4 MB after a doubling allowed "below the cap"). V8 tells
  // a JS program nothing when it resizes the young generation; the layout and the drawing let the event loop run
  // every 50 ms (checkpoint.ts), so a timer looks.
  if (!limited) return;
  let factor = 2;
  const watch = setInterval(() => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    const wanted = young && young.space_size * 2 <= YOUNG_GENERATION_CAP ? 2 : 1;
    if (wanted !== factor) setV8Flag(`--semi-space-growth-factor=${(factor = wanted)}`);
  }, 10);
  watch.unref();
}

/**
 * Keeps V8's young generation at the size it starts with until `letYoungGenerationGrow` (see
 * src/documents/limitYoungGeneration.ts, which a one-shot build calls).
 */
export function holdYoungGeneration(): void {
  limited = true;
  setV8Flag('--semi-space-growth-factor=1');
}
