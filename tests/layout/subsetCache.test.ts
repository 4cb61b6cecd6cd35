import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyKit, freshDir, ROOT } from '../helpers/tempKit.js';

/**
 * The subset cache (src/layout/pdf/subsetCache.ts): font programs embedded by a build are kept in
 * `CAPA_CACHE_DIR/subsets` and read back by the next process, which then writes the same bytes.
 */

const DOCS = ['carnet.pdf', 'defis.pdf'];
let kit: string;
beforeAll(() => {
  kit = copyKit(path.join(ROOT, 'kits/demo'));
});

function build(cacheDir: string): Buffer[] {
  // Without the PDFs of the last build (src/documents/storedDocuments.ts): each build draws, and embeds its fonts.
  if (cacheDir) rmSync(path.join(cacheDir, 'documents'), { recursive: true, force: true });
  const out = freshDir('capa-subset-out-');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/capa.js'), 'build', kit, '--out', out, '--only', 'carnet,cards', '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, CAPA_CACHE_DIR: cacheDir },
  });
  expect(run.status, run.stderr).toBe(0);
  return DOCS.map((f) => readFileSync(path.join(out, f)));
}

const entries = (cacheDir: string) => {
  const dir = path.join(cacheDir, 'subsets');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.bin')).map((n) => path.join(dir, n)) : [];
};

/** An entry's parts: [SHA-256 of the rest][key length, 4 bytes][key][compressed program]. */
function parse(entry: Buffer): { key: string; program: Buffer } {
  const keyLength = entry.readUInt32BE(32);
  return { key: entry.toString('utf8', 36, 36 + keyLength), program: entry.subarray(36 + keyLength) };
}

function entry(key: string, program: Buffer): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(keyBytes.length);
  const body = Buffer.concat([head, keyBytes, program]);
  return Buffer.concat([createHash('sha256').update(body).digest(), body]);
}

describe('Subset cache', () => {
  let reference: Buffer[];
  beforeAll(() => {
    reference = build('');
  }, 60_000);

  it('is written by a first build, read by a second process, and the bytes are those of a build without it', () => {
    const cacheDir = path.join(freshDir(), 'cache');
    expect(build(cacheDir)).toEqual(reference);
    const files = entries(cacheDir);
    expect(files.length).toBeGreaterThan(2);
    const written = files.map((f) => statSync(f).mtimeMs);
    expect(build(cacheDir)).toEqual(reference);
    // Nothing was encoded again: no entry was added or rewritten.
    expect(entries(cacheDir)).toEqual(files);
    expect(files.map((f) => statSync(f).mtimeMs)).toEqual(written);

    // Each entry replaced by the same font program compressed differently (still whole, still its key):
    // the next build embeds exactly those bytes, so it took them from the files.
    const forged = files.map((f) => {
      const { key, program } = parse(readFileSync(f));
      const other = deflateSync(inflateSync(program), { level: 1 });
      expect(other.equals(program)).toBe(false);
      writeFileSync(f, entry(key, other));
      return other;
    });
    const read = build(cacheDir);
    const all = Buffer.concat(read);
    for (const program of forged) expect(all.includes(program)).toBe(true);
    const dir = freshDir('capa-subset-check-');
    for (const [i, pdf] of read.entries()) {
      const file = path.join(dir, DOCS[i]);
      writeFileSync(file, pdf);
      execFileSync('qpdf', ['--check', file]);
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toBe(
        execFileSync('pdftotext', [(writeFileSync(`${file}.ref`, reference[i]), `${file}.ref`), '-'], { encoding: 'utf8' }),
      );
    }
  }, 120_000);

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 9)],
    ['with a byte of the program changed', (b: Buffer) => Buffer.from(b).fill(b[b.length - 20] ^ 0xff, b.length - 20, b.length - 19)],
    // Whole, but another subset's: served for this one it would embed the wrong glyphs.
    ['holding another entry', (_b: Buffer, other: Buffer) => other],
    ['replaced by other bytes', () => Buffer.from('not a subset')],
    ['empty', () => Buffer.alloc(0)],
  ])('ignores an entry %s', (_, damage: (b: Buffer, other: Buffer) => Buffer) => {
    const cacheDir = path.join(freshDir(), 'cache');
    build(cacheDir);
    const files = entries(cacheDir);
    const before = files.map((f) => readFileSync(f));
    files.forEach((f, i) => writeFileSync(f, damage(before[i], before[(i + 1) % files.length])));
    expect(build(cacheDir)).toEqual(reference);
  }, 120_000);
});
