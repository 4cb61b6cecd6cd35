import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The repository root (where `kits/` and `bin/` are). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp folder (named `<prefix>…`), removed after the test file. */
export function freshDir(prefix = 'capa-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Write files (path relative to `dir` → content) into `dir`, making the folders they need. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const abs = path.join(dir, name);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Write a kit (file name → content) into a fresh temp folder, removed after the test file. */
export function tempKit(files: Record<string, string | Buffer>): string {
  const dir = freshDir();
  writeFiles(dir, files);
  return dir;
}

/**
 * Changes to a copied kit, by file path: a text or buffer (re)writes the file; a function rewrites the
 * existing file's text from its old text, and must change it (so a test cannot silently test the original).
 */
export type KitChanges = Record<string, string | Buffer | ((text: string) => string)>;

/**
 * A copy of a kit folder (`kits/demo`, relative to the working folder or absolute) in a fresh temp folder,
 * removed after the test file, with `changes` applied. `folder` names the copy's own folder inside the temp one
 * (for tests where the kit's folder name shows). The kit's `dist/` is not copied: a contributor's own build of a
 * shipped kit (`npx capa build kits/demo`, ignored by git) would otherwise reach every test that copies the kit.
 */
export function copyKit(from: string, changes: KitChanges = {}, opts: { folder?: string } = {}): string {
  const dir = opts.folder ? path.join(freshDir(), opts.folder) : freshDir();
  cpSync(from, dir, { recursive: true, filter: (file) => path.relative(from, file).split(path.sep)[0] !== 'dist' });
  for (const [name, change] of Object.entries(changes)) {
    const abs = path.join(dir, name);
    if (typeof change !== 'function') {
      writeFiles(dir, { [name]: change });
      continue;
    }
    const before = readFileSync(abs, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${name} changed nothing`);
    writeFileSync(abs, after);
  }
  return dir;
}

/** Drop the YAML indentation common to every line of a template literal. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
