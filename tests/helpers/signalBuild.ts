import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freshDir } from './tempKit.js';

export interface SignalledBuild {
  code: number | null;
  stderr: string;
  /** When the signal was sent (0: never, the moment it waited for did not come). */
  sentAt: number;
  exitAt: number;
}

/**
 * Runs `capa build <kit> --verbose` (the real binary, French messages) on `workers` threads and sends `signal` as
 * soon as the agenda is reported made. On one thread the documents after it are then being made; with workers,
 * several may finish together and the build may end before the signal comes: use `signalWhileDrawing`.
 */
export function signalAfterAgenda(bin: string, kit: string, signal: NodeJS.Signals, workers: number): Promise<SignalledBuild> {
  return signalledBuild(bin, kit, signal, workers, (stderr) => /^ {2}agenda \(\d+ ms\)$/m.test(stderr));
}

/**
 * The same, but `signal` is sent as soon as a PDF is being written into the build's staging folder (beside
 * `<kit>/dist`), which capa opens when the documents begin: the signal then comes while they are made, however the
 * threads share them and however loaded the machine is.
 */
export function signalWhileDrawing(bin: string, kit: string, signal: NodeJS.Signals, workers: number): Promise<SignalledBuild> {
  const drawing = () => {
    try {
      return readdirSync(kit).some((n) => n.startsWith('.dist-capa-') && readdirSync(path.join(kit, n)).some((f) => f.endsWith('.pdf')));
    } catch {
      return false; // the staging folder went between the two listings
    }
  };
  return signalledBuild(bin, kit, signal, workers, drawing, 2);
}

/** Sends `signal` once `ready(stderr so far)` holds, checked on each output and, with `pollMs`, on a timer too. */
function signalledBuild(bin: string, kit: string, signal: NodeJS.Signals, workers: number, ready: (stderr: string) => boolean, pollMs?: number): Promise<SignalledBuild> {
  // A cache of its own, empty: no document of an earlier build is stored there (src/documents/storedDocuments.ts), so
  // every document is laid out and drawn, as the interruption needs.
  const cache = path.join(freshDir('capa-signal-'), 'cache');
  const env = { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1', CAPA_WORKERS: String(workers), CAPA_CACHE_DIR: cache };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'build', kit, '--verbose'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sentAt = 0;
    const look = () => {
      if (sentAt || !ready(stderr)) return;
      sentAt = performance.now();
      child.kill(signal);
    };
    const timer = pollMs ? setInterval(look, pollMs) : undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      look();
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, stderr, sentAt, exitAt: performance.now() });
    });
  });
}
