import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { watch } from 'chokidar';
import { showControls } from '../report/showControls.js';
import { buildMessages as m } from './buildMessages.js';
import type { CliContext } from './CliContext.js';
import { shownPath } from './kitFolder.js';

/**
 * How long the kit must stay quiet after a change before it is built. One save makes its events within a
 * few milliseconds (in place, temporary file then rename, truncate then write in chunks: measured ≤ 12 ms on a
 * loaded machine, chokidar's stat included); a save slower than this is caught by the check after the build.
 */
export const QUIET_MS = 30;

/**
 * How long the kit must stay quiet after a build before the garbage of that build is collected. A rebuild made on a
 * heap still full of the last one's garbage paid ~30–40 ms of collection (13 % of a défi edit's CPU); collected
 * while the user is not saving, the next rebuild starts on an empty young generation.
 */
export const IDLE_GC_MS = 200;

/**
 * Rehearsals of a rebuild run after the first successful build, while the kit is quiet. The first saves of a
 * session ran on code V8 had not yet optimised for a rebuild: CPU per défi edit fell from ~210 ms to ~110 ms over
 * twenty saves (Node 20). A rehearsal makes every document the way a changed one is made, in memory, and throws
 * the result away (~0.8 s of CPU each on capacities). Any change under the kit stops it at the next checkpoint; the
 * rebuild that follows pays for the rehearsal's garbage (measured: ~100 ms more CPU, once).
 */
export const WARM_UP = 3;

/** How long the kit must stay quiet after a build before a rehearsal starts: a save right after a build finds none running. */
export const WARM_UP_AFTER_MS = 500;

/**
 * When a file chokidar reported is looked at again. Chokidar reports no second change of a file within 50 ms of one
 * it reported, and nothing once those 50 ms are over: a save landing in that window, after the build of the first
 * had read the file and checked it again, was never built (measured: 11 of 40 bursts of saves, Node 24, loaded).
 * Looked at past the window, a file whose state is not the one its last build read is built again.
 */
export const LOOK_AGAIN_MS = 70;

/**
 * Rebuild on every change under the kit folder until `ctx.signal` aborts (Ctrl+C when not given).
 * Changes that arrive together (an editor saving one or several files) make one rebuild, started once the
 * kit has been quiet for QUIET_MS; changes during a build make one more after it. Output folders, dot-folders
 * (build staging, .git) and node_modules are not watched. `rebuild` gets the changed files, kit-relative; a
 * rebuild that throws is reported and the watch goes on. The first build runs once the watcher is ready, so
 * an edit saved during it is not missed. Resolves to the last build's exit code.
 */
