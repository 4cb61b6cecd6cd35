import { main } from '../../src/cli/main.js';

/** A step of a watch session: `then` runs once the output so far satisfies its `when`. */
export interface WatchStep {
  when: (out: string) => boolean;
  then: () => Promise<void> | void;
}

/**
 * `capa build <args> --watch --lang en` with the real watcher on real files, driven like an editor: each step runs
 * once the output so far satisfies its `when`. Resolves when `stop` aborts, with the exit code, everything
 * written, and how many steps never ran. A step that throws, or a session still running after `deadlineMs`, stops
 * the watch: the test then fails on what it checks, with the output (and, past the deadline, the process's CPU
 * time and pending resources) to show why, instead of timing out blind.
 */
export async function watchSession(args: string[], steps: WatchStep[], stop: AbortController, deadlineMs = 90_000) {
  let out = '';
  let busy = false;
  let failed: unknown;
  const advance = async () => {
    if (busy || !steps[0]?.when(out)) return;
    busy = true;
    try {
      await steps.shift()!.then();
    } catch (err) {
      failed = err;
      stop.abort();
      return;
    }
    busy = false;
    await advance();
  };
  const sink = { write: (s: string) => ((out += s), void advance()) };
  const cpu = process.cpuUsage();
  const deadline = setTimeout(() => {
    // What the process was waiting on, and whether it was working (a loop) or idle (a promise never settled).
    const used = process.cpuUsage(cpu);
    out += `\n[test] still watching after ${deadlineMs} ms, ${Math.round((used.user + used.system) / 1000)} ms of CPU, waiting on ${process.getActiveResourcesInfo().join(', ')}: stopped\n`;
    stop.abort();
  }, deadlineMs);
  try {
    const code = await main(['node', 'capa', 'build', ...args, '--watch', '--lang', 'en'], { env: {}, isTTY: false, signal: stop.signal, stdout: sink, stderr: sink });
    if (failed !== undefined) throw failed;
    return { code, out, left: steps.length };
  } finally {
    clearTimeout(deadline);
  }
}
