import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { DOCUMENT_SPECS } from '../../src/documents/registry.js';
import { copyKit, ROOT, snapshot, strayStaging } from './robustnessHelpers.js';

/**
 * PDFs are written into the staging folder while they are drawn (not kept in memory until the end), and the
 * build stays all-or-nothing: what it writes equals the in-memory build byte for byte, and a failure after some
 * documents were streamed, or a kill, leaves dist/ as it was.
 */
const BIN = path.join(ROOT, 'bin/capa.js');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let kit: string;
let dist: string;
let inMemory: Map<string, Buffer>;
beforeAll(async () => {
  kit = copyKit(path.join(ROOT, 'kits/demo'));
  dist = path.join(kit, 'dist');
  const r = await build({ dir: kit, to: 'memory' });
  expect(r.ok).toBe(true);
  inMemory = new Map(r.files.map((f) => [f.file, f.content]));
});

describe('a streamed build', () => {
  it('writes the bytes of the in-memory build, and a manifest with their sizes and hashes', async () => {
    const r = await build({ dir: kit });
    expect(r.ok).toBe(true);
    const written = readdirSync(dist).filter((n) => n !== 'manifest.json').sort();
    expect(written).toEqual([...inMemory.keys()].sort());
    for (const name of written) expect(readFileSync(path.join(dist, name)).equals(inMemory.get(name)!), name).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; bytes: number; sha256: string }> };
    expect(manifest.files.map((f) => f.file)).toEqual(written);
    for (const f of manifest.files) expect(f).toMatchObject({ bytes: inMemory.get(f.file)!.length, sha256: sha256(inMemory.get(f.file)!) });
    // The result lists the same, and still reads a file's bytes when asked.
    expect(r.documents.map((d) => [d.file, d.bytes, d.sha256])).toEqual(
      r.documents.map((d) => [d.file, inMemory.get(d.file)!.length, sha256(inMemory.get(d.file)!)]),
    );
    expect(r.files.find((f) => f.file === 'programme.pdf')!.content.equals(inMemory.get('programme.pdf')!)).toBe(true);
    expect(strayStaging(dist)).toEqual([]);
  });

  describe('a document failing after others were streamed', () => {
    const original = DOCUMENT_SPECS[3];
    afterEach(() => {
      DOCUMENT_SPECS[3] = original;
    });

    it('leaves dist/ as it was and no staging folder', async () => {
      expect((await build({ dir: kit })).ok).toBe(true);
      const before = snapshot(dist);
      // What the staging folder held when the failing document started: the PDFs already drawn, whole.
      let seen: Record<string, string> = {};
      DOCUMENT_SPECS[3] = {
        ...original,
        make: async () => {
          const [staging] = strayStaging(dist);
          seen = snapshot(path.join(kit, staging));
          throw new Error('panne simulée après trois documents');
        },
      };
      await expect(build({ dir: kit })).rejects.toThrow('panne simulée');
      for (const spec of DOCUMENT_SPECS.slice(0, 3)) {
        if (spec.file.endsWith('.pdf')) expect(Buffer.from(seen[spec.file], 'base64').equals(inMemory.get(spec.file)!), spec.file).toBe(true);
      }
      expect(snapshot(dist)).toEqual(before);
      expect(strayStaging(dist)).toEqual([]);
    });
  });

  it('killed outright (SIGKILL) midway: the next build recognises the staging folder left behind and removes it', async () => {
    expect((await build({ dir: kit })).ok).toBe(true);
    const before = snapshot(dist);
    const env = { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' };
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'build', kit, '--verbose'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // A document is made (streamed into the staging folder): no handler runs on SIGKILL.
        if (/^ {2}\S+ \(\d+ ms\)$/m.test(stderr)) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    const left = strayStaging(dist);
    expect(left).toHaveLength(1);
    const staged = readdirSync(path.join(kit, left[0]));
    expect(staged).toContain('manifest.json');
    expect(staged.some((n) => n.endsWith('.pdf'))).toBe(true);
    expect(snapshot(dist)).toEqual(before);

    // The process is gone: its folder is removed by the next build, which then replaces dist/ as usual.
    expect((await build({ dir: kit })).ok).toBe(true);
    expect(strayStaging(dist)).toEqual([]);
    expect(existsSync(path.join(kit, left[0]))).toBe(false);
    expect(snapshot(dist)).toEqual(before);
  });
});
