import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { copyKit as copyKitWith } from '../helpers/tempKit.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The corpus's minimal kit that passes every check. */
export const VALID_BASE = path.join(ROOT, 'tests/fixtures/bad-kits/valid-base');

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder removed after the test file. */
export function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-rob-'));
  made.push(dir);
  return dir;
}

/** A copy of `from` (default: the minimal valid kit) as `<fresh folder>/kit`, without its `dist/` (tests/helpers/tempKit.ts). */
export function copyKit(from = VALID_BASE): string {
  return copyKitWith(from, {}, { folder: 'kit' });
}

/** Every file under `dir` with its bytes (relative path → base64), to compare folders byte for byte. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = path.join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Staging folders (`.<out>-capa-*`) left beside an output folder. */
export function strayStaging(outDir: string): string[] {
  return readdirSync(path.dirname(outDir)).filter((n) => n.startsWith(`.${path.basename(outDir)}-capa-`));
}
