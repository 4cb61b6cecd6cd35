import { relative } from 'node:path';
import { watch } from 'chokidar';
import { showControls } from '../report/showControls.js';
import { buildMessages as m } from './buildMessages.js';
import type { CliContext } from './CliContext.js';
import { shownPath } from './kitFolder.js';

/**
 * Rebuild on every change under the kit folder until `ctx.signal` aborts (Ctrl+C when not given).
 * Changes that arrive together (an editor saving several files) make one rebuild; output folders,
 * dot-folders (build staging, .git) and node_modules are not watched. `rebuild` gets the changed files,
 * kit-relative; a rebuild that throws is reported and the watch goes on. The first build runs once the
 * watcher is ready, so an edit saved during it is not missed. Resolves to the last build's exit code.
 */
export async function watchKit(
  ctx: CliContext,
  opts: { dir: string; first: () => Promise<number>; rebuild: (files: string[]) => Promise<number | undefined>; ignore: (abs: string) => boolean },
): Promise<number> {
  const signal = ctx.signal ?? interruptSignal();
  if (signal.aborted) return opts.first();
  let last = 0;
  const watcher = watch(opts.dir, {
    ignoreInitial: true,
    ignored: (abs) => opts.ignore(abs) || /(^|[\\/])(\.[^\\/]+|node_modules)([\\/]|$)/.test(relative(opts.dir, abs)),
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  ctx.stderr.write(m(ctx.lang, 'watching', { dir: showControls(shownPath(ctx.cwd, opts.dir)) }) + '\n');

  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
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
  let running: Promise<void> = guarded(opts.first);
  const rebuild = async () => {
    const files = [...changed].map((f) => relative(opts.dir, f).split('\\').join('/'));
    changed.clear();
    await guarded(() => opts.rebuild(files.sort()));
  };
  watcher.on('all', (_event, abs) => {
    changed.add(abs);
    clearTimeout(timer);
    // Builds never overlap: a change during a build waits for it, then triggers one more.
    timer = setTimeout(() => {
      running = running.then(() => (changed.size > 0 ? rebuild() : undefined));
    }, 150);
  });

  await new Promise<void>((stop) => signal.addEventListener('abort', () => stop(), { once: true }));
  clearTimeout(timer);
  await watcher.close();
  await running;
  return last;
}

function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}
