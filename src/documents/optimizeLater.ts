import { setFlagsFromString } from 'node:v8';

/**
 * The V8 flag that makes a function wait longer before TurboFan, V8's optimising compiler, compiles it, and the
 * value a one-shot build sets, by V8 major version; `undefined` where capa knows no such flag.
 * - V8 11 (Node 20) counts bytecode executed per function: `--interrupt-budget` (default 67,584), 15 times longer.
 * - V8 13 (Node 24) counts calls, and its middle tier (Maglev) already optimises early: `--invocation-count-for-turbofan`
 *   (default 3,000), 10 times more.
 * - V8 12 (Node 22) is left as it is: its tiering flags were not measured. A flag V8 does not know would only print
 *   "unrecognized flag" on stderr.
 */
export function optimizeLaterFlag(v8Version: string = process.versions.v8): string | undefined {
  const major = Number(v8Version.split('.')[0]);
  if (major === 11) return '--interrupt-budget=1000000';
  if (major === 13) return '--invocation-count-for-turbofan=30000';
  return undefined;
}

/**
 * Asks V8 to optimise only the functions a build keeps running, for the rest of the process. A build of
 * kits/capacities lasts about a second and V8 spent about as much CPU compiling in its background threads as the
 * build itself (Node 20: main thread 1.3 s, process 2.6 s), for code that mostly ran a few more times once optimised:
 * with the budget 15 times longer, the process took 1.7–1.8 s and the main thread no more. On a machine of two cores
 * that background work competes with the build. Long builds still get their hot code optimised, a little later (the
 * 500-workshop kit took no more CPU). V8 reads these flags each time it decides to optimise, so a running program can
 * set them. `capa build --watch` does not call it: its rebuilds want code optimised early (see watchKit's warm-up).
 */
export function optimizeLater(): void {
  const flag = optimizeLaterFlag();
  if (flag === undefined) return;
  try {
    setFlagsFromString(flag);
  } catch {
    // An embedder that refuses V8 flags: V8 optimises as it decides, nothing else changes.
  }
}
