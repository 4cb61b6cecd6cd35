import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../../src/kit/loadKit.js';
import { checkAssets } from '../../src/check/checkAssets.js';
import { tempKit } from '../helpers/tempKit.js';

const PNG = readFileSync(path.join(import.meta.dirname, '../../kits/demo/assets/logo.png'));
const JPEG = readFileSync(path.join(import.meta.dirname, '../robustness/images/baseline.jpg'));
const kitWithLogo = (logo: string, files: Record<string, string | Buffer> = {}) =>
  tempKit({ 'capa.yaml': `capa: 1\ntheme:\n  logo: ${logo}\n`, ...files });

async function check(dir: string) {
  return (await checkAssets(await loadKit({ dir }), 'fr')).map((d) => [d.code, d.line, d.column]);
}

describe('checkAssets', () => {
  it('accepts PNG and JPEG logos inside the kit', async () => {
    expect(await check(kitWithLogo('assets/logo.png', { 'assets/logo.png': PNG }))).toEqual([]);
    expect(await check(kitWithLogo('logo.jpg', { 'logo.jpg': JPEG }))).toEqual([]);
  });

  it('refuses a missing file, a file that is not an image, and paths leaving the kit', async () => {
    expect(await check(kitWithLogo('assets/absent.png'))).toEqual([['asset/missing', 3, 9]]);
    expect(await check(kitWithLogo('logo.png', { 'logo.png': 'GIF89a pas une image' }))).toEqual([['asset/bad-format', 3, 9]]);
    expect(await check(kitWithLogo('../logo.png'))).toEqual([['asset/outside-kit', 3, 9]]);
    expect(await check(kitWithLogo('/etc/hostname'))).toEqual([['asset/outside-kit', 3, 9]]);
    const outside = tempKit({ 'logo.png': PNG });
    const dir = kitWithLogo('lien.png');
    symlinkSync(path.join(outside, 'logo.png'), path.join(dir, 'lien.png'));
    expect(await check(dir)).toEqual([['asset/outside-kit', 3, 9]]);
  });

  it('refuses a header-only PNG (nothing after IHDR) and a damaged JPEG, at the logo value', async () => {
    expect(await check(kitWithLogo('logo.png', { 'logo.png': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') }))).toEqual([['asset/corrupt', 3, 9]]);
    expect(await check(kitWithLogo('logo.jpg', { 'logo.jpg': Buffer.from('ffd8ffe000104a464946', 'hex') }))).toEqual([['asset/corrupt', 3, 9]]);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable logo is asset/unreadable, not an internal error', async () => {
    const dir = kitWithLogo('logo.png', { 'logo.png': PNG });
    chmodSync(path.join(dir, 'logo.png'), 0o000);
    expect(await check(dir)).toEqual([['asset/unreadable', 3, 9]]);
  });
});
