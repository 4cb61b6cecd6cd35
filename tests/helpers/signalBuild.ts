import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface SignalledBuild {
  code: number | null;
  stderr: string;
  /** When the signal was sent (0: never, the agenda was not reported). */
  sentAt: number;
  exitAt: number;
}

/**
 * Runs `capa build <kit> --verbose` (the real binary, French messages) on `workers` threads and sends `signal` as
 * soon as the agenda is reported made: the documents after it are then being made.
 */
export function signalAfterAgenda(bin: string, kit: string, signal: NodeJS.Signals, workers: number): Promise<SignalledBuild> {
  const env = { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1', CAPA_WORKERS: String(workers) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'build', kit, '--verbose'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sentAt && /^ {2}agenda \(\d+ ms\)$/m.test(stderr)) {
        sentAt = performance.now();
        child.kill(signal);
      }
    });
    child.on('exit', (code) => resolve({ code, stderr, sentAt, exitAt: performance.now() }));
  });
}
