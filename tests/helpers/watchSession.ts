import { main } from '../../src/cli/main.js';

/** A step of a watch session: `then` runs once the output so far satisfies `when`. */
export interface WatchStep {
  when: (out: string) => boolean;
  then: () => Promise<void> | void;
}

/**
 * `capa build <args> --watch --lang en` with the real watcher on real files, driven like an editor: each step runs
 * once the output so far satisfies its `when`. Resolves when `stop` aborts, with the exit code, everything
 * written, and how many steps never ran.
 */
export async function watchSession(args: string[], steps: WatchStep[], stop: AbortController) {
  let out = '';
  let busy = false;
  const advance = async () => {
    if (busy || !steps[0]?.when(out)) return;
    busy = true;
    await steps.shift()!.then();
    busy = false;
    await advance();
  };
  const sink = { write: (s: string) => ((out += s), void advance()) };
  const code = await main(['node', 'capa', 'build', ...args, '--watch', '--lang', 'en'], { env: {}, isTTY: false, signal: stop.signal, stdout: sink, stderr: sink });
  return { code, out, left: steps.length };
}
