import { describe, expect, it } from 'vitest';
import { loadKit } from '../../src/kit/loadKit.js';
import { validateKit } from '../../src/check/validateKit.js';
import { MAX_PROBLEMS_PER_FILE } from '../../src/kit/scanYaml.js';
import { tempKit } from '../helpers/tempKit.js';

const MANIFEST = 'capa: 1\nkit:\n  id: essai\n  title: Essai\n';
const where = (k: { diagnostics: Array<{ code: string; file?: string; line?: number; column?: number }> }) =>
  k.diagnostics.map((d) => [d.code, d.file, d.line, d.column]);
const load = (files: Record<string, string | Buffer>, lang: 'fr' | 'en' = 'fr') => loadKit({ dir: tempKit(files), lang });

describe('bytes that are not UTF-8 text are placed where they are', () => {
  it('a NUL byte: its line and column, in capa.yaml and in an included file', async () => {
    const withNul = (before: string, after: string) => Buffer.concat([Buffer.from(before), Buffer.from([0]), Buffer.from(after)]);
    expect(where(await load({ 'capa.yaml': withNul(MANIFEST + 'theme:\n  primary: "#', '123456"\n') }))).toEqual([['kit/binary-file', 'capa.yaml', 6, 14]]);
    const kit = await load({ 'capa.yaml': MANIFEST + 'include: [p.yaml]\n', 'p.yaml': withNul('threads:\n  - id: été\n    title: T', '\n') }, 'en');
    expect(where(kit)).toEqual([['kit/binary-file', 'p.yaml', 3, 13]]);
    expect(kit.diagnostics[0].message).toContain('NUL byte');
  });

  it('every kind of invalid UTF-8: a stray byte, a truncated sequence, an overlong form, a surrogate; columns count characters', async () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.from([0xff]), '0xFF'], // never valid
      [Buffer.from([0x80]), '0x80'], // continuation byte alone
      [Buffer.from([0xc3, 0x28]), '0xC3'], // lead byte without its continuation
      [Buffer.from([0xc0, 0xaf]), '0xC0'], // overlong '/'
      [Buffer.from([0xed, 0xa0, 0x80]), '0xED'], // UTF-16 surrogate
      [Buffer.from([0xe2, 0x82]), '0xE2'], // truncated at the end of the file
    ];
    for (const [bad, byte] of cases) {
      const text = Buffer.concat([Buffer.from(MANIFEST + 'theme:\n  primary: "é€'), bad]);
      const kit = await load({ 'capa.yaml': text });
      expect(where(kit), byte).toEqual([['kit/binary-file', 'capa.yaml', 6, 15]]);
      expect(kit.diagnostics[0].message).toContain(`octet ${byte}`);
    }
  });

  it('lines count a lone CR as a line break when placing a bad byte', async () => {
    const text = Buffer.concat([Buffer.from('capa: 1\rkit:\r\n  id: x\r  title: '), Buffer.from([0xff])]);
    expect(where(await load({ 'capa.yaml': text }))).toEqual([['kit/binary-file', 'capa.yaml', 4, 10]]);
  });
});

describe('line endings', () => {
  it('reads classic Mac OS line endings (CR only) as YAML does, and places problems on the right line', async () => {
    const cr = (text: string) => text.replace(/\n/g, '\r');
    expect(where(await load({ 'capa.yaml': cr(MANIFEST) }))).toEqual([]);
    const kit = await load({ 'capa.yaml': cr(MANIFEST + 'include: [p.yaml]\n'), 'p.yaml': cr('threads:\n  - id: a\n    title: [x\n') });
    expect(kit.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['yaml/syntax', 'p.yaml', 4]]);
    expect(kit.data.kit).toEqual({ id: 'essai', title: 'Essai' });
  });

  it('keeps CRLF and mixed endings working, with the same positions', async () => {
    const kit = await load({ 'capa.yaml': 'capa: 1\r\nkit:\r  id: essai\n  title: Essai\r\n  title: Deux\r\n' });
    expect(where(kit)).toEqual([['yaml/duplicate-key', 'capa.yaml', 5, 3]]);
  });
});

