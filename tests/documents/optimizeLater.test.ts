import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/tempKit.js';
import { optimizeLaterFlag } from '../../src/documents/optimizeLater.js';

// V8 flags are process-wide: each case runs in a Node process of its own, on the built lib/.
const MODULE = pathToFileURL(path.join(ROOT, 'lib', 'documents', 'optimizeLater.js')).href;

// Counts the calls of a small hot function before TurboFan has compiled it. Natives syntax gives the function's
// optimisation status (bit 64: compiled by TurboFan); compiling on the main thread makes the count exact.
const FLAGS = ['--allow-natives-syntax', '--no-concurrent-recompilation'];
const COUNT_CALLS = `new Function(\`function hot(a) { let s = 0; for (let i = 0; i < 20; i++) s += a[i % a.length] * i; return s; }
  const a = [1, 2, 3, 4]; for (let calls = 1; calls <= 1e6; calls++) { hot(a); if (%GetOptimizationStatus(hot) & 64) return calls; }
  return -1;\`)()`;

/** Calls before TurboFan in a fresh Node, with or without `optimizeLater()` first. */
function callsBeforeTurbofan(later: boolean): number {
  const setup = later ? `(await import(${JSON.stringify(MODULE)})).optimizeLater();` : '';
  const r = spawnSync(process.execPath, [...FLAGS, '--input-type=module', '-e', `${setup} console.log(${COUNT_CALLS});`], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return Number(r.stdout);
}

describe('optimizeLater', () => {
  it('knows a flag for Node 20 and Node 24 and none for a V8 it was not measured on', () => {
    expect(optimizeLaterFlag('11.3.244.8-node.38')).toBe('--interrupt-budget=1000000');
    expect(optimizeLaterFlag('13.6.233.17-node.63')).toBe('--invocation-count-for-turbofan=30000');
    expect(optimizeLaterFlag('12.4.254.21-node.33')).toBeUndefined();
  });

  it.runIf(optimizeLaterFlag() !== undefined)('makes a hot function wait several times longer for TurboFan', () => {
    const soon = callsBeforeTurbofan(false);
    const later = callsBeforeTurbofan(true);
    expect(soon).toBeGreaterThan(0);
    // Still optimised: a long build keeps its hot code fast.
    expect(later).toBeGreaterThan(0);
    expect(later).toBeGreaterThanOrEqual(2.5 * soon);
  });

  it.runIf(optimizeLaterFlag() !== undefined)('is what a one-shot build sets, with nothing on stderr', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'capa-optimize-'));
    try {
      // A probe loaded before the CLI counts, once the build is over, what V8 then waits for.
      const probe = path.join(dir, 'probe.cjs');
      const counted = path.join(dir, 'calls.txt');
      writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(counted)}, String(${COUNT_CALLS})));`);
      const out = path.join(dir, 'out');
      const r = spawnSync(process.execPath, [...FLAGS, '--require', probe, path.join(ROOT, 'bin', 'capa.js'), 'build', path.join(ROOT, 'kits', 'demo'), '--out', out, '--only', 'calendar'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CAPA_CACHE_DIR: path.join(dir, 'cache') },
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(readFileSync(path.join(out, 'programme.ics'), 'utf8')).toContain('BEGIN:VEVENT');
      expect(Number(readFileSync(counted, 'utf8'))).toBeGreaterThanOrEqual(2.5 * callsBeforeTurbofan(false));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
