import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { recoverInterrupted } from '../../src/documents/capaFolder.js';
import { copyKit, ROOT, scratch, snapshot, strayStaging } from './robustnessHelpers.js';

/**
 * The output folder is replaced only when it is capa's own (a manifest capa wrote, listing everything in it),
 * keeps the user's permissions, and what a killed build leaves beside it is recovered by the next build.
 */
const BIN = path.join(ROOT, 'bin/capa.js');
const env = { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' };
const capa = (args: string[], opts: { umask?: string } = {}) =>
  opts.umask
    ? spawnSync('sh', ['-c', `umask ${opts.umask}; exec "$0" "$@"`, process.execPath, BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 })
    : spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });
const mode = (p: string) => statSync(p).mode & 0o7777;

/** A pid that no process has any more: a child that already ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

let kit: string;
/** A complete dist/ from a real build, to copy from. */
let reference: string;
beforeAll(async () => {
  kit = copyKit();
  expect((await build({ dir: kit, only: ['calendar', 'sign-in'] })).ok).toBe(true);
  reference = path.join(kit, 'dist');
});

/** A folder holding `files`, made fresh. */
function folder(files: Record<string, string>): string {
  const dir = path.join(scratch(), 'public');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}
const capaManifest = (entries: Array<{ file: string; bytes: number }>) => JSON.stringify({ generator: 'capa 0.1.0', files: entries.map((e) => ({ ...e, sha256: '0' })) });

describe('--out replaces only a folder of capa’s own: anything else is a usage error and nothing is touched', () => {
  it.each([
    ['a web app’s public/ with its own manifest.json', { 'manifest.json': '{}', 'index.html': 'x' }, 'manifest.json'],
    ['a folder of the user’s files, no manifest', { 'thèse.odt': 'précieux' }, 'thèse.odt'],
    ['a manifest of files: [1]', { 'manifest.json': '{"files":[1]}' }, 'manifest.json'],
    ['capa’s manifest, plus a file it does not list', { 'manifest.json': capaManifest([{ file: 'a.pdf', bytes: 1 }]), 'a.pdf': 'x', 'notes.txt': 'à moi' }, 'notes.txt'],
    ['capa’s manifest, a listed file edited since (another size)', { 'manifest.json': capaManifest([{ file: 'a.pdf', bytes: 1 }]), 'a.pdf': 'annoté' }, 'a.pdf'],
    ['a manifest listing a path outside the folder', { 'manifest.json': JSON.stringify({ generator: 'capa 0.1.0', files: [{ file: '../x', bytes: 1, sha256: '0' }] }) }, 'manifest.json'],
  ])('%s', (_, files, named) => {
    const out = folder(files);
    chmodSync(out, 0o751);
    const before = snapshot(out);
    const run = capa(['build', kit, '--out', out]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(`capa: « ${out} » contient « ${named} », que capa n’a pas écrit`);
    expect(run.stderr).toContain('rien n’a été touché');
    expect(snapshot(out)).toEqual(before);
    expect(mode(out)).toBe(0o751);
    expect(strayStaging(out)).toEqual([]);
  });

  it('the kit’s own build.out: kit/out-unsafe, then --only calendar on a manifest of files: [1] (exit 1, not 3)', () => {
    const k = copyKit();
    mkdirSync(path.join(k, 'dist'));
    writeFileSync(path.join(k, 'dist/manifest.json'), '{"files":[1]}');
    const run = capa(['build', k, '--only', 'calendar', '--json']);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toContain('kit/out-unsafe');
    expect(readFileSync(path.join(k, 'dist/manifest.json'), 'utf8')).toBe('{"files":[1]}');
  });

  it('a listed file that is missing is tolerated (nothing to lose); the manifest names its generator', () => {
    const out = path.join(scratch(), 'dist');
    cpSync(reference, out, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { generator: string; files: Array<{ file: string }> };
    expect(manifest.generator).toMatch(/^capa \d+\.\d+\.\d+/);
    readdirSync(out).filter((n) => n.endsWith('.pdf')).forEach((n) => spawnSync('rm', [path.join(out, n)]));
    const run = capa(['build', kit, '--out', out, '--only', 'calendar']);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'programme.ics']);
  });
});

describe('permissions: a new folder honours the umask, an existing one keeps its mode', () => {
  it.each([['022', 0o755], ['027', 0o750], ['077', 0o700]])('umask %s → a new output folder of mode %o', (umask, expected) => {
    const out = path.join(scratch(), 'neuf', 'dist');
    const run = capa(['build', kit, '--out', out, '--only', 'calendar'], { umask });
    expect(run.status, run.stderr).toBe(0);
    expect(mode(out)).toBe(expected);
  });

  it('an existing output folder keeps its mode across full and --only rebuilds', () => {
    const out = path.join(scratch(), 'dist');
    cpSync(reference, out, { recursive: true });
    chmodSync(out, 0o2775);
    for (const args of [['--only', 'calendar'], ['--only', 'sign-in,calendar']]) {
      const run = capa(['build', kit, '--out', out, ...args], { umask: '077' });
      expect(run.status, run.stderr).toBe(0);
      expect(mode(out)).toBe(0o2775);
    }
  });
});

