import { describe, expect, it } from 'vitest';
import { ChunkedInts } from '../../src/layout/core/ChunkedInts.js';
import { StructureList } from '../../src/layout/flow/model.js';

describe('ChunkedInts', () => {
  it('keeps every value across chunk boundaries, with the type of its chunks', () => {
    const ints = new ChunkedInts(Int32Array);
    const n = 50_000; // more than three chunks of 16 K
    for (let i = 0; i < n; i++) ints.set(i, i % 2 ? -i : i * 3);
    const wrong = Array.from({ length: n }, (_, i) => i).filter((i) => ints.get(i) !== (i % 2 ? -i : i * 3));
    expect(wrong).toEqual([]);
    const bytes = new ChunkedInts(Uint8Array);
    bytes.set(16_384, 300);
    expect(bytes.get(16_384)).toBe(300 & 0xff);
  });

  it('gives 0 for values not set below the last one set', () => {
    const ints = new ChunkedInts(Int32Array);
    ints.set(40_000, 7);
    expect([ints.get(0), ints.get(16_383), ints.get(39_999), ints.get(40_000)]).toEqual([0, 0, 0, 7]);
  });
});

describe('StructureList', () => {
  it('gives back a million elements as added, and forgets truncated ones', () => {
    const list = new StructureList();
    const roles = ['P', 'TD', 'TR', 'Table'] as const;
    const ids: number[] = [];
    for (let i = 1; i <= 1_000_000; i++) if (list.add(roles[i % 4], i - 1) !== i) ids.push(i);
    expect(ids).toEqual([]);
    expect(list.length).toBe(1_000_000);
    for (const id of [1, 16_384, 16_385, 999_999, 1_000_000]) expect([list.role(id), list.parent(id)]).toEqual([roles[id % 4], id - 1]);
    list.truncate(20_000);
    expect(list.add('H1', 5)).toBe(20_001);
    expect(list.get(20_001)).toEqual({ id: 20_001, role: 'H1', parent: 5 });
  });
});
