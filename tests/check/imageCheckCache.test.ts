import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { copyDemoKit, runCli, tempDir } from '../cli/cliHelpers.js';

/**
 * Inflating a PNG's data to check it is the slow part of checking an image: a sound PNG's verdict is kept in
 * the cache folder by the hash of its bytes, and the next run trusts it for those exact bytes only. Each run
 * is the real CLI; NODE_DEBUG=capa-image makes it print every image whose data it inflates.
 */

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function picture(width: number, height: number, seed: number): Buffer {
  const image = new PNG({ width, height, colorType: 2 });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * seed) % 256;
  return PNG.sync.write(image, { colorType: 2, inputColorType: 6 });
}

/** `png` whose header claims twice its height, checksum fixed: its structure is sound, its data too short. */
function tooShort(png: Buffer): Buffer {
  const bad = Buffer.from(png);
  bad.writeUInt32BE(bad.readUInt32BE(20) * 2, 20);
  bad.writeUInt32BE(crc32(bad.subarray(12, 29)) >>> 0, 29);
  return bad;
}

function validate(kit: string, cache: string) {
  // --verbose: the kit is always checked, where the check cache (src/check/checkCache.ts) would answer for an unchanged one.
  const run = runCli(['validate', kit, '--lang', 'en', '--verbose'], { env: { CAPA_CACHE_DIR: cache, NODE_DEBUG: 'capa-image' } });
  return { code: run.code, inflated: [...run.stderr.matchAll(/CAPA-IMAGE \d+: inflating ([0-9a-f]{64})/g)].map((m) => m[1]), stderr: run.stderr };
}

describe('image checks remembered by content', () => {
  it('a sound PNG is inflated once; a damaged or foreign entry is checked again; an edited image is checked again', () => {
    const kit = copyDemoKit();
    const cache = tempDir();
    const logo = readFileSync(join(kit, 'assets', 'logo.png'));
    const entry = join(cache, 'image-checks', `${sha256(logo)}.json`);

    const first = validate(kit, cache);
    expect(first.code).toBe(0);
    expect(first.inflated).toEqual([sha256(logo)]);
    expect(JSON.parse(readFileSync(entry, 'utf8'))).toMatchObject({ sha256: sha256(logo), width: 128, height: 128 });

    const second = validate(kit, cache);
    expect(second.code).toBe(0);
    expect(second.inflated).toEqual([]);

    // A damaged entry is a miss: checked again, and the entry written anew.
    writeFileSync(entry, '{"version": "capa-png-da');
    expect(validate(kit, cache).inflated).toEqual([sha256(logo)]);
    expect(JSON.parse(readFileSync(entry, 'utf8')).sha256).toBe(sha256(logo));

    // An edited image has other bytes: it is checked.
    const edited = picture(64, 32, 7);
    writeFileSync(join(kit, 'assets', 'logo.png'), edited);
    const third = validate(kit, cache);
    expect(third.code).toBe(0);
    expect(third.inflated).toEqual([sha256(edited)]);
  });

  it('no entry makes a damaged image sound: an entry for other bytes or from another check is ignored, and a problem is never remembered', () => {
    const kit = copyDemoKit();
    const cache = tempDir();
    const sound = picture(64, 32, 3);
    const bad = tooShort(sound);
    writeFileSync(join(kit, 'assets', 'logo.png'), sound);
    expect(validate(kit, cache).code).toBe(0);
    const soundEntry = readFileSync(join(cache, 'image-checks', `${sha256(sound)}.json`), 'utf8');

    writeFileSync(join(kit, 'assets', 'logo.png'), bad);
    const badEntry = join(cache, 'image-checks', `${sha256(bad)}.json`);
    const found = validate(kit, cache);
    expect(found.code).toBe(1);
    expect(found.stderr).toContain('[asset/corrupt]');
    expect(found.inflated).toEqual([sha256(bad)]);
    expect(existsSync(badEntry)).toBe(false);

    // The sound image's entry put in the damaged one's place names other bytes.
    writeFileSync(badEntry, soundEntry);
    expect(validate(kit, cache).stderr).toContain('[asset/corrupt]');
    // An entry naming these bytes, written by another version of the check.
    const other = { ...JSON.parse(soundEntry), sha256: sha256(bad), height: 64, version: 'capa-png-data-0' };
    writeFileSync(badEntry, JSON.stringify(other));
    const again = validate(kit, cache);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[asset/corrupt]');
    expect(again.inflated).toEqual([sha256(bad)]);
  });
});
