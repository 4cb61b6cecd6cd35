import { describe, expect, it } from 'vitest';
import { recordReads, sameReads } from '../../src/documents/readLog.js';

type Thread = { id: string; title: string };
type Defi = { title: string; thread?: Thread; tags: string[] };

function kit(edit: (k: { threads: Thread[]; defis: Defi[]; lang: string }) => void = () => {}) {
  const threads = [{ id: 'a', title: 'Eau' }, { id: 'b', title: 'Eau' }];
  const k = { threads, defis: [{ title: 'Un', thread: threads[0], tags: ['x'] }, { title: 'Deux', thread: threads[1], tags: [] }], lang: 'fr' };
  edit(k);
  return k;
}

/** What a template-like reader prints of a kit: titles, the thread's position (an identity test), tag counts. */
function reader(view: object): string {
  const k = view as ReturnType<typeof kit>;
  return k.defis.map((d) => `${d.title}:${d.thread ? k.threads.indexOf(d.thread) : '-'}:${d.tags.length}`).join(',');
}

describe('recordReads / sameReads: a reader whose reads replay the same gives the same result', () => {
  it('the same data read again replays the same; the result is the reader’s', () => {
    const { result, log } = recordReads(kit(), reader);
    expect(result).toBe('Un:0:1,Deux:1:0');
    expect(sameReads(log!, kit())).toBe(true);
  });

  it('a value, a list length, a key that appears or goes, an object swapped for an equal one: not the same', () => {
    const { log } = recordReads(kit(), reader);
    expect(sameReads(log!, kit((k) => (k.defis[1]!.title = 'Trois')))).toBe(false);
    expect(sameReads(log!, kit((k) => k.defis[0]!.tags.push('y')))).toBe(false);
    expect(sameReads(log!, kit((k) => delete k.defis[0]!.thread))).toBe(false);
    expect(sameReads(log!, kit((k) => k.defis.push({ title: 'Trois', tags: [] })))).toBe(false);
    // Both threads have the same title: only their identity tells that défi 2 now points at the first.
    expect(sameReads(log!, kit((k) => (k.defis[1]!.thread = k.threads[0])))).toBe(false);
    // A list becoming an object with the same entries is not the same.
    expect(sameReads(log!, kit((k) => (k.defis[0]!.tags = { length: 1, 0: 'x' } as unknown as string[])))).toBe(false);
  });

  it('what the reader did not read may change', () => {
    const { log } = recordReads(kit(), reader);
    expect(sameReads(log!, kit((k) => (k.lang = 'en')))).toBe(true);
    expect(sameReads(log!, kit((k) => (k.threads[0]!.title = 'Air')))).toBe(true);
    expect(sameReads(log!, kit((k) => (k.defis[0]!.tags[0] = 'z')))).toBe(true);
  });

  it('key lists, `in` and own-property checks are replayed', () => {
    const { log } = recordReads({ o: { a: 1, b: 2 } }, (v) => {
      const o = (v as { o: Record<string, number> }).o;
      return [Object.keys(o).join(), 'c' in o, Object.prototype.hasOwnProperty.call(o, 'd')];
    });
    expect(sameReads(log!, { o: { a: 1, b: 2 }, p: 3 })).toBe(true);
    // An own-property check sees the value too (its descriptor holds it): a changed value is a change.
    expect(sameReads(log!, { o: { a: 5, b: 6 } })).toBe(false);
    expect(sameReads(log!, { o: { b: 2, a: 1 } })).toBe(false);
    expect(sameReads(log!, { o: { a: 1, b: 2, c: 3 } })).toBe(false);
    expect(sameReads(log!, { o: { a: 1, b: 2, d: 4 } })).toBe(false);
  });

  it('a Map, a class instance, or a write through the view: no log (the reader always runs again)', () => {
    expect(recordReads({ m: new Map([[1, 2]]) }, (v) => (v as { m: Map<number, number> }).m.get(1)).log).toBeUndefined();
    expect(recordReads({ d: new Date(0) }, (v) => (v as { d: Date }).d.getTime()).log).toBeUndefined();
    expect(recordReads({ n: 1 }, (v) => ((v as { n: number }).n = 2)).log).toBeUndefined();
    // A frozen object's object values are handed out as they are (a proxy may not stand in for them).
    const frozen = Object.freeze({ inner: { a: 1 } });
    const read = recordReads({ frozen }, (v) => (v as { frozen: typeof frozen }).frozen.inner);
    expect(read.result).toBe(frozen.inner);
    expect(read.log).toBeUndefined();
    const described = recordReads({ o: {} }, (v) => Object.getOwnPropertyDescriptors(v));
    expect(described.log).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(described.result, 'o')!.value).not.toBe(undefined);
  });

  it('the view works after the reader returned (diagnostics are located later), and records nothing then', () => {
    const data = { a: { b: 1 }, c: 2 };
    const { result, log } = recordReads(data, (v) => v as typeof data);
    const reads = log!.ops.length;
    expect(result.a.b + result.c).toBe(3);
    expect(log!.ops.length).toBe(reads);
  });
});
