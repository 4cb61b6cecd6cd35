import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFreshNode } from '../helpers/freshNode.js';
import { freshDir, ROOT } from '../helpers/tempKit.js';
import { YOUNG_GENERATION_CAP } from '../../src/layout/pages/boundHeapGrowth.js';

// V8 flags are process-wide: every case runs in a child process of its own, on the built lib/.
const LIMIT = pathToFileURL(path.join(ROOT, 'lib', 'documents', 'limitYoungGeneration.js')).href;
const GROW = pathToFileURL(path.join(ROOT, 'lib', 'layout', 'pages', 'boundHeapGrowth.js')).href;
const MB = 1024 * 1024;

/** Size of the young generation's space after the child ran (`new_space`, both semi-spaces). */
function newSpaceAfter(args: string[], preload: string): { size: number; status: number | null; stderr: string } {
  const dir = freshDir('capa-young-');
  const probe = path.join(dir, 'probe.cjs');
  const out = path.join(dir, 'new-space.txt');
  writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)));\n${preload}`);
  const r = spawnSync(process.execPath, ['--require', probe, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { size: Number(readFileSync(out, 'utf8')), status: r.status, stderr: r.stderr };
}

// Objects that live through a few scavenges, as a page's boxes do: what makes V8 grow its young generation.
const CHURN = `let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 100000) keep = []; }`;

describe('limitYoungGeneration', () => {
  it('keeps the young generation at its starting size where the same work grows it without', () => {
    const grown = newSpaceAfter(['-e', CHURN], '');
    const kept = newSpaceAfter(['--input-type=module', '-e', `const { limitYoungGeneration } = await import(${JSON.stringify(LIMIT)}); limitYoungGeneration(); ${CHURN}`], '');
    expect(grown.status).toBe(0);
    expect(kept.status).toBe(0);
    expect(grown.size).toBeGreaterThan(8 * MB);
    expect(kept.size).toBeLessThanOrEqual(4 * MB);
  });

  it('ends once a document is very long: letYoungGenerationGrow gives back V8\'s growth', () => {
    const script = `const { limitYoungGeneration } = await import(${JSON.stringify(LIMIT)}); const { letYoungGenerationGrow } = await import(${JSON.stringify(GROW)}); limitYoungGeneration(); letYoungGenerationGrow(); ${CHURN}`;
    const regrown = newSpaceAfter(['--input-type=module', '-e', script], '');
    expect(regrown.status).toBe(0);
    expect(regrown.stderr).toBe('');
    expect(regrown.size).toBeGreaterThan(8 * MB);
  });

  it('lets it grow back only to Node 20\'s size (32 MB), where Node 24 would take 128 MB for the same work', () => {
    // Work that yields to the event loop as a layout does (checkpoints), noting the largest young generation seen.
    const work = (setup: string) => `${setup} const { getHeapSpaceStatistics } = await import('node:v8'); let keep = [], max = 0;
      for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i, c: [i] }); if (keep.length > 300000) keep = keep.slice(100000);
        if (i % 10000 === 0) { await new Promise((r) => setImmediate(r)); max = Math.max(max, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); } }
      console.log(max);`;
    const largest = (setup: string) => Number(runFreshNode(work(setup)));
    const unlimited = largest('');
    const regrown = largest(`const { limitYoungGeneration } = await import(${JSON.stringify(LIMIT)}); const { letYoungGenerationGrow } = await import(${JSON.stringify(GROW)}); limitYoungGeneration(); letYoungGenerationGrow();`);
    expect(regrown).toBeGreaterThan(8 * MB);
    expect(regrown).toBeLessThanOrEqual(YOUNG_GENERATION_CAP);
    // Node 20's own maximum is the cap: there, both are 32 MB.
    expect(unlimited).toBeGreaterThanOrEqual(YOUNG_GENERATION_CAP);
    if (Number(process.versions.node.split('.')[0]) >= 24) expect(unlimited).toBeGreaterThan(YOUNG_GENERATION_CAP);
  });

  it('is in force for a whole `capa build`, which writes its documents and reports as before', () => {
    const out = path.join(freshDir('capa-young-out-'), 'dist');
    const built = newSpaceAfter([path.join('bin', 'capa.js'), 'build', 'kits/demo', '--out', out], '');
    expect(built.status).toBe(0);
    expect(built.stderr).toBe('');
    expect(built.size).toBeLessThanOrEqual(4 * MB);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).files.length).toBeGreaterThan(0);
  });
});
