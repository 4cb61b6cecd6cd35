import { holdYoungGeneration } from '../layout/pages/boundHeapGrowth.js';

/**
 * Keeps V8's young generation at the size it starts with (two semi-spaces of 1 MB) until a document reaches
 * 1,000 pages (`letYoungGenerationGrow` in src/layout/pages/boundHeapGrowth.ts says why it stops there),
 * instead of letting it double after busy scavenges up to 32 MB (Node 20) or 128 MB and more (Node 24), most of it
 * garbage between two scavenges. A build allocates in short-lived bursts (a word, a line, a page): on the
 * 500-workshop kit the peak memory went from ~210 to ~180 MB on Node 20 and from ~350 to ~230 MB on Node 24, and a
 * build of kits/capacities took no more CPU (slightly less: the nursery stays in the caches).
 *
 * The semi-space size cannot change once the heap is set up (`--max-semi-space-size` works only on the command
 * line), but the growth factor is read each time the young generation would grow, so setting it to 1 at run time
 * stops the growth. Call it before the work starts: what has grown already stays. The flag is process-wide, so
 * document worker threads follow it too. A V8 without this flag would print "unrecognized flag" on stderr at each
 * build: tests/documents/limitYoungGeneration.test.ts checks that a build's stderr stays empty.
 */
export function limitYoungGeneration(): void {
  holdYoungGeneration();
}