describe('aliases', () => {
  it('places an alias bomb at the first alias that expands nested aliases, not at 1:1', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const kit = await load({ 'capa.yaml': MANIFEST + lines.join('\n') + '\n' }, 'en');
    // a1's aliases name a0, which holds none; a2's are the first to expand aliases within aliases.
    expect(where(kit)).toEqual([['yaml/alias-bomb', 'capa.yaml', 7, 10]]);
    expect(kit.diagnostics[0].message).toContain('at most 100');
  });

  it('places a flat bomb (one anchor, too many aliases) at the first alias', async () => {
    const list = Array.from({ length: 120 }, () => '  - *t').join('\n');
    expect(where(await load({ 'capa.yaml': MANIFEST + 'x: &t [a]\ny:\n' + list + '\n' }))).toEqual([['yaml/alias-bomb', 'capa.yaml', 7, 5]]);
  });
});

describe('YAML features capa does not read are refused where they are written', () => {
  it('unknown tags, local or from another language, on values, mappings and keys', async () => {
    const kit = await load({
      'capa.yaml': MANIFEST + 'theme:\n  primary: !couleur "#123456"\n  accent: !!js/function "#654321"\nthreads: !!set\n  ? a\n!cle x: 1\n',
    }, 'en');
    expect(where(kit)).toEqual([
      ['yaml/unknown-tag', 'capa.yaml', 6, 12],
      ['yaml/unknown-tag', 'capa.yaml', 7, 11],
      ['yaml/unknown-tag', 'capa.yaml', 8, 10],
      ['yaml/unknown-tag', 'capa.yaml', 10, 1],
    ]);
    expect(kit.diagnostics[1].message).toContain('unknown YAML tag “!!js/function”');
    expect(kit.data).toEqual({});
  });

  it('accepts the core tags, which only say what a plain value is', async () => {
    const kit = await load({ 'capa.yaml': MANIFEST + 'theme: !!map\n  primary: !!str "#123456"\n' });
    expect(where(kit)).toEqual([]);
    expect(kit.data.theme).toEqual({ primary: '#123456' });
  });

  it('a merge key `<<`, in a mapping or a list item, is refused with a message of its own and no quoting hint', async () => {
    const kit = await load({ 'capa.yaml': MANIFEST + 'x: &base {primary: "#000000"}\ntheme:\n  <<: *base\nthreads:\n  - <<: {id: a}\n    title: T\n' }, 'en');
    expect(where(kit)).toEqual([
      ['yaml/merge-key', 'capa.yaml', 7, 3],
      ['yaml/merge-key', 'capa.yaml', 9, 5],
    ]);
    expect(kit.diagnostics[0].message).toBe('YAML merge keys “<<” are not supported: write the keys themselves (or quote “<<” if it really is a key name)');
    const checked = await validateKit({ dir: tempKit({ 'capa.yaml': MANIFEST + 'theme:\n  <<: {primary: "#000000"}\n' }) });
    expect(checked.map((d) => [d.code, d.hint])).toEqual([['yaml/merge-key', undefined]]);
  });

  it('a quoted "<<" is a plain key name (then an unknown key for the schema)', async () => {
    const checked = await validateKit({ dir: tempKit({ 'capa.yaml': MANIFEST + 'theme:\n  "<<": 1\n' }) });
    expect(checked.map((d) => [d.code, d.line, d.column])).toEqual([['schema/unknown-key', 6, 3]]);
  });

  it('keys that are lists, mappings or aliases: located, no Node warning, no quoting hint', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const text = MANIFEST + 'x: &k a\nlint:\n  rules:\n    [a, b]: off\n    ? {c: d}\n    : warn\n    *k : off\n';
      const checked = await validateKit({ dir: tempKit({ 'capa.yaml': text }), lang: 'en' });
      expect(checked.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([
        ['yaml/complex-key', 8, 5, undefined],
        ['yaml/complex-key', 9, 7, undefined],
        ['yaml/complex-key', 11, 5, undefined],
      ]);
      expect(checked[0].message).toContain('a key must be a plain name');
      await new Promise((r) => setImmediate(r));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('duplicate keys', () => {
  it('are found in linear time and reported at each repeated key', async () => {
    const kit = await load({ 'capa.yaml': MANIFEST + 'theme:\n  primary: "#111111"\n  accent: "#222222"\n  primary: "#333333"\n' }, 'en');
    expect(where(kit)).toEqual([['yaml/duplicate-key', 'capa.yaml', 8, 3]]);
    expect(kit.diagnostics[0].message).toBe('the key “primary” appears twice in the same block; keep only one');
  });

  it('a file with more than a hundred reports the first hundred, then says there are more', async () => {
    const blocks = Array.from({ length: 60 }, (_, i) => `b${i}:\n${'  k: 1\n'.repeat(3)}`).join('');
    const kit = await load({ 'capa.yaml': MANIFEST + blocks });
    expect(kit.diagnostics).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(kit.diagnostics.slice(0, -1).every((d) => d.code === 'yaml/duplicate-key')).toBe(true);
    expect(kit.diagnostics.at(-1)!.code).toBe('yaml/too-many-problems');
  });
});

describe('keys named like Object.prototype members stay data', () => {
  it('a top-level __proto__, null or a mapping, is an unknown key at its own position', async () => {
    for (const value of [' null', '\n  follow_up:\n    date: 2027-02-30']) {
      const checked = await validateKit({ dir: tempKit({ 'capa.yaml': MANIFEST + `__proto__:${value}\n` }), lang: 'en' });
      expect(checked.map((d) => [d.code, d.file, d.line, d.column, d.path])).toEqual([['schema/unknown-key', 'capa.yaml', 5, 1, '/__proto__']]);
    }
  });

  it('in an included file, nested, and as a lint rule: reported, and no object gains a prototype', async () => {
    const dir = tempKit({
      'capa.yaml': MANIFEST + 'include: [p.yaml]\n',
      'p.yaml': '__proto__:\n  polluted: true\nthreads:\n  - id: a\n    title: T\n    __proto__: {x: 1}\n',
    });
    const kit = await loadKit({ dir });
    expect(Object.getPrototypeOf(kit.data)).toBe(Object.prototype);
    expect(Object.keys(kit.data)).toEqual(['capa', 'kit', 'include', '__proto__', 'threads']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const checked = await validateKit({ dir, lang: 'en' });
    expect(checked.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['schema/unknown-key', 'p.yaml', 1, 1],
      ['schema/unknown-key', 'p.yaml', 6, 5],
    ]);
  });
});

it('lint rules named __proto__ or constructor are unknown rules at their keys, and the others still apply', async () => {
  const dir = tempKit({ 'capa.yaml': MANIFEST + 'lint:\n  rules:\n    __proto__: off\n    constructor: off\n' });
  const checked = await validateKit({ dir, lang: 'en' });
  expect(checked.map((d) => [d.code, d.line, d.column])).toEqual([
    ['kit/unknown-rule', 7, 5],
    ['kit/unknown-rule', 8, 5],
  ]);
});

describe('include patterns', () => {
  it('an empty or blank pattern is reported at its entry, and reads nothing (not the logo)', async () => {
    for (const pattern of ['""', '" "', '"."', '"./"']) {
      const kit = await load({ 'capa.yaml': MANIFEST + `include: [p.yaml, ${pattern}]\n`, 'p.yaml': 'threads: []\n', 'logo.png': Buffer.from([0x89, 0x50, 0, 1]) }, 'en');
      expect(where(kit), pattern).toEqual([['kit/include-empty', 'capa.yaml', 5, 19]]);
      expect(kit.diagnostics[0].message).toContain('an empty include pattern names no file');
      expect(kit.files.map((f) => f.file)).toEqual(['capa.yaml', 'p.yaml']);
    }
  });
});
