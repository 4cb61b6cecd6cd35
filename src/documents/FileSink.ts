import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

/** Size and sha256 of a file written through a `FileSink`: what the manifest lists. */
export interface WrittenBytes {
  bytes: number;
  sha256: string;
}

/** Errors of the file system met while writing an output (a full disk), told apart from the drawing's own. */
const writeErrors = new WeakSet<object>();

/** Whether `err` came from writing an output file (then it is the user's disk, not a bug of capa). */
export function isWriteError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && writeErrors.has(err);
}

/**
 * One output file written as its bytes come (a PDF while it is drawn), hashed on the way, so the document is never
 * held whole in memory. Writes are synchronous: drawing calls pdfkit synchronously and bytes must land in order.
 */
export class FileSink {
  private fd: number | undefined;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(readonly path: string) {
    this.fd = FileSink.attempt(() => openSync(path, 'w'));
  }

  write(chunk: Uint8Array): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error(`${this.path} is closed`);
    FileSink.attempt(() => {
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
    });
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /** Closes the file; its size and hash, for the manifest. */
  close(): WrittenBytes {
    this.abort();
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Closes the file without a result (the build failed; the staging folder is removed with it). */
  abort(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    FileSink.attempt(() => closeSync(fd));
  }

  private static attempt<T>(io: () => T): T {
    try {
      return io();
    } catch (err) {
      if (typeof err === 'object' && err !== null) writeErrors.add(err);
      throw err;
    }
  }
}
