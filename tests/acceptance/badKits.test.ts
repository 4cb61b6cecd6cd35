import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKit, validateKit } from '../../src/check/validateKit.js';
import type { Diagnostic } from '../../src/report/Diagnostic.js';

/**
 * The corpus of bad kits: each folder of tests/fixtures/bad-kits/ is the same minimal valid kit
 * (`valid-base`) with ONE mistake, and its expected.json lists exactly what validateKit reports.
 */
const ROOT = path.resolve(import.meta.dirname, '../fixtures/bad-kits');
/** Folders that are not one-mistake kits (checked by their own test). */
const OTHER = new Set(['ten-mistakes']);
const kits = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !OTHER.has(e.name))
  .map((e) => e.name)
  .sort();

interface Expected {
  code: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

const located = (list: Diagnostic[]): Expected[] =>
  list.map((d) => ({ code: d.code, file: d.file ?? null, line: d.line ?? null, column: d.column ?? null }));
const expectedOf = (name: string): Expected[] => JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8'));

describe('bad kits corpus', () => {
  it('has an expected.json in every kit folder', () => {
    expect(kits.filter((name) => !existsSync(path.join(ROOT, name, 'expected.json')))).toEqual([]);
  });

  it.each(kits)('%s: validateKit reports exactly the expected diagnostics', async (name) => {
    expect(located(await validateKit({ dir: path.join(ROOT, name) }))).toEqual(expectedOf(name));
  });

  it.each(kits)('%s: the same places in English', async (name) => {
    expect(located(await validateKit({ dir: path.join(ROOT, name), lang: 'en' }))).toEqual(expectedOf(name));
  });

  it('starts from a base kit clean of every check, schedule and method rules included', async () => {
    const { kit, diagnostics } = await checkKit({ dir: path.join(ROOT, 'valid-base') });
    expect(kit).toBeDefined();
    expect(located(diagnostics)).toEqual([]);
  });

  it.each(kits.filter((name) => name !== 'valid-base'))('%s: differs from valid-base by one small edit', (name) => {
    // Guards the corpus against drift: a kit is the base with a line or two changed, added or removed.
    const lines = (kit: string, file: string) => {
      const abs = path.join(ROOT, kit, file);
      return existsSync(abs) ? readFileSync(abs, 'utf8').split('\n') : undefined;
    };
    let changed = 0;
    for (const file of ['capa.yaml', 'programme.yaml']) {
      const base = lines('valid-base', file)!;
      let mine = lines(name, file);
      // kit-not-found keeps its manifest under another name: the renaming is its one edit.
      if (!mine && file === 'capa.yaml' && (mine = lines(name, 'kit.yaml'))) changed++;
      if (!mine) throw new Error(`${name} has no ${file}`);
      changed += mine.filter((l) => !base.includes(l)).length + base.filter((l) => !mine.includes(l)).length;
    }
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(changed).toBeLessThanOrEqual(2);
  });

  it('holds one mistake per kit (and one clean control kit)', () => {
    const counts = Object.fromEntries(kits.map((name) => [name, expectedOf(name).length]));
    expect(Object.entries(counts).filter(([name, n]) => n !== (name === 'valid-base' ? 0 : 1))).toEqual([]);
  });

  it('covers every diagnostic code family of the loader and the schema, reference and asset checks', () => {
    const codes = new Set(kits.flatMap((name) => expectedOf(name).map((e) => e.code)));
    const wanted = [
      'yaml/syntax', 'yaml/duplicate-key', 'yaml/alias',
      'kit/not-found', 'kit/version', 'kit/include-outside', 'kit/include-empty', 'kit/duplicate-key', 'kit/nested-include', 'kit/not-a-mapping',
      'schema/required', 'schema/type', 'schema/unknown-key', 'schema/enum', 'schema/format', 'schema/range',
      'ref/unknown', 'ref/duplicate-id', 'ref/duplicate-number',
      'asset/missing', 'asset/bad-format', 'asset/outside-kit',
    ];
    expect(wanted.filter((code) => !codes.has(code))).toEqual([]);
    // schema/format for each kind of formatted value.
    expect(kits.filter((name) => name.startsWith('schema-format-'))).toEqual([
      'schema-format-colour', 'schema-format-date', 'schema-format-duration', 'schema-format-slug', 'schema-format-time',
    ]);
  });
});
