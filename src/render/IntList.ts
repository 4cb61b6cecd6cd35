/**
 * A growable list of 32-bit integers. Source maps hold one entry per marker, millions for a large document: a typed
 * array takes 4 bytes an entry where a JavaScript array of numbers takes 8, plus its growth slack.
 */
export class IntList {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The value at `i`, or undefined outside the list. */
  at(i: number): number | undefined {
    return i >= 0 && i < this.length ? this.data[i] : undefined;
  }

  /** Drops the unused capacity, once the list is complete. */
  trim(): this {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length);
    return this;
  }

  /** Index of the last entry ≤ `value` in a list sorted in ascending order; -1 when none. */
  lastAtMost(value: number): number {
    let lo = 0;
    let hi = this.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.data[mid]! <= value) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Index of the first entry ≥ `value` in a list sorted in ascending order; `length` when none. */
  firstAtLeast(value: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.data[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
