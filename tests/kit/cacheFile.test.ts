import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCacheFolder, readSealedCacheFile, writeSealedCacheFile, writeSealedCacheFileFrom } from '../../src/kit/cacheFile.js';
import { freshDir } from '../helpers/tempKit.js';

/** The files of capa's cache folder (src/kit/cacheFile.ts): sealed entries, and folders kept bounded. */
describe('cache files', () => {
  it('a sealed entry copied from a file in chunks reads back as head and bytes, and not once damaged', () => {
    const dir = freshDir();
    // Two and a half chunks of 1 MB.
    const pdf = randomBytes(2.5 * 1024 * 1024);
    writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    const head = Buffer.from('head');
    const entry = path.join(dir, 'entries', 'a.bin');
    writeSealedCacheFileFrom(entry, head, path.join(dir, 'doc.pdf'));
    expect(readSealedCacheFile(entry, 8 * 1024 * 1024)).toEqual(Buffer.concat([head, pdf]));
    // The same bytes as an entry written whole.
    writeSealedCacheFile(path.join(dir, 'entries', 'b.bin'), Buffer.concat([head, pdf]));
    expect(readFileSync(entry)).toEqual(readFileSync(path.join(dir, 'entries', 'b.bin')));
    // No temporary file left behind.
    expect(readdirSync(path.join(dir, 'entries')).sort()).toEqual(['a.bin', 'b.bin']);

    const bytes = readFileSync(entry);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(entry, bytes);
    expect(readSealedCacheFile(entry, 8 * 1024 * 1024)).toBeUndefined();
    // Too large for the reader's bound: a miss.
    expect(readSealedCacheFile(path.join(dir, 'entries', 'b.bin'), 1024 * 1024)).toBeUndefined();
  });

  it('a source that cannot be read writes no entry', () => {
    const dir = freshDir();
    writeSealedCacheFileFrom(path.join(dir, 'entries', 'a.bin'), Buffer.from('head'), path.join(dir, 'missing.pdf'));
    expect(readdirSync(path.join(dir, 'entries'))).toEqual([]);
  });

  it('a folder is pruned to its most recently written files, by count and by bytes', () => {
    const dir = freshDir();
    const sizes = [100, 100, 100, 100, 100];
    sizes.forEach((size, i) => {
      const file = path.join(dir, `${i}.bin`);
      writeFileSync(file, Buffer.alloc(size));
      // 4.bin is the newest.
      utimesSync(file, 1_000 + i, 1_000 + i);
    });
    writeFileSync(path.join(dir, 'other.json'), '{}');
    pruneCacheFolder(dir, 4);
    expect(readdirSync(dir).sort()).toEqual(['1.bin', '2.bin', '3.bin', '4.bin', 'other.json']);
    pruneCacheFolder(dir, 4, 250);
    expect(readdirSync(dir).sort()).toEqual(['3.bin', '4.bin', 'other.json']);
    pruneCacheFolder(dir, 4, 99);
    expect(readdirSync(dir).sort()).toEqual(['other.json']);
  });
});
