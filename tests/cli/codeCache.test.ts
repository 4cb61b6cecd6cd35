import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { V8_FLAGS_AT_START } from '../../src/setV8Flag.js';
import { optimizeLaterFlags } from '../../src/documents/optimizeLater.js';
import { copyDemoKit, ROOT, runCli, tempDir } from './cliHelpers.js';

/**
 * bin/capa.js keeps the compiled code of the command line in CAPA_CACHE_DIR/code (src/cli/codeCache.ts), written
 * when a command's first run ends, read back by the next run of the same command.
 */

/** The code cache's entries (name → last modified, size) after a run with `cache` as CAPA_CACHE_DIR. */
function entries(cache: string): Map<string, { at: number; size: number }> {
  const dir = join(cache, 'code', `${process.version}-${process.arch}`);
  const found = new Map<string, { at: number; size: number }>();
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const stats = statSync(join(dir, name));
    found.set(name, { at: stats.mtimeMs, size: stats.size });
  }
  return found;
}

/** The bytes of every file a build wrote in `dist`, by name. */
function outputs(kit: string): Map<string, Buffer> {
  const dist = join(kit, 'dist');
  return new Map(readdirSync(dist).map((name) => [name, readFileSync(join(dist, name))]));
}

describe('the compiled code kept between runs', () => {
  it('is written by the first run of a command on a kit, read back unchanged by the next, and a damaged entry is only compiled again', () => {
    const cache = join(tempDir(), 'cache');
    const kit = copyDemoKit();
    const build = () => {
      rmSync(join(cache, 'documents'), { recursive: true, force: true });
      const run = runCli(['build', kit, '-q'], { env: { CAPA_CACHE_DIR: cache } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      return outputs(kit);
    };
    const first = build();
    const written = entries(cache);
    // The bundled command line and the packages it requires: dozens of files, each entry holding their functions.
    expect(written.size).toBeGreaterThan(40);
    expect([...written.keys()].every((name) => name.endsWith('.bin'))).toBe(true);
    expect([...written.values()].reduce((sum, e) => sum + e.size, 0)).toBeGreaterThan(1024 * 1024);

    // The same command again: every entry was accepted by V8 (one it refused would be written again), and the
    // documents are the same bytes.
    expect(build()).toEqual(first);
    expect(entries(cache)).toEqual(written);

    // Every entry damaged: each is a miss, compiled again and written again; the build is the same.
    for (const name of written.keys()) {
      const file = join(cache, 'code', `${process.version}-${process.arch}`, name);
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(file, bytes);
    }
    expect(build()).toEqual(first);
    const rewritten = entries(cache);
    expect([...rewritten.keys()].sort()).toEqual([...written.keys()].sort());
    for (const [name, entry] of rewritten) expect(entry.at, name).toBeGreaterThan(written.get(name)!.at);

    // Another command, and the same command on another kit, keep their own sets beside the build's.
    const validate = runCli(['validate', kit], { env: { CAPA_CACHE_DIR: cache } });
    expect(validate.code, validate.stderr).toBe(0);
    const afterValidate = entries(cache);
    expect(afterValidate.size).toBeGreaterThan(rewritten.size);
    for (const [name, entry] of rewritten) expect(afterValidate.get(name)).toEqual(entry);
    const other = copyDemoKit();
    const otherBuild = runCli(['build', other, '-q'], { env: { CAPA_CACHE_DIR: cache } });
    expect(otherBuild.code, otherBuild.stderr).toBe(0);
    const afterOther = entries(cache);
    expect(afterOther.size).toBeGreaterThan(afterValidate.size + 40);
    for (const [name, entry] of afterValidate) expect(afterOther.get(name)).toEqual(entry);
  });

  it('is not written by a run that fails: its code would stand for the command’s', () => {
    const cache = join(tempDir(), 'cache');
    const kit = copyDemoKit({ 'capa.yaml': (text) => `${text}\nnot_a_key: 1\n` });
    const run = runCli(['build', kit, '-q'], { env: { CAPA_CACHE_DIR: cache } });
    expect(run.code).toBe(1);
    expect(entries(cache).size).toBe(0);
  });

  it('is not kept when the cache is off', () => {
    const home = tempDir();
    const kit = copyDemoKit();
    const run = runCli(['validate', kit], { env: { CAPA_CACHE_DIR: '', XDG_CACHE_HOME: home, HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });

  it('goes in the platform cache folder when CAPA_CACHE_DIR is not set', () => {
    const home = tempDir();
    const kit = copyDemoKit();
    const run = runCli(['validate', kit], { env: { CAPA_CACHE_DIR: undefined, XDG_CACHE_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    expect(entries(join(home, 'capa', 'yaml')).size).toBeGreaterThan(5);
  });
});

describe('V8 flags capa sets, and their value when Node starts', () => {
  it('names a start value for every flag capa sets at run time', () => {
    // Every call with a literal flag, anywhere in src/ (optimizeLater's flags, chosen by V8 version, come next).
    const src = join(ROOT, 'src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const sources = files.map((f) => readFileSync(join(src, f), 'utf8')).join('\n');
    const set = [...sources.matchAll(/setV8Flag\([`']--(?:no-)?([a-z-]+)/g)].map((m) => m[1]!);
    for (const version of ['11.3.244.8', '13.6.233.17']) {
      const flags = optimizeLaterFlags(version);
      for (const flag of [flags?.later, flags?.normal]) if (flag) set.push(flag.replace(/^--/, '').replace(/=.*$/, ''));
    }
    expect(set.length).toBeGreaterThan(4);
    for (const name of set) expect(V8_FLAGS_AT_START, name).toHaveProperty(name);
  });

  it('gives V8 back the fingerprint of its flags at start, for each flag this V8 knows', () => {
    // In a new process: the test runner's own flags do not count.
    const script = `
      import { cachedDataVersionTag } from 'node:v8';
      import { setV8Flag, withV8Flags, V8_FLAGS_AT_START } from ${JSON.stringify(pathToFileURL(join(ROOT, 'lib', 'setV8Flag.js')).href)};
      const start = cachedDataVersionTag();
      const results = {};
      for (const [name, atStart] of Object.entries(V8_FLAGS_AT_START)) {
        const other = atStart.startsWith('--no-') ? '--' + name : '--' + name + '=7';
        setV8Flag(other);
        const changed = cachedDataVersionTag() !== start;
        const inside = withV8Flags(new Map(), () => cachedDataVersionTag());
        const after = cachedDataVersionTag();
        setV8Flag(atStart);
        results[name] = { known: changed, insideIsStart: inside === start, afterIsChanged: after !== start, backIsStart: cachedDataVersionTag() === start };
      }
      process.stdout.write(JSON.stringify(results));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as Record<string, { known: boolean; insideIsStart: boolean; afterIsChanged: boolean; backIsStart: boolean }>;
    // The flags this Node's V8 knows: the heap's on both, and the tiering flag of its version.
    const major = Number(process.versions.v8.split('.')[0]);
    const known = Object.keys(results).filter((name) => results[name]!.known);
    expect(known).toEqual(expect.arrayContaining(['semi-space-growth-factor', 'heap-growing-percent', 'expose-gc', ...(major === 11 ? ['interrupt-budget'] : major === 13 ? ['invocation-count-for-turbofan'] : [])]));
    for (const name of known) expect(results[name], name).toEqual({ known: true, insideIsStart: true, afterIsChanged: true, backIsStart: true });
  });
});
