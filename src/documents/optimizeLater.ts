import { setV8Flag } from '../setV8Flag.js';

/** What a one-shot build asks of V8 while it is short (`later`), and V8's own value, set back after (`normal`). */
export interface OptimizeLaterFlags {
  later: string;
  normal?: string;
}

/**
 * How long a one-shot build keeps V8 optimising later, in ms of the process's CPU time (all its threads; time, not
 * wall time, so a loaded machine does not end it sooner): a little more than kits/capacities takes with it (1.6–2.1 s
 * on Node 20). A longer build then goes back to V8's own pace, so its hot code is optimised as before.
 */
export const OPTIMIZE_LATER_CPU_MS = 2500;

/**
 * The V8 flag that makes a function wait longer before TurboFan, V8's optimising compiler, compiles it, by V8 major
 * version; `undefined` where capa knows no such flag.
 * - V8 11 (Node 20) counts bytecode executed per function: `--interrupt-budget`, 15 times its default (67,584).
 * - V8 13 (Node 24) counts calls, and its middle tier (Maglev) already optimises early: `--invocation-count-for-turbofan`,
 *   10 times its default (3,000). No `normal`: setting its default back at run time makes V8 optimise sooner than it
 *   does by default (a test function: 258 calls instead of 790), and the 500-workshop kit took no more CPU with the
 *   longer count kept for the whole build.
 * - V8 12 (Node 22) is left as it is: its tiering flags were not measured. A flag V8 does not know would only print
 *   "unrecognized flag" on stderr.
 */
export function optimizeLaterFlags(v8Version: string = process.versions.v8): OptimizeLaterFlags | undefined {
  const major = Number(v8Version.split('.')[0]);
  if (major === 11) return { later: '--interrupt-budget=1000000', normal: '--interrupt-budget=67584' };
  if (major === 13) return { later: '--invocation-count-for-turbofan=30000' };
  return undefined;
}

/**
 * Asks V8 to optimise only the functions a build keeps running, for its first `cpuMs` of CPU time. A build of
 * kits/capacities lasts about a second, and V8 spent about as much CPU compiling in its background threads as the
 * build itself (Node 20: main thread 1.3 s, process 2.6 s) for code that then ran only a few more times: with the
 * budget 15 times longer the process took 1.6–1.7 s, and the main thread no more. On two cores that background work
 * competes with the build. Then V8's own value comes back (a function counts towards its next optimisation with the
 * flag of the moment), so a long build's hot code is optimised as before: the 500-workshop kit, kept on the longer
 * budget for its whole build, took up to 1 s more on its main thread on Node 20. V8 reads these flags each time it
 * decides to optimise, so a running program can set them. `capa build --watch` does not call it: its rebuilds want
 * code optimised early (see watchKit's warm-up).
 */
export function optimizeLater(cpuMs: number = OPTIMIZE_LATER_CPU_MS): void {
  const flags = optimizeLaterFlags();
  if (flags === undefined || !setV8Flag(flags.later) || flags.normal === undefined) return;
  const normal = flags.normal;
  const start = process.cpuUsage();
  // The layout and the drawing let the event loop run every 50 ms (checkpoint.ts); unref: a build that ends sooner exits at once.
  const watch = setInterval(() => {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 < cpuMs) return;
    clearInterval(watch);
    setV8Flag(normal);
  }, 100);
  watch.unref();
}
