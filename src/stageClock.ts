import { performance } from 'node:perf_hooks';

/** Build stages whose time `build()` reports (`capa build --json`, `npm run bench`). */
export type Stage = 'load' | 'check' | 'render' | 'layout' | 'draw' | 'write';

/**
 * Milliseconds spent per stage since the last `resetStages()`. A process-wide tally, so stages deep
 * inside a document (template rendering, layout, pdfkit drawing) are counted without threading a
 * timer through every interface; `build()` resets it and copies it into its result.
 */
const spent: Record<Stage, number> = { load: 0, check: 0, render: 0, layout: 0, draw: 0, write: 0 };

export function resetStages(): void {
  for (const k of Object.keys(spent) as Stage[]) spent[k] = 0;
}

export function stageTimes(): Record<Stage, number> {
  return { ...spent };
}

/** Adds the time from `since` (a `performance.now()` value) to `stage`; returns now. */
export function addStage(stage: Stage, since: number): number {
  const now = performance.now();
  spent[stage] += now - since;
  return now;
}

/** Adds `ms` to `stage`: time spent in another thread (a document worker) for this build. */
export function addStageTime(stage: Stage, ms: number): void {
  spent[stage] += ms;
}
