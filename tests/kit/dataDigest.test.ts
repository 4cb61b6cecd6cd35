import { describe, expect, it } from 'vitest';
import { dataDigest } from '../../src/kit/dataDigest.js';
import { yamlLib } from '../../src/kit/yamlLib.js';

/** The digest by which the check cache takes an edited YAML file's data for unchanged (src/check/editedKit.ts). */
describe('dataDigest', () => {
  const parse = (text: string) => yamlLib().parse(text) as unknown;

  it('is the same for the same data written differently', () => {
    const same = ['a: 1\nb: [x, "y"]\n', '# note\na: 1\nb:\n  - x\n  - y\n', "a:   1.0\nb: ['x', y]  # end\n", '{a: 0x1, b: [x, y]}\n'];
    const digests = new Set(same.map((t) => dataDigest(parse(t))));
    expect(digests.size).toBe(1);
    expect([...digests][0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart what JSON or a loose comparison would merge', () => {
    const values: unknown[] = [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: 0 },
      { a: -0 },
      { a: null },
      { a: NaN },
      { a: Infinity },
      { a: '1' },
      { a: true },
      { a: 'true' },
      { a: [] },
      { a: {} },
      { a: [undefined] },
      { a: [null] },
      Object.assign(Object.create(null), { a: 1 }) as unknown,
      { a: 'é' },
      { a: 'e\u0301' },
      { a: '\ud800' },
      { a: '\udc00' },
      { 'a"': 1 },
      { a: { '"': 1 } },
    ];
    const digests = values.map((v) => dataDigest(v));
    expect(new Set(digests).size).toBe(values.length);
  });

  it('tells a value reached twice (a YAML alias) from two equal copies', () => {
    const shared = parse('x: &a {k: 1}\ny: *a\n') as { x: unknown; y: unknown };
    const copies = parse('x: {k: 1}\ny: {k: 1}\n') as { x: unknown; y: unknown };
    expect(shared.x).toBe(shared.y);
    expect(dataDigest(shared)).not.toBe(dataDigest(copies));
  });

  it('gives no digest for anything but plain data', () => {
    for (const v of [{ a: new Date(0) }, { a: new Map() }, [Buffer.from('x')], { a: () => 1 }, { a: Symbol('s') }, [1, , 3]]) expect(dataDigest(v)).toBeUndefined();
  });
});
