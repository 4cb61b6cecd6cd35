import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageCount } from '../helpers/pdf.js';
import { copyDemoKit, runMain } from './cliHelpers.js';

const pages = (file: string) => pageCount(readFileSync(file));

describe('capa build print options', () => {
  it('--calibration puts a calibration sheet pair first in defis.pdf; --duplex short-edge is accepted', async () => {
    const dir = copyDemoKit();
    const plain = await runMain(['build', dir, '--only', 'cards']);
    expect(plain.code).toBe(0);
    const normal = await pages(join(dir, 'dist', 'defis.pdf'));
    const calibrated = await runMain(['build', dir, '--only', 'cards', '--calibration', '--duplex', 'short-edge']);
    expect(calibrated.code).toBe(0);
    expect(await pages(join(dir, 'dist', 'defis.pdf'))).toBe(normal + 2);
  });

  it('refuses an unknown --duplex edge as a usage error', async () => {
    const r = await runMain(['build', copyDemoKit(), '--duplex', 'diagonal']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('long-edge');
  });
});
