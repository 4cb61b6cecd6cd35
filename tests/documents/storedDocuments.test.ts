import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { continued, DocumentKey, readAhead } from '../../src/documents/storedDocuments.js';
import { copyKit, freshDir, ROOT } from '../helpers/tempKit.js';

/**
 * The PDFs of earlier builds (src/documents/storedDocuments.ts), kept in `CAPA_CACHE_DIR/documents`: a document whose
 * markup, settings and images are those of one made before is copied, byte for byte, instead of laid out again.
 * A stored PDF is "marked" below (a PDF comment appended, the entry sealed again) to see which documents a build
 * copied from the store: a copied document ends with its mark, a document made again does not.
 */

interface Entry {
  file: string;
  key: string;
  images: [string, string | null][];
  pdf: Buffer;
}

function build(kit: string, cacheDir: string): Map<string, Buffer> {
  const out = freshDir('capa-stored-out-');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/capa.js'), 'build', kit, '--out', out, '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, CAPA_CACHE_DIR: cacheDir },
  });
  expect(run.status, run.stderr).toBe(0);
  return new Map(readdirSync(out).filter((f) => f.endsWith('.pdf')).map((f) => [f, readFileSync(path.join(out, f))]));
}

/** An entry's parts: [SHA-256 of the rest][head length, 4 bytes][head: JSON][the PDF]. */
function entries(cacheDir: string): Entry[] {
  const dir = path.join(cacheDir, 'documents');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.bin'))
    .map((n) => {
      const file = path.join(dir, n);
      const bytes = readFileSync(file);
      const headLength = bytes.readUInt32BE(32);
      const head = JSON.parse(bytes.toString('utf8', 36, 36 + headLength)) as { key: string; images: [string, string | null][] };
      return { file, ...head, pdf: bytes.subarray(36 + headLength) };
    });
}

const documentOf = (entry: Entry) => entry.key.split(' ')[1];
const mark = (name: string) => Buffer.from(`%stored ${name}\n`);

/** Appends a mark to every stored PDF, sealing each entry again as capa writes it. */
function markAll(cacheDir: string): void {
  for (const entry of entries(cacheDir)) {
    const old = readFileSync(entry.file);
    const head = old.subarray(36, 36 + old.readUInt32BE(32));
    const body = Buffer.concat([old.subarray(32, 36), head, entry.pdf, mark(documentOf(entry))]);
    writeFileSync(entry.file, Buffer.concat([createHash('sha256').update(body).digest(), body]));
  }
}

const marked = (pdf: Buffer) => pdf.toString('latin1').match(/%stored (\S+)\n$/)?.[1];

