import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PaginatedPage } from './paginate.js';

/**
 * The finished pages of a document between pagination and drawing. A page's footer may print the page count and a
 * contents page the numbers of later pages, so no page is drawn before the last is laid out; until then the pages
 * wait here. The first `budget` boxes wait in memory; beyond, pages wait in a temporary file, one record each, and
 * come back one at a time as they are drawn: memory holds a few pages, whatever the length of the document.
 *
 * The file is removed from its folder as soon as it is opened (where the system allows it, as Linux and macOS do),
 * so nothing is left behind even when the process is killed; `close` releases it.
 */
export class PageStore {
  private readonly held: Array<PaginatedPage | Spilled> = [];
  private boxes = 0;
  /** The file, once the budget is spent; null when none could be made (pages then all wait in memory). */
  private file: SpillFile | null | undefined;
  /** Most pages held in memory at once (pages kept for the contents included), for tests of the bound. */
  mostInMemory = 0;
  private inMemory = 0;

  /** The file stopped taking pages (a full disk): later pages wait in memory. */
  private full = false;

  /** `budget`: boxes kept in memory before pages go to the file; `open`: makes the file (tests give others). */
  constructor(
    private readonly budget = DEFAULT_BUDGET,
    private readonly open: () => SpillFile | null = openSpill,
  ) {}

  get count(): number {
    return this.held.length;
  }

  /** Adds the next page; `keep` keeps it in memory (a contents page whose numbers are filled in at the end). */
  add(page: PaginatedPage, keep = false): void {
    if (!keep && this.file === undefined && this.boxes + page.boxes.length > this.budget) this.file = this.open();
    if (keep || !this.file || this.full || !this.spill(this.file, page)) {
      this.boxes += page.boxes.length;
      this.held.push(page);
      this.mostInMemory = Math.max(this.mostInMemory, ++this.inMemory);
    }
  }

  /** Writes `page` at the end of the file; false when the file takes no more (then it is not tried again). */
  private spill(file: SpillFile, page: PaginatedPage): boolean {
    const bytes = Buffer.from(JSON.stringify(page));
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(file.fd, bytes, at, bytes.length - at, file.size + at);
    } catch {
      // A full temporary folder (ENOSPC, a quota): the document is still made, its later pages in memory as they
      // would be without a file. What the failed write left past `size` is never read.
      this.full = true;
      return false;
    }
    this.held.push({ offset: file.size, length: bytes.length });
    file.size += bytes.length;
    return true;
  }

  /** The pages in order, each let go once the next is asked for. */
  *take(): Generator<PaginatedPage> {
    for (let i = 0; i < this.held.length; i++) {
      const entry = this.held[i];
      (this.held as Array<PaginatedPage | Spilled | undefined>)[i] = undefined;
      if (!isSpilled(entry)) {
        this.inMemory--;
        yield entry;
        continue;
      }
      const bytes = Buffer.allocUnsafe(entry.length);
      let at = 0;
      while (at < entry.length) {
        const n = readSync(this.file!.fd, bytes, at, entry.length - at, entry.offset + at);
        if (n === 0) throw new Error('page store: file shorter than written');
        at += n;
      }
      yield JSON.parse(bytes.toString()) as PaginatedPage;
    }
  }

  /** Releases the file (idempotent). */
  close(): void {
    const file = this.file;
    this.file = undefined;
    if (!file) return;
    closeSync(file.fd);
    if (file.path) {
      try {
        unlinkSync(file.path);
      } catch {
        // Already gone: nothing to release.
      }
    }
  }
}

/**
 * About 4–8 MB of boxes: all of a usual document (the capacities kit's longest has ~20,000), so only long documents
 * pay for the file.
 */
const DEFAULT_BUDGET = 40_000;

interface Spilled {
  offset: number;
  length: number;
}

const isSpilled = (e: PaginatedPage | Spilled): e is Spilled => 'offset' in e;

/** The temporary file of a store: its descriptor, its path while it must be removed by `close`, its size. */
export interface SpillFile {
  fd: number;
  path?: string;
  size: number;
}

function openSpill(): SpillFile | null {
  const path = join(tmpdir(), `capa-pages-${process.pid}-${randomBytes(6).toString('hex')}`);
  let fd: number;
  try {
    // Created new ('wx'), readable by this user only: a kit's text waits there.
    fd = openSync(path, 'wx+', 0o600);
  } catch {
    // No writable temporary folder: the document is still made, with its pages in memory as before.
    return null;
  }
  try {
    unlinkSync(path);
    return { fd, size: 0 };
  } catch {
    // Windows does not remove an open file: it is removed by `close`.
    return { fd, path, size: 0 };
  }
}
