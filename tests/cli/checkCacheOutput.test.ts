import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pointsInto } from '../../src/check/checkCache.js';
import { copyDemoKit, runMain, tempDir } from './cliHelpers.js';
import { entryOf, expectSame, rewriteEntry, SERVED, uncached, validate } from './checkCacheHelpers.js';

/**
 * The kit's build output (`dist/`, capa's `manifest.json` listing every file in it) is listed by the check cache's
 * fingerprint but not read: a build does not make the next `capa validate` check the kit again, and large PDFs do
 * not take the kit past the size the cache hashes. No entry is written for a kit whose data could read from it.
 */

const markServed = (cache: string) => rewriteEntry(entryOf(cache), (e) => e.diagnostics.push({ ...SERVED }));
const entries = (cache: string) => (existsSync(join(cache, 'checks')) ? readdirSync(join(cache, 'checks')).filter((f) => f.endsWith('.bin')) : []);

/** A folder as a build of capa leaves it: each file listed in its manifest with its size. */
function outputFolder(dir: string, files: Record<string, Buffer>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const listed = Object.entries(files).map(([file, bytes]) => ({ file, bytes: bytes.length, sha256: '0'.repeat(64) }));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ generator: 'capa 0.1.0', files: listed }, null, 2));
}

describe('the check cache and the build output folder', () => {
  it('keeps its entry across builds into dist/, and hashes dist/ again once it holds anything capa did not write', async () => {
    const dir = copyDemoKit();
    const cache = tempDir();
    const build = async () => {
      const saved = process.env.CAPA_CACHE_DIR;
      process.env.CAPA_CACHE_DIR = cache;
      try {
        expect((await runMain(['build', dir])).code).toBe(0);
      } finally {
        if (saved === undefined) delete process.env.CAPA_CACHE_DIR;
        else process.env.CAPA_CACHE_DIR = saved;
      }
    };
    await build();
    const expected = await uncached(dir);
    expectSame(await validate(dir, cache), expected);
    markServed(cache);
    await build();
    expect(readdirSync(join(dir, 'dist'))).toContain('manifest.json');
    expect((await validate(dir, cache)).stderr).toContain(SERVED.message);
    // A PDF rewritten at the same size is still the build's: served.
    const pdf = readdirSync(join(dir, 'dist')).find((f) => f.endsWith('.pdf'))!;
    const bytes = readFileSync(join(dir, 'dist', pdf));
    bytes[bytes.length - 2] ^= 1;
    writeFileSync(join(dir, 'dist', pdf), bytes);
    expect((await validate(dir, cache)).stderr).toContain(SERVED.message);
    // Someone's file in dist/: the folder is no longer the build's own, and counts like any other.
    writeFileSync(join(dir, 'dist', 'notes.txt'), 'mine');
    expectSame(await validate(dir, cache), expected);
  }, 120_000);

  it('caches a kit whose build output is larger than the kit size the cache hashes', async () => {
    const dir = copyDemoKit();
    outputFolder(join(dir, 'dist'), { 'carnet.pdf': Buffer.alloc(33 * 1024 * 1024, 1) });
    const cache = tempDir();
    expectSame(await validate(dir, cache), await uncached(dir));
    markServed(cache);
    expect((await validate(dir, cache)).stderr).toContain(SERVED.message);
  }, 60_000);

  it('writes no entry for a kit whose data could read from the output folder', async () => {
    const logo = readFileSync(join(copyDemoKit(), 'assets', 'logo.png'));
    const kits = [
      copyDemoKit({ 'capa.yaml': (t) => t.replace('logo: assets/logo.png', 'logo: Dist/logo.png') }),
      copyDemoKit({ 'capa.yaml': (t) => t.replace('include: [programme.yaml]', 'include: ["**/programme.yaml"]') }),
    ];
    for (const dir of kits) {
      outputFolder(join(dir, 'dist'), { 'logo.png': logo, 'programme.yaml': readFileSync(join(dir, 'programme.yaml')) });
      const cache = tempDir();
      expectSame(await validate(dir, cache), await uncached(dir));
      expect(entries(cache)).toEqual([]);
      // What the checks read there changes the output, at the same sizes: a stale entry would show.
      const damaged = Buffer.from(logo);
      damaged.fill(0, 0, 8);
      writeFileSync(join(dir, 'dist', 'logo.png'), damaged);
      expectSame(await validate(dir, cache), await uncached(dir));
    }
    // The output folder's name inside a word is no path into it: the entry is written.
    const words = copyDemoKit({ 'capa.yaml': (t) => t.replace(/title: .*/, 'title: La distance et les distributions') });
    outputFolder(join(words, 'dist'), { 'a.pdf': Buffer.from('%PDF') });
    const cache = tempDir();
    await validate(words, cache);
    expect(entries(cache)).toHaveLength(1);
  }, 120_000);

  it('pointsInto: a path segment naming the folder, without case, or an include a glob could take into it', () => {
    const outputs = ['dist'];
    expect(pointsInto({ theme: { logo: 'dist/logo.png' } }, outputs)).toBe(true);
    expect(pointsInto({ theme: { logo: './DIST/logo.png' } }, outputs)).toBe(true);
    expect(pointsInto({ photos: ['assets\\..\\dist\\a.png'] }, outputs)).toBe(true);
    expect(pointsInto({ a: { 'dist/x': 1 } }, outputs)).toBe(true);
    expect(pointsInto({ include: ['**/*.yaml'] }, outputs)).toBe(true);
    expect(pointsInto({ include: ['*/programme.yaml'] }, outputs)).toBe(true);
    expect(pointsInto({ include: ['{a,dist}/x.yaml'] }, outputs)).toBe(true);
    expect(pointsInto({ include: ['parts/../*/x.yaml'] }, outputs)).toBe(true);
    expect(pointsInto({ include: 'programme.yaml' }, outputs)).toBe(true);
    expect(pointsInto({ include: ['programme.yaml', 'parts/*.yaml', '*.yaml'], kit: { title: 'distance, distribution' } }, outputs)).toBe(false);
    expect(pointsInto({ theme: { logo: 'assets/dist.png' } }, outputs)).toBe(false);
  });
});
