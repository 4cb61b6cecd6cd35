import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyKit } from '../helpers/tempKit.js';

/** The run-sheet, use-case sheets and sign-in sheets go through the build like every document. */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the facilitators’ documents in a written build', () => {
  it('--only writes just them, into dist/ with the manifest; a second --only keeps the first', async () => {
    const dir = copyKit('kits/demo');
    const first = await build({ dir, only: ['run-sheet', 'sign-in'], to: 'fs' });
    expect(first.ok).toBe(true);
    const out = path.join(dir, 'dist');
    expect(readdirSync(out).sort()).toEqual(['deroule.pdf', 'emargement.pdf', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; pages: number; sha256: string }> };
    expect(manifest.files.map((f) => f.file)).toEqual(['deroule.pdf', 'emargement.pdf']);
    for (const f of manifest.files) expect(f.sha256).toBe(sha(readFileSync(path.join(out, f.file))));
    expect(manifest.files.find((f) => f.file === 'emargement.pdf')!.pages).toBe(1);

    const second = await build({ dir, only: ['use-cases'], to: 'fs' });
    expect(second.ok).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['cas-usage.pdf', 'deroule.pdf', 'emargement.pdf', 'manifest.json']);
    const again = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ file: string }> };
    expect(again.files.map((f) => f.file)).toEqual(['cas-usage.pdf', 'deroule.pdf', 'emargement.pdf']);
  });

  it('writes nothing when one of them fails: a broken forked template leaves dist/ as it was', async () => {
    const dir = copyKit('kits/demo', { 'templates/sign-in/partials/sheet.hbs': '<p>{{day.nowhere.name}}</p>\n' });
    const result = await build({ dir, only: ['run-sheet', 'sign-in'], to: 'fs' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      { code: 'template/missing-field', file: 'templates/sign-in/partials/sheet.hbs', line: 1 },
    ]);
    expect(readdirSync(dir)).not.toContain('dist');
  });
});
