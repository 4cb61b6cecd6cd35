import { symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../../src/kit/loadKit.js';
import { LIMITS } from '../../src/defaults.js';
import { tempKit, yaml } from '../helpers/tempKit.js';

const manifest = yaml`
  capa: 1
  kit:
    id: essai
    title: Essai
`;

const codes = (k: { diagnostics: Array<{ code: string }> }) => k.diagnostics.map((d) => d.code);

describe('loadKit', () => {
  it('reports a folder without capa.yaml', async () => {
    const kit = await loadKit({ dir: tempKit({ 'autre.yaml': 'a: 1\n' }) });
    expect(codes(kit)).toEqual(['kit/not-found']);
    expect(kit.diagnostics[0].message).toContain('aucun fichier capa.yaml');
  });

  it('merges included files: lists concatenated, locations mapped back to each file', async () => {
    const dir = tempKit({
      'capa.yaml': manifest + 'include: [personnes.yaml, "cas/*.yaml"]\npeople:\n  - id: a\n    name: A\n',
      'personnes.yaml': 'people:\n  - id: b\n    name: B\n  - id: c\n    name: C\n',
      'cas/deux.yaml': 'use_cases:\n  - id: u2\n',
      'cas/un.yaml': 'use_cases:\n  - id: u1\n',
    });
    const kit = await loadKit({ dir });
    expect(kit.diagnostics).toEqual([]);
    expect(kit.files.map((f) => f.file)).toEqual(['capa.yaml', 'personnes.yaml', 'cas/deux.yaml', 'cas/un.yaml']);
    expect((kit.data.people as Array<{ id: string }>).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(kit.locate(['people', 2, 'name'])).toEqual({ file: 'personnes.yaml', line: 5, column: 11, path: '/people/2/name' });
    expect(kit.locate(['people', 0, 'id'], { key: true })).toMatchObject({ file: 'capa.yaml', line: 7, column: 5 });
    expect(kit.locate(['use_cases', 1, 'id'])).toMatchObject({ file: 'cas/un.yaml', line: 2, column: 9 });
    // A path that does not exist falls back to the nearest parent that does.
    expect(kit.locate(['people', 1, 'title'])).toMatchObject({ file: 'personnes.yaml', line: 2, column: 5 });
  });

  it('names both places when the same non-list key is written twice', async () => {
    const dir = tempKit({ 'capa.yaml': manifest + 'include: [b.yaml]\n', 'b.yaml': '\ntheme: {}\nkit: {}\n' });
    const kit = await loadKit({ dir });
    expect(kit.diagnostics).toMatchObject([
      { code: 'kit/duplicate-key', file: 'b.yaml', line: 3, column: 1, related: [{ file: 'capa.yaml', line: 2, column: 1 }] },
    ]);
    expect(kit.diagnostics[0].message).toContain('capa.yaml:2');
  });

  it('refuses includes that leave the kit, by path or by symbolic link, and patterns matching nothing', async () => {
    const outside = tempKit({ 'secret.yaml': 'people: []\n' });
    const dir = tempKit({ 'capa.yaml': manifest + 'include: [../x.yaml, /etc/passwd, lien.yaml, absent.yaml]\n' });
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'lien.yaml'));
    const kit = await loadKit({ dir });
    expect(kit.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['kit/include-outside', 5, 11],
      ['kit/include-outside', 5, 22],
      ['kit/include-outside', 5, 35],
      ['kit/include-empty', 5, 46],
    ]);
    expect(kit.files.map((f) => f.file)).toEqual(['capa.yaml']);
  });

  it('allows include only in capa.yaml', async () => {
    const dir = tempKit({ 'capa.yaml': manifest + 'include: [b.yaml]\n', 'b.yaml': 'people: []\ninclude: [c.yaml]\n' });
    expect((await loadKit({ dir })).diagnostics).toMatchObject([{ code: 'kit/nested-include', file: 'b.yaml', line: 2, column: 1 }]);
  });

  it('reports duplicate keys and syntax errors with their position', async () => {
    const dir = tempKit({ 'capa.yaml': manifest + 'theme:\n  primary: "#000000"\n  primary: "#FFFFFF"\n' });
    expect((await loadKit({ dir })).diagnostics).toMatchObject([
      { code: 'yaml/duplicate-key', file: 'capa.yaml', line: 7, column: 3, message: 'la clé « primary » apparaît deux fois dans le même bloc ; gardez-en une seule' },
    ]);
    const colon = tempKit({ 'capa.yaml': manifest + 'sessions:\n  - title: Atelier : la suite\n' });
    expect((await loadKit({ dir: colon, lang: 'en' })).diagnostics).toMatchObject([
      { code: 'yaml/syntax', line: 6, column: 12, message: 'a “:” followed by a space inside a value is read as a new key' },
    ]);
    const tab = tempKit({ 'capa.yaml': manifest + 'people:\n\t- id: a\n' });
    expect((await loadKit({ dir: tab })).diagnostics).toMatchObject([{ code: 'yaml/syntax', line: 6, column: 1 }]);
  });

  it('refuses files reached through a linked folder pointing outside, and survives a link loop', async () => {
    const outside = tempKit({ 'secret.yaml': 'people: []\n' });
    const dir = tempKit({ 'capa.yaml': manifest + 'include: ["parts/*.yaml", "**/*.yaml"]\n', 'own/a.yaml': 'threads: []\n' });
    symlinkSync(outside, path.join(dir, 'parts'));
    symlinkSync(dir, path.join(dir, 'own/boucle'));
    const kit = await loadKit({ dir });
    expect(kit.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['kit/include-outside', 5, 11],
      ['kit/include-outside', 5, 27],
    ]);
    expect(kit.files.map((f) => f.file)).not.toContain('parts/secret.yaml');
    expect(kit.files.map((f) => f.file)).toContain('own/a.yaml');
  });

  it('bounds the number of included files (LIMITS.maxIncludedFiles)', async () => {
    const files: Record<string, string> = { 'capa.yaml': manifest + 'include: ["parts/*.yaml"]\n' };
    for (let i = 0; i <= LIMITS.maxIncludedFiles; i++) files[`parts/p${String(i).padStart(4, '0')}.yaml`] = 'threads: []\n';
    const kit = await loadKit({ dir: tempKit(files), lang: 'en' });
    expect(kit.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['kit/include-too-many', 'capa.yaml', 5, 10]]);
    expect(kit.diagnostics[0].message).toBe(`the kit includes ${LIMITS.maxIncludedFiles + 1} files; capa accepts at most ${LIMITS.maxIncludedFiles}`);
    expect(kit.files.map((f) => f.file)).toEqual(['capa.yaml']);
  });

  it('accepts aliases below LIMITS.maxAliasCount and refuses as many as the limit', async () => {
    const withAliases = (n: number) => manifest + 'theme:\n  primary: &c "#123456"\nthreads:\n' + Array.from({ length: n }, (_, i) => `  - { id: f${i}, title: *c }\n`).join('');
    expect(codes(await loadKit({ dir: tempKit({ 'capa.yaml': withAliases(LIMITS.maxAliasCount - 1) }) }))).toEqual([]);
    expect(codes(await loadKit({ dir: tempKit({ 'capa.yaml': withAliases(LIMITS.maxAliasCount) }) }))).toEqual(['yaml/alias-bomb']);
  });

  it('refuses an oversized capa.yaml itself, at the size cap plus one byte', async () => {
    const dir = tempKit({ 'capa.yaml': manifest });
    writeFileSync(path.join(dir, 'capa.yaml'), manifest + '#'.repeat(LIMITS.maxFileBytes - Buffer.byteLength(manifest)));
    expect(codes(await loadKit({ dir }))).toEqual([]);
    writeFileSync(path.join(dir, 'capa.yaml'), manifest + '#'.repeat(LIMITS.maxFileBytes - Buffer.byteLength(manifest) + 1));
    // On the file alone, with no line: a code frame would read the oversized file.
    expect((await loadKit({ dir })).diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['kit/file-too-large', 'capa.yaml', undefined, undefined]]);
  });

  it('stops an alias bomb and an unknown alias with a diagnostic', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g']) {
      const prev = String.fromCharCode(name.charCodeAt(0) - 1);
      bomb.push(`${name}: &${name} [${Array(10).fill('*' + prev).join(', ')}]`);
    }
    const kit = await loadKit({ dir: tempKit({ 'capa.yaml': bomb.join('\n') + '\n' }) });
    expect(codes(kit)).toEqual(['yaml/alias-bomb']);
    const unknown = await loadKit({ dir: tempKit({ 'capa.yaml': manifest + 'theme:\n  primary: *couleur\n' }) });
    expect(unknown.diagnostics).toMatchObject([{ code: 'yaml/alias', line: 6, column: 12 }]);
  });

  it('refuses binary, oversized and non-mapping files without crashing', async () => {
    const dir = tempKit({
      'capa.yaml': manifest + 'include: [bin.yaml, gros.yaml, liste.yaml]\n',
      'bin.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
      'liste.yaml': '- a\n- b\n',
    });
    writeFileSync(path.join(dir, 'gros.yaml'), Buffer.alloc(6 * 1024 * 1024, 0x61));
    const kit = await loadKit({ dir });
    expect(kit.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['kit/binary-file', 'bin.yaml', 1],
      // At the include entry that named it: a code frame of the file itself would read 6 MB.
      ['kit/file-too-large', 'capa.yaml', 5],
      ['kit/not-a-mapping', 'liste.yaml', 1],
    ]);
  });

  it('reads a UTF-8 file with a byte-order mark', async () => {
    const kit = await loadKit({ dir: tempKit({ 'capa.yaml': '\uFEFF' + manifest }) });
    expect(kit.diagnostics).toEqual([]);
    expect(kit.data.kit).toEqual({ id: 'essai', title: 'Essai' });
  });

  it('resolves a relative dir from the current folder', async () => {
    const dir = tempKit({ 'capa.yaml': manifest });
    const kit = await loadKit({ dir: path.relative(process.cwd(), dir) });
    expect(kit.dir).toBe(path.resolve(dir));
    expect(tmpdir()).toBeTruthy();
  });
});
