import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDemoKit, tempDir } from './cliHelpers.js';
import { entryOf, expectSame, rewriteEntry, uncached, validate, validateCli } from './checkCacheHelpers.js';

/**
 * `capa validate` keeps the diagnostics of a kit in CAPA_CACHE_DIR/checks (src/check/checkCache.ts) and serves them
 * while no file of the kit changes. Whatever the cache holds, the command must print exactly what it prints without
 * it: same stdout, stderr and exit code, for valid kits and kits with errors.
 */

/** A kit with errors at known places: an unknown host, a bad colour, and a file the include does not find. */
function brokenKit(): string {
  return copyDemoKit({
    'capa.yaml': (t) => t.replace('primary: "#085A45"', 'primary: "#08G"').replace('include: [programme.yaml]', 'include: [programme.yaml, parts/*.yaml]'),
    'programme.yaml': (t) => t.replace('host: port-exemple', 'host: port-exempel'),
  });
}

describe('capa validate with the check cache', () => {
  it('prints exactly the same, cache empty or filled, for a valid kit and a kit with errors, in both languages and formats', async () => {
    const valid = copyDemoKit();
    const broken = brokenKit();
    const reference = await uncached(broken);
    // The diagnostics themselves, to the line and column: the cache must serve these, not some others.
    expect(reference.code).toBe(1);
    expect(reference.stderr).toMatch(/capa\.yaml:19:\d+/);
    expect(reference.stderr).toMatch(/programme\.yaml:\d+:\d+/);
    expect(reference.stderr).toContain('parts/*.yaml');
    for (const [dir, extra] of [
      [valid, []],
      [broken, []],
      [broken, ['--lang', 'en']],
      [broken, ['--format', 'json']],
      [valid, ['--strict']],
    ] as const) {
      const expected = await uncached(dir, [...extra]);
      const cache = tempDir();
      const first = await validate(dir, cache, [...extra]);
      const second = await validate(dir, cache, [...extra]);
      expectSame(first, expected);
      expectSame(second, expected);
      expect(readdirSync(join(cache, 'checks')).length).toBeGreaterThan(0);
    }
    // The same through the built command line, whose validate loads no check when the cache answers.
    for (const dir of [valid, broken]) {
      const expected = validateCli(dir, '');
      const cache = tempDir();
      expectSame(validateCli(dir, cache), expected);
      expectSame(validateCli(dir, cache), expected);
    }
  }, 240_000);

  it('serves a stored entry while the kit is unchanged, and any edit, added, removed or renamed file invalidates it', async () => {
    const dir = copyDemoKit();
    const cache = tempDir();
    const clean = await validate(dir, cache);
    expect(clean.code).toBe(0);
    // An entry changed by hand (checksum recomputed) is what the next run prints: the checks did not run.
    const entry = entryOf(cache);
    rewriteEntry(entry, (e) => e.diagnostics.push({ severity: 'warning', code: 'method/served', message: 'served from the cache', file: 'capa.yaml', line: 1, column: 1 }));
    expect((await validate(dir, cache)).stderr).toContain('served from the cache');

    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).toContain(from);
      writeFileSync(join(dir, file), text.replace(from, to));
    };
    // Each change below must show in the output exactly as a run without cache shows it.
    const changes: Array<[string, () => void]> = [
      // Same length, same size: only the bytes tell.
      ['a YAML file edited in place', () => edit('programme.yaml', 'host: port-exemple', 'host: port-exempel')],
      ['a YAML file edited', () => edit('programme.yaml', 'host: port-exempel', 'host: nulle-part')],
      ['the image damaged', () => writeFileSync(join(dir, 'assets', 'logo.png'), 'not a png')],
      ['a README added (not read by the checks)', () => writeFileSync(join(dir, 'README.md'), '# kit\n')],
      ['a file the include now finds', () => {
        edit('capa.yaml', 'include: [programme.yaml]', 'include: [programme.yaml, "extra*.yaml"]');
      }],
      ['that file added', () => writeFileSync(join(dir, 'extra-1.yaml'), 'organisations:\n  - id: cerema\n    name: Doublon\n')],
      ['that file renamed', () => renameSync(join(dir, 'extra-1.yaml'), join(dir, 'extra-2.yaml'))],
      ['that file removed', () => rmSync(join(dir, 'extra-2.yaml'))],
      ['a byte appended to the image', () => appendFileSync(join(dir, 'assets', 'logo.png'), 'x')],
    ];
    const seen = new Set<string>();
    for (const [what, change] of changes) {
      change();
      const expected = await uncached(dir);
      expectSame(await validate(dir, cache), expected);
      // Served from the entry just written: still the same.
      expectSame(await validate(dir, cache), expected);
      seen.add(`${expected.code} ${expected.stderr}`);
      expect(what).toBeTruthy();
    }
    // The changes did change the diagnostics (so a stale entry would have been seen).
    expect(seen.size).toBeGreaterThanOrEqual(6);
  }, 240_000);

  it('ignores damaged, foreign and malformed entries', async () => {
    const dir = brokenKit();
    const expected = await uncached(dir);
    const cache = tempDir();
    await validate(dir, cache);
    const entry = entryOf(cache);
    const good = readFileSync(entry);
    const damages: Array<[string, () => void]> = [
      ['a flipped byte', () => writeFileSync(entry, Buffer.from(good.map((b, i) => (i === good.length - 5 ? b ^ 1 : b))))],
      ['cut short', () => writeFileSync(entry, good.subarray(0, good.length - 10))],
      ['empty', () => writeFileSync(entry, '')],
      ['garbage', () => writeFileSync(entry, Buffer.alloc(500, 7))],
      ['a folder', () => (rmSync(entry), mkdirSync(entry))],
      ['for other files', () => rewriteEntry(entry, (e) => ((e.fingerprint = '0'.repeat(64)), (e.diagnostics = [])))],
      ['for another kit', () => rewriteEntry(entry, (e) => ((e.key = e.key.replace('"fr"', '"en"')), (e.diagnostics = [])))],
      ['a diagnostic of a wrong shape', () => rewriteEntry(entry, (e) => ((e.diagnostics[0]!.line = -1), (e.diagnostics[1]!.message = 'wrong')))],
      ['an unknown severity', () => rewriteEntry(entry, (e) => ((e.diagnostics[0]!.severity = 'info'), (e.diagnostics[1]!.message = 'wrong')))],
    ];
    for (const [what, damage] of damages) {
      rmSync(entry, { recursive: true, force: true });
      writeFileSync(entry, good);
      damage();
      const run = await validate(dir, cache);
      expect(run.stderr, what).not.toContain('wrong');
      expectSame(run, expected);
    }
    // A well-formed entry for this key and these files is served as written (the checks are skipped): the
    // entries above were refused for what they are, not because every entry is.
    rmSync(entry, { recursive: true, force: true });
    writeFileSync(entry, good);
    rewriteEntry(entry, (e) => (e.diagnostics = []));
    expect((await validate(dir, cache)).code).toBe(0);
  }, 240_000);

  it('writes no entry for a kit it cannot see whole, nor for one that names something in .git', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'programme.yaml'), readFileSync(join(copyDemoKit(), 'programme.yaml')));
    const linked = copyDemoKit();
    // A file of the kit linked to one outside it: editing that one must never be served stale.
    rmSync(join(linked, 'programme.yaml'));
    symlinkSync(join(outside, 'programme.yaml'), join(linked, 'programme.yaml'));
    const fromGit = copyDemoKit({ 'capa.yaml': (t) => t.replace('logo: assets/logo.png', 'logo: .git/logo.png') });
    mkdirSync(join(fromGit, '.git'));
    writeFileSync(join(fromGit, '.git', 'logo.png'), readFileSync(join(fromGit, 'assets', 'logo.png')));
    for (const dir of [linked, fromGit]) {
      const cache = tempDir();
      const expected = await uncached(dir);
      expectSame(await validate(dir, cache), expected);
      expectSame(await validate(dir, cache), expected);
      expect(existsSync(join(cache, 'checks')) ? readdirSync(join(cache, 'checks')) : []).toEqual([]);
    }
  });

  it('leaves the .git folder out: a commit keeps the entry', async () => {
    const dir = copyDemoKit();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const cache = tempDir();
    const expected = await uncached(dir);
    expectSame(await validate(dir, cache), expected);
    rewriteEntry(entryOf(cache), (e) => e.diagnostics.push({ severity: 'warning', code: 'method/served', message: 'served from the cache', file: 'capa.yaml', line: 1, column: 1 }));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/other\n');
    expect((await validate(dir, cache)).stderr).toContain('served from the cache');
  });

  it('leaves out a cache folder inside the kit, which every run writes to', async () => {
    const dir = copyDemoKit();
    const cache = join(dir, '.cache', 'capa');
    const expected = await uncached(dir);
    expectSame(await validate(dir, cache), expected);
    expectSame(await validate(dir, cache), expected);
    rewriteEntry(entryOf(cache), (e) => e.diagnostics.push({ severity: 'warning', code: 'method/served', message: 'served from the cache', file: 'capa.yaml', line: 1, column: 1 }));
    expect((await validate(dir, cache)).stderr).toContain('served from the cache');
    // Everything else of the kit still counts.
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expectSame(await validate(dir, cache), await uncached(dir));
  });
});