describe('a replacement interrupted by kill -9 is recovered by the next build', () => {
  /** dist/ plus what a build killed at a given moment leaves beside it. */
  function killedState(parts: { dist: boolean; old?: boolean; staging?: 'complete' | 'partial' | 'empty' | 'manifest'; pid?: number }) {
    const parent = scratch();
    const dist = path.join(parent, 'dist');
    const pid = parts.pid ?? deadPid();
    const old = path.join(parent, `.dist-capa-${pid}-0123456789ab-old`);
    const staging = path.join(parent, `.dist-capa-${pid}-0123456789ab`);
    if (parts.dist) cpSync(reference, dist, { recursive: true });
    if (parts.old) cpSync(reference, old, { recursive: true });
    if (parts.staging) {
      mkdirSync(staging);
      if (parts.staging === 'complete' || parts.staging === 'partial') cpSync(reference, staging, { recursive: true });
      if (parts.staging === 'manifest') writeFileSync(path.join(staging, 'manifest.json'), readFileSync(path.join(reference, 'manifest.json'), 'utf8').slice(0, 30));
      // Killed while writing its last file: cut short.
      if (parts.staging === 'partial') writeFileSync(path.join(staging, 'programme.ics'), 'BEGIN:VCAL');
    }
    return { parent, dist, old, staging };
  }

  it('killed between the two renames: the previous build is put back, the staging folder removed', () => {
    const s = killedState({ dist: false, old: true, staging: 'complete' });
    recoverInterrupted(s.dist);
    expect(snapshot(s.dist)).toEqual(snapshot(reference));
    expect(readdirSync(s.parent)).toEqual(['dist']);
  });

  it.each([
    ['after the second rename (old copy left)', { dist: true, old: true }],
    ['while writing (partial staging)', { dist: true, staging: 'partial' as const }],
    ['right after making the staging folder (empty)', { dist: true, staging: 'empty' as const }],
    ['while writing the manifest (cut short)', { dist: true, staging: 'manifest' as const }],
  ])('killed %s: the leftovers are removed, dist/ untouched', (_, parts) => {
    const s = killedState(parts);
    recoverInterrupted(s.dist);
    expect(snapshot(s.dist)).toEqual(snapshot(reference));
    expect(readdirSync(s.parent)).toEqual(['dist']);
  });

  it('leaves alone the staging of a build still running, and a look-alike folder of the user’s', () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      const s = killedState({ dist: true, staging: 'partial', pid: sleeper.pid! });
      const lookAlike = path.join(s.parent, `.dist-capa-${deadPid()}-abcdefabcdef`);
      mkdirSync(lookAlike);
      writeFileSync(path.join(lookAlike, 'mes-notes.txt'), 'à garder');
      recoverInterrupted(s.dist);
      expect(existsSync(s.staging)).toBe(true);
      expect(readFileSync(path.join(lookAlike, 'mes-notes.txt'), 'utf8')).toBe('à garder');
    } finally {
      sleeper.kill();
    }
  });

  it('the CLI recovers before building: a killed replacement, then capa build', () => {
    const k = copyKit();
    const pid = deadPid();
    cpSync(reference, path.join(k, `.dist-capa-${pid}-0123456789ab-old`), { recursive: true });
    mkdirSync(path.join(k, `.dist-capa-${pid}-0123456789ab`));
    const run = capa(['build', k, '--only', 'calendar']);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(k).filter((n) => n.startsWith('.'))).toEqual([]);
    // The restored previous build's sign-in sheet is carried over by the --only build.
    expect(readdirSync(path.join(k, 'dist')).sort()).toEqual(['emargement.pdf', 'manifest.json', 'programme.ics']);
  });

  it('a real SIGKILL the moment the staging folder appears, then a build: one complete dist/, no leftovers', async () => {
    const k = copyKit();
    expect((await build({ dir: k })).ok).toBe(true);
    const complete = Object.keys(snapshot(path.join(k, 'dist'))).sort();
    const child = spawn(process.execPath, [BIN, 'build', k], { env, stdio: 'ignore' });
    const watcher = watch(k, (_, name) => {
      if (name?.startsWith('.dist-capa-')) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, sig) => resolve(sig)));
    watcher.close();
    expect(signal).toBe('SIGKILL');
    const run = capa(['build', k]);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(k).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(Object.keys(snapshot(path.join(k, 'dist'))).sort()).toEqual(complete);
  });
});
