import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/documents/pdfDocument.js';

describe('the collection made after a long document', () => {
  it('is a real full collection: an object nothing holds any more is gone after it', async () => {
    let big: number[] | undefined = Array.from({ length: 100_000 }, (_, i) => i);
    const ref = new WeakRef(big);
    big = undefined;
    // A WeakRef keeps its target alive until the end of the job that made it.
    await new Promise((r) => setImmediate(r));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
