/** Values per chunk: 16 K (64 KB of 32-bit ints). */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;

/**
 * A growable array of small ints kept in fixed chunks rather than in one typed array doubled as it fills.
 *
 * Doubled, a million-entry array holds up to twice what it uses, and three times that while the last copy is made.
 * Each copy also frees a large block, after which glibc serves blocks up to that size from its heap rather than
 * mapping them, and its heap does not shrink back: on a 5,000-workshop kit the structure tree's arrays, doubled,
 * took the peak memory of a first build ~50 MB higher (Node 24, medians of 5 runs: 578 against 525 MB). Chunks of
 * 64 KB are never mapped on their own and never copied.
 */
export class ChunkedInts {
  private readonly chunks: Array<Int32Array | Uint8Array> = [];
  private capacity = 0;

  /** `Chunk`: `Int32Array`, or `Uint8Array` for bytes. */
  constructor(private readonly Chunk: new (length: number) => Int32Array | Uint8Array) {}

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
  }

  /** Sets value `i`, adding chunks (zeroed) up to it as needed. */
  set(i: number, value: number): void {
    while (i >= this.capacity) {
      this.chunks.push(new this.Chunk(CHUNK));
      this.capacity += CHUNK;
    }
    this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)] = value;
  }
}
