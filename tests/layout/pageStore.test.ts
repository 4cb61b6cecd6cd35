import { openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageStore } from '../../src/layout/pages/pageStore.js';
import type { PaginatedPage } from '../../src/layout/pages/finishPage.js';

const page = (n: number) => ({ boxes: [{ text: `page ${n}`, x: n, y: 2 * n }], running: `Partie ${n}` }) as unknown as PaginatedPage;

describe('PageStore', () => {
  it('gives its pages back in order, the same whether they waited in memory or in its file', () => {
    for (const budget of [0, Infinity]) {
      const store = new PageStore(budget);
      for (let n = 1; n <= 5; n++) store.add(page(n));
      expect([...store.take()], `budget ${budget}`).toEqual([1, 2, 3, 4, 5].map(page));
      expect(store.mostInMemory).toBe(budget === 0 ? 0 : 5);
      store.close();
    }
  });

  it('keeps its pages in memory once its file takes no more (a full temporary folder), and loses none', () => {
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    const store = new PageStore(0, () => ({ fd: openSync('/dev/full', 'w'), size: 0 }));
    for (let n = 1; n <= 4; n++) store.add(page(n));
    expect(store.mostInMemory).toBe(4);
    expect([...store.take()]).toEqual([1, 2, 3, 4].map(page));
    store.close();
  });
});
