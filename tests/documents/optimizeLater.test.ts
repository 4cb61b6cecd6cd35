import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFreshNode } from '../helpers/freshNode.js';
import { ROOT } from '../helpers/tempKit.js';
import { optimizeLaterFlags } from '../../src/documents/optimizeLater.js';

// V8 flags are process-wide: each case runs in a Node process of its own, on the built lib/.
const MODULE = pathToFileURL(path.join(ROOT, 'lib', 'documents', 'optimizeLater.js')).href;

// Counts the calls of a small hot function before TurboFan has compiled it. Natives syntax gives the function's
// optimisation status (bit 64: compiled by TurboFan); compiling on the main thread makes the count exact.
const FLAGS = ['--allow-natives-syntax', '--no-concurrent-recompilation'];
const COUNT_CALLS = `new Function(\`function hot(a) { let s = 0; for (let i = 0; i < 20; i++) s += a[i % a.length] * i; return s; }
  const a = [1, 2, 3, 4]; for (let calls = 1; calls <= 1e6; calls++) { hot(a); if (%GetOptimizationStatus(hot) & 64) return calls; }
  return -1;\`)()`;

/** Calls before TurboFan in a fresh Node, after `setup` (a module script). */
function callsBeforeTurbofan(setup = ''): number {
  return Number(runFreshNode(`${setup} console.log(${COUNT_CALLS});`, { flags: FLAGS, quiet: true }));
}

const FLAGS_KNOWN = optimizeLaterFlags() !== undefined;

describe('optimizeLater', () => {
  it('knows the flags of Node 20 and Node 24 and none for a V8 it was not measured on', () => {
    expect(optimizeLaterFlags('11.3.244.8-node.38')).toEqual({ later: '--interrupt-budget=1000000', normal: '--interrupt-budget=67584' });
    expect(optimizeLaterFlags('13.6.233.17-node.63')).toEqual({ later: '--invocation-count-for-turbofan=30000' });
    expect(optimizeLaterFlags('12.4.254.21-node.33')).toBeUndefined();
  });

  it.runIf(FLAGS_KNOWN)('makes a hot function wait several times longer for TurboFan', () => {
    const soon = callsBeforeTurbofan();
    const later = callsBeforeTurbofan(`(await import(${JSON.stringify(MODULE)})).optimizeLater();`);
    expect(soon).toBeGreaterThan(0);
    // Still optimised: a build's hot code stays fast.
    expect(later).toBeGreaterThan(0);
    expect(later).toBeGreaterThanOrEqual(2.5 * soon);
  });

  it.runIf(optimizeLaterFlags()?.normal !== undefined)('gives V8 its own pace back once the process has used the CPU time given', () => {
    // 20 ms of CPU given, 50 spent: a function made after that is optimised exactly as without optimizeLater.
    const spend = 'const t = process.cpuUsage(); while ((process.cpuUsage(t).user + process.cpuUsage(t).system) < 50_000); await new Promise((r) => setTimeout(r, 300));';
    const after = callsBeforeTurbofan(`(await import(${JSON.stringify(MODULE)})).optimizeLater(20); ${spend}`);
    const without = callsBeforeTurbofan(spend);
    // Not yet: the CPU time is not used.
    const before = callsBeforeTurbofan(`(await import(${JSON.stringify(MODULE)})).optimizeLater(60_000); ${spend}`);
    expect(after).toBe(without);
    expect(before).toBeGreaterThanOrEqual(2.5 * without);
  });

  it.runIf(FLAGS_KNOWN)('is asked by a one-shot build, with nothing on stderr', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'capa-optimize-'));
    try {
      // A probe loaded before the CLI notes the V8 flags capa sets, passing them on to V8.
      const probe = path.join(dir, 'probe.cjs');
      const noted = path.join(dir, 'flags.txt');
      writeFileSync(
        probe,
        `const v8 = require('node:v8'); const fs = require('node:fs'); const set = v8.setFlagsFromString;
        v8.setFlagsFromString = (flag) => { fs.appendFileSync(${JSON.stringify(noted)}, flag + '\\n'); set(flag); };
        require('node:module').syncBuiltinESMExports();`,
      );
      const capa = (args: string[]) =>
        spawnSync(process.execPath, ['--require', probe, path.join(ROOT, 'bin', 'capa.js'), ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, CAPA_CACHE_DIR: path.join(dir, 'cache') },
          timeout: 60_000,
        });
      const out = path.join(dir, 'out');
      const r = capa(['build', path.join(ROOT, 'kits', 'demo'), '--out', out, '--only', 'calendar']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(readFileSync(path.join(out, 'programme.ics'), 'utf8')).toContain('BEGIN:VEVENT');
      expect(readFileSync(noted, 'utf8').split('\n')).toContain(optimizeLaterFlags()!.later);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