describe('Stored documents', () => {
  let demo: string;
  let reference: Map<string, Buffer>;
  beforeAll(() => {
    demo = copyKit(path.join(ROOT, 'kits/demo'));
    reference = build(demo, '');
  }, 60_000);

  it('are kept by a first build, with the bytes of a build without the store, and copied by the next', () => {
    const cacheDir = path.join(freshDir(), 'cache');
    expect(build(demo, cacheDir)).toEqual(reference);
    const stored = entries(cacheDir);
    expect(stored.map((e) => e.pdf)).toEqual(expect.arrayContaining([...reference.values()]));
    expect(stored).toHaveLength(reference.size);

    markAll(cacheDir);
    const again = build(demo, cacheDir);
    expect([...again.keys()]).toEqual([...reference.keys()]);
    for (const [file, pdf] of again) {
      expect(marked(pdf), file).toBeDefined();
      expect(pdf.subarray(0, reference.get(file)!.length)).toEqual(reference.get(file));
    }
  }, 60_000);

  it('are made again when an image they drew has other bytes, and only those', () => {
    const kit = copyKit(path.join(ROOT, 'kits/demo'));
    const cacheDir = path.join(freshDir(), 'cache');
    build(kit, cacheDir);
    const drawLogo = new Set(entries(cacheDir).filter((e) => e.images.some(([src, digest]) => src.endsWith('logo.png') && digest !== null)).map(documentOf));
    expect(drawLogo.size).toBeGreaterThan(0);
    expect(drawLogo.size).toBeLessThan(reference.size);
    const logoDigest = (entry: Entry) => entry.images.find(([src]) => src.endsWith('logo.png'))?.[1];
    const oldLogo = logoDigest(entries(cacheDir).find((e) => drawLogo.has(documentOf(e)))!);
    markAll(cacheDir);

    copyFileSync(path.join(ROOT, 'kits/capacities/assets', readdirSync(path.join(ROOT, 'kits/capacities/assets')).find((f) => f.endsWith('.png'))!), path.join(kit, 'assets/logo.png'));
    const rebuilt = build(kit, cacheDir);
    const copied = [...rebuilt.values()].map(marked).filter(Boolean);
    expect(copied).toHaveLength(reference.size - drawLogo.size);
    for (const name of copied) expect(drawLogo.has(name!)).toBe(false);
    // Made again with the new image, and kept in place of the old: one entry per markup, naming the new bytes.
    const now = entries(cacheDir);
    expect(now).toHaveLength(reference.size);
    for (const entry of now.filter((e) => drawLogo.has(documentOf(e)))) {
      expect(logoDigest(entry)).toMatch(/^[0-9a-f]{64}$/);
      expect(logoDigest(entry)).not.toBe(oldLogo);
      expect(marked(entry.pdf)).toBeUndefined();
    }
  }, 60_000);

  it('serve an edit of the kit only the documents whose markup it leaves the same', () => {
    const kit = copyKit(path.join(ROOT, 'kits/capacities'));
    const cacheDir = path.join(freshDir(), 'cache');
    const first = build(kit, cacheDir);
    markAll(cacheDir);
    const challenges = path.join(kit, 'challenges.yaml');
    const text = readFileSync(challenges, 'utf8');
    const question = text.match(/question: (.+)/)!;
    writeFileSync(challenges, text.replace(question[0], `question: ${question[1].replace(/\?$/, '')} (revue) ?`));

    const edited = build(kit, cacheDir);
    const made = [...edited].filter(([, pdf]) => !marked(pdf)).map(([file]) => file);
    // The défi cards print the question; the badges and the sign-in sheets do not.
    expect(made).toContain('defis.pdf');
    expect(made).not.toContain('badges.pdf');
    expect(made).not.toContain('emargement.pdf');
    for (const file of made) {
      expect(edited.get(file)!.toString('latin1')).not.toEqual(first.get(file)!.toString('latin1'));
    }
    expect(build(kit, '')).toEqual(new Map([...edited].map(([file, pdf]) => [file, marked(pdf) ? pdf.subarray(0, pdf.length - mark(marked(pdf)!).length) : pdf])));
  }, 120_000);

  it('are made again from a damaged entry, and not kept at all with CAPA_CACHE_DIR empty', () => {
    const cacheDir = path.join(freshDir(), 'cache');
    build(demo, cacheDir);
    markAll(cacheDir);
    for (const entry of entries(cacheDir)) {
      const bytes = readFileSync(entry.file);
      bytes[bytes.length - 20] ^= 0xff;
      writeFileSync(entry.file, bytes);
    }
    expect(build(demo, cacheDir)).toEqual(reference);
    expect(entries(cacheDir).map((e) => marked(e.pdf))).toEqual(entries(cacheDir).map(() => undefined));

    const none = path.join(freshDir(), 'unused');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/capa.js'), 'build', demo, '--out', path.join(none, 'out'), '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, CAPA_CACHE_DIR: '' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(path.join(none, 'documents'))).toBe(false);
  }, 60_000);
});

describe('Markup read ahead for a key', () => {
  const limited = (max: number) => {
    let size = 0;
    return { add: (part: string) => (size += part.length) <= max };
  };
  /** Parts as a render gives them: one iterator, whoever asks. */
  const rendered = (parts: string[]) => {
    const it = parts[Symbol.iterator]();
    return { [Symbol.iterator]: () => it };
  };

  it('reads a small markup whole, and gives every part once, in order, when it stops early', () => {
    const parts = ['<doc>', 'a'.repeat(4), 'b'.repeat(4), 'c'.repeat(4), '</doc>'];
    const whole = readAhead(rendered(parts), limited(100));
    expect(whole).toMatchObject({ parts, whole: true });

    for (const source of [rendered(parts), parts]) {
      const ahead = readAhead(source, limited(10));
      expect(ahead).toMatchObject({ parts: parts.slice(0, 3), whole: false });
      expect([...continued(ahead)]).toEqual(parts);
    }
  });

  it('is not kept by capa run from its sources, which have no build id to key it by', () => {
    expect(DocumentKey.open('agenda', [])).toBeUndefined();
  });
});
