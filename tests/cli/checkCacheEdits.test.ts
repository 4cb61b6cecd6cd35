import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDemoKit, ROOT, tempDir } from './cliHelpers.js';
import { entryOf, expectSame, rewriteEntry, SERVED, uncached, validate, type StoredLoader } from './checkCacheHelpers.js';

/**
 * An edit that leaves every changed YAML file's data as it was reuses the check cache's diagnostics without
 * running the checks (src/check/editedKit.ts). Whatever the edit, the output must be exactly that of a run without
 * any cache: the cross-file cases matter most (a défi used in programme.yaml, defined in capa.yaml or in another file).
 */

/** The demo kit with a third file holding one more défi, and programme.yaml using a défi that does not exist. */
function kitWithCrossFileError(): string {
  return copyDemoKit({
    'capa.yaml': (t) => t.replace('include: [programme.yaml]', 'include: [programme.yaml, more.yaml]'),
    'programme.yaml': (t) => t.replace('challenges: [comite-donnees-port]', 'challenges: [comite-donnees-portt]'),
    'more.yaml': [
      'challenges:',
      '  - id: defi-en-plus',
      '    number: 9',
      '    thread: fil-partage',
      '    title: Un défi de plus',
      '    question: Qui ouvre la donnée ?',
      '',
    ].join('\n'),
    'README.md': '# Kit de démonstration\n',
  });
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const before = readFileSync(join(dir, file), 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(join(dir, file), after);
}

const markServed = (cache: string) => rewriteEntry(entryOf(cache), (e) => e.diagnostics.push({ ...SERVED }));

describe('capa validate after an edit that keeps the data', () => {
  it('reuses the entry when the changed files keep their data and no diagnostic names them, and only then', async () => {
    const dir = kitWithCrossFileError();
    const cache = tempDir();
    const reference = await uncached(dir);
    expect(reference.code).toBe(1);
    expect(reference.stderr).toMatch(/programme\.yaml:\d+:\d+/);
    expect(reference.stderr).toContain('comite-donnees-portt');
    expectSame(await validate(dir, cache), reference);

    // Served: a comment and a quoted value in files no diagnostic names (the défis are defined there).
    const reused: Array<[string, () => void]> = [
      ['a comment at the top of capa.yaml', () => edit(dir, 'capa.yaml', (t) => `# un commentaire\n${t}`)],
      ['a value quoted in more.yaml', () => edit(dir, 'more.yaml', (t) => t.replace('title: Un défi de plus', 'title: "Un défi de plus"'))],
      ['a comment line in each of two files', () => {
        edit(dir, 'more.yaml', (t) => `# a\n${t}`);
        edit(dir, 'capa.yaml', (t) => `${t}\n# b\n`);
      }],
      ['the README, which no check reads', () => edit(dir, 'README.md', (t) => `${t}\nUne ligne de plus.\n`)],
    ];
    for (const [what, change] of reused) {
      markServed(cache);
      change();
      expect((await validate(dir, cache)).stderr, what).toContain(SERVED.message);
    }
    // Not served: the file holding the error (its lines move), and data changed anywhere.
    const checked: Array<[string, () => void]> = [
      ['a comment at the top of programme.yaml, where the error is', () => edit(dir, 'programme.yaml', (t) => `# au-dessus\n${t}`)],
      ['a défi renamed in more.yaml (data changed)', () => edit(dir, 'more.yaml', (t) => t.replace('defi-en-plus', 'defi-de-plus'))],
      ['an unknown key added to capa.yaml', () => edit(dir, 'capa.yaml', (t) => t.replace('# un commentaire\n', 'extra_key: 1\n'))],
      ['the logo, which the data name', () => writeFileSync(join(dir, 'assets', 'logo.png'), 'not a png')],
      // The data name the licence (kit.license): taken for a file a check may read.
      ['the licence', () => edit(dir, 'LICENSE', (t) => `${t}\n`)],
    ];
    for (const [what, change] of checked) {
      markServed(cache);
      change();
      expect((await validate(dir, cache)).stderr, what).not.toContain(SERVED.message);
    }
  }, 120_000);

  it('prints what a run without cache prints, for edits that add, fix or move an error across files', async () => {
    const dir = kitWithCrossFileError();
    const cache = tempDir();
    const steps: Array<[string, () => void]> = [
      ['the start', () => undefined],
      ['a comment in capa.yaml', () => edit(dir, 'capa.yaml', (t) => `# x\n${t}`)],
      ['the unknown défi fixed in programme.yaml', () => edit(dir, 'programme.yaml', (t) => t.replace('comite-donnees-portt', 'comite-donnees-port'))],
      ['a comment in programme.yaml, now without error', () => edit(dir, 'programme.yaml', (t) => `# y\n${t}`)],
      // The error appears in programme.yaml through an edit of capa.yaml: the défi it uses is renamed there.
      ['the défi renamed where it is defined', () => edit(dir, 'capa.yaml', (t) => t.replace('- id: comite-donnees-port', '- id: comite-donnees-quai'))],
      ['a comment in capa.yaml again', () => edit(dir, 'capa.yaml', (t) => `# z\n${t}`)],
      // The same défi now defined twice, in capa.yaml and more.yaml: the message names the line of the first one.
      ['a duplicate défi id across files', () => edit(dir, 'more.yaml', (t) => t.replace('defi-en-plus', 'comite-donnees-quai'))],
      ['a comment moving the first definition', () => edit(dir, 'capa.yaml', (t) => `# w\n# w\n${t}`)],
      ['a comment in more.yaml', () => edit(dir, 'more.yaml', (t) => `# v\n${t}`)],
      ['the error moved: programme.yaml uses a défi defined nowhere', () => edit(dir, 'programme.yaml', (t) => t.replace('challenges: [comite-donnees-port]', 'challenges: [nulle-part]'))],
      ['the duplicate removed', () => edit(dir, 'more.yaml', (t) => t.replace('comite-donnees-quai', 'defi-en-plus'))],
      ['a value quoted in programme.yaml', () => edit(dir, 'programme.yaml', (t) => t.replace('challenges: [nulle-part]', 'challenges: ["nulle-part"]'))],
      ['a YAML error in more.yaml', () => edit(dir, 'more.yaml', (t) => t.replace('    number: 9', '   number: 9'))],
      ['the YAML error fixed by the same bytes as before', () => edit(dir, 'more.yaml', (t) => t.replace('   number: 9', '    number: 9'))],
      ['the README edited', () => edit(dir, 'README.md', (t) => `${t}\n`)],
      ['the logo damaged', () => writeFileSync(join(dir, 'assets', 'logo.png'), 'not a png')],
      ['the logo damaged otherwise, same size', () => writeFileSync(join(dir, 'assets', 'logo.png'), 'not a PNG')],
      ['a kit template', () => {
        mkdirSync(join(dir, 'templates', 'badges'), { recursive: true });
        writeFileSync(join(dir, 'templates', 'badges', 'main.hbs'), readFileSync(join(ROOT, 'templates', 'badges', 'main.hbs')));
      }],
      ['a mistake in it', () => edit(dir, 'templates/badges/main.hbs', (t) => `{{#if}}\n${t}`)],
      ['another one, same size', () => edit(dir, 'templates/badges/main.hbs', (t) => t.replace('{{#if}}', '{{/if}}'))],
    ];
    const outputs = new Set<string>();
    for (const [what, change] of steps) {
      change();
      const expected = await uncached(dir);
      outputs.add(`${expected.code}\n${expected.stderr}`);
      const first = await validate(dir, cache);
      expect(first.stderr, what).toBe(expected.stderr);
      expectSame(first, expected);
      expectSame(await validate(dir, cache), expected);
      expectSame(await validate(dir, cache, ['--lang', 'en']), await uncached(dir, ['--lang', 'en']));
    }
    // The steps did change the output many times over, so a stale answer would have shown.
    expect(outputs.size).toBeGreaterThanOrEqual(9);
  }, 240_000);

  it('checks again when the entry is stale or damaged: other digests, other diagnostics, no parts', async () => {
    const dir = kitWithCrossFileError();
    const expected = () => uncached(dir);
    const damages: Array<[string, (e: { diagnostics: Array<Record<string, unknown>>; loader?: StoredLoader }) => void]> = [
      ['a digest of other data', (e) => ((e.loader!.parts[0]!.digest = '0'.repeat(64)), (e.diagnostics = []))],
      ['no loader record', (e) => (delete e.loader, (e.diagnostics = []))],
      ['a part read by more than the loader', (e) => (e.loader!.read.push('capa.yaml'), (e.diagnostics = []))],
      ['parts of a wrong shape', (e) => ((e.loader!.parts = [{ file: 1 }]), (e.diagnostics = []))],
    ];
    for (const [what, damage] of damages) {
      const cache = tempDir();
      await validate(dir, cache);
      rewriteEntry(entryOf(cache), damage);
      edit(dir, 'capa.yaml', (t) => `# ${what}\n${t}`);
      expectSame(await validate(dir, cache), await expected());
    }
  }, 120_000);
});