export async function watchKit(
  ctx: CliContext,
  opts: {
    dir: string;
    first: () => Promise<number>;
    rebuild: (files: string[]) => Promise<number | undefined>;
    ignore: (abs: string) => boolean;
    /** A rebuild made in memory and thrown away, to warm the code up (see WARM_UP); it stops when `signal` aborts. */
    rehearse?: (signal: AbortSignal) => Promise<void>;
  },
): Promise<number> {
  const signal = ctx.signal ?? interruptSignal();
  if (signal.aborted) return opts.first();
  let last = 0;
  const watcher = watch(opts.dir, {
    ignoreInitial: true,
    // Chokidar's `atomic` holds every deletion back 100 ms (to pair it with a re-creation): the temporary
    // file of an editor's save would then come as a second change. Paired here instead (see `settled`).
    atomic: false,
    ignored: (abs) => opts.ignore(abs) || /(^|[\\/])(\.[^\\/]+|node_modules)([\\/]|$)/.test(relative(opts.dir, abs)),
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  ctx.stderr.write(m(ctx.lang, 'watching', { dir: showControls(shownPath(ctx.cwd, opts.dir)) }) + '\n');

  /** Files changed since the last build began, with the first event seen for each (`add`, `change`, `unlink`…). */
  const changed = new Map<string, string>();
  /** Each reported file's state when the last build that read it began, and its look past chokidar's window. */
  const read = new Map<string, string | undefined>();
  const looks = new Map<string, NodeJS.Timeout>();
  /** A reported file no longer as its last build read it: checked after that build, and again past chokidar's window. */
  const stale = (abs: string) => read.has(abs) && fileState(abs) !== read.get(abs);
  let timer: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  let building = true;
  /** Runs one build; a build that throws is reported and the watch goes on. `undefined`: nothing was built. */
  const guarded = async (build: () => Promise<number | undefined>) => {
    try {
      last = (await build()) ?? last;
    } catch (err) {
      // A crash in one rebuild (a template bug, a file vanishing mid-read) must not end the watch.
      ctx.stderr.write(m(ctx.lang, 'crashed', { message: showControls(err instanceof Error ? err.message : String(err)) }) + '\n');
      if (ctx.verbose && err instanceof Error && err.stack) ctx.stderr.write(showControls(err.stack) + '\n');
      last = 3;
    }
  };
  /** When the last change came: the build starts once the kit has been quiet for QUIET_MS since. */
  let lastChange = 0;
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void start(), Math.max(0, QUIET_MS - (performance.now() - lastChange)));
  };
  /** Rehearsals left, the timer of the next, and the one running (a change stops it: see WARM_UP). */
  let rehearsals = WARM_UP;
  let warm: NodeJS.Timeout | undefined;
  let rehearsal: AbortController | undefined;
  /**
   * After a build or a rehearsal: build again if the kit changed meanwhile; else collect while idle and, after a
   * successful build, rehearse once the kit has been quiet for WARM_UP_AFTER_MS. A stopped rehearsal starts no
   * other: the change that stopped it may not have come through chokidar yet.
   */
  const done = (stopped = false) => {
    building = false;
    if (changed.size > 0) return wait();
    if (signal.aborted) return;
    idle = setTimeout(() => void collectWhenIdle(), IDLE_GC_MS);
    if (opts.rehearse && last === 0 && rehearsals > 0 && !stopped) warm = setTimeout(rehearse, WARM_UP_AFTER_MS);
  };
  const rehearse = () => {
    if (building || changed.size > 0 || signal.aborted) return;
    building = true;
    rehearsals--;
    const stop = (rehearsal = new AbortController());
    // A rehearsal that fails or is stopped changes nothing: its result was to be thrown away.
    running = running.then(() => opts.rehearse!(stop.signal)).catch(() => undefined).then(() => {
      rehearsal = undefined;
      done(stop.signal.aborted);
    });
  };
  /** Any event under the kit: the idle work waits or stops. */
  const busy = () => {
    clearTimeout(idle);
    clearTimeout(warm);
    rehearsal?.abort();
  };
  let running: Promise<void> = guarded(opts.first).then(() => done());
  // Builds never overlap: a change during a build waits for it, then triggers one more.
  const start = () => {
    if (building || changed.size === 0 || signal.aborted) return;
    building = true;
    const group = new Map(changed);
    changed.clear();
    const before = new Map([...group.keys()].map((abs) => [abs, fileState(abs)]));
    for (const [abs, state] of before) read.set(abs, state);
    const files = settled(group, before).map((f) => relative(opts.dir, f).split('\\').join('/'));
    running = running
      .then(() => (files.length > 0 ? guarded(() => opts.rebuild(files.sort())) : undefined))
      .then(() => {
        // Chokidar drops a second change of a file within 50 ms of the first: a save still being written when
        // the build read it shows in the file's state instead, and is built again.
        for (const abs of before.keys()) if (!changed.has(abs) && stale(abs)) changed.set(abs, 'change');
        done();
      });
  };
  const changes = (abs: string, event: string) => {
    busy();
    lastChange = performance.now();
    if (!changed.has(abs)) changed.set(abs, event);
    wait();
  };
  /** Past chokidar's window (LOOK_AGAIN_MS): a stale file not due for a build changed. */
  const lookAgain = (abs: string) => {
    looks.delete(abs);
    if (!signal.aborted && !changed.has(abs) && stale(abs)) changes(abs, 'change');
  };
  watcher.on('all', (event, abs) => {
    changes(abs, event);
    clearTimeout(looks.get(abs));
    looks.set(abs, setTimeout(lookAgain, LOOK_AGAIN_MS, abs));
  });

  await new Promise<void>((stop) => signal.addEventListener('abort', () => stop(), { once: true }));
  clearTimeout(timer);
  for (const look of looks.values()) clearTimeout(look);
  busy();
  await watcher.close();
  await running;
  return last;
}

/**
 * The changed files worth a build: a file that appeared and is gone again (an editor's temporary file, written
 * then renamed over the real one; a backup copy made and removed during the save) changed nothing.
 */
function settled(group: Map<string, string>, states: Map<string, string | undefined>): string[] {
  return [...group].filter(([abs, first]) => !((first === 'add' || first === 'addDir') && states.get(abs) === undefined)).map(([abs]) => abs);
}

/** What tells one version of a file from the next, or undefined when there is no file. */
function fileState(abs: string): string | undefined {
  try {
    const s = statSync(abs, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/**
 * A young-generation collection: a full one also drops compiled code, and the next rebuild ran cold (measured: CPU
 * per défi edit 180 → 330 ms). The build's own module is loaded by then: a build ran.
 */
async function collectWhenIdle(): Promise<void> {
  try {
    const { collectGarbage } = await import('../documents/pdfDocument.js');
    collectGarbage('minor');
  } catch {
    // Only time is lost: the next rebuild collects as it goes.
  }
}

function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}
