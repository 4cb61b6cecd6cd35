/** Values per chunk: 16 K (64 KB of 32-bit ints). */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;

/**
 * A growable array of small ints kept in fixed chunks rather than in one typed array doubled as it fills.
 *
 * Doubled, a million-entry array holds up to twice what it uses, and three times that while the last copy is made.
 * Each copy also frees a large block, after which glibc serves blocks up to that size from its heap rather than
 * mapping them, and its heap does not shrink back: on a 5,000-workshop kit the structure tree's arrays alone took
 * the peak memory of a build ~40 MB higher (Node 24). Chunks of 64 KB are never mapped on their own and never
 * copied.
 */
export class ChunkedInts {
  private readonly chunks: Array<Int32Array | Uint8Array> = [];
  private capacity = 0;

  /** `make(n)`: a new zeroed chunk of `n` values (`(n) => new Int32Array(n)`, or Uint8Array for bytes). */
  constructor(private readonly make: (n: number) => Int32Array | Uint8Array) {}

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
  }

  /** Sets value `i`, adding chunks (zeroed) up to it as needed. */
  set(i: number, value: number): void {
    while (i >= this.capacity) {
      this.chunks.push(this.make(CHUNK));
      this.capacity += CHUNK;
    }
    this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)] = value;
  }
}
