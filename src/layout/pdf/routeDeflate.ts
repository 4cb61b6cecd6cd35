import zlib from 'node:zlib';

/**
 * Why capa does not let pdfkit call `zlib.deflateSync` for each stream: every call makes a zlib engine (a stream
 * object and its native state) and closes it. On Node 24 (since 24.15, nodejs/node#65600) what such a call leaves
 * in the C heap is freed only by a full garbage collection: 20,000 calls of 20 KB leave ~70 MB on Node 24 against
 * ~9 MB for one engine reset between calls, and a 5,000-workshop build compresses tens of thousands of streams.
 *
 * `Deflater` compresses each input as one whole zlib stream, as `deflateSync(data)` does with its default options,
 * through one engine reset after each (zlib's `deflateReset` keeps level, window size and strategy). A reset does
 * not clear the window, though, and near the end of its input zlib compares a few bytes past the data: with the
 * last stream's bytes there instead of a new engine's zeros, it can pick another match of the same length, and the
 * bytes change (rarely, but the tests met it). So after each stream the part of the window it filled is refilled
 * with zeros, by compressing zeros run-length (`Z_RLE`, which needs no hashing: far cheaper than the stream).
 *
 * Node has no public synchronous call on a kept engine: this drives the engine's native handle the way Node's own
 * `deflateSync` and `params` do (`_handle.writeSync`, `_writeState`, `_handle.reset`, `_handle.params`). Where a
 * Node release lacks them, `reusesEngine` is false and every call goes to `zlib.deflateSync`.
 */

interface NativeZlib {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
  params(level: number, strategy: number): void;
  close(): void;
}

interface EngineInternals {
  _handle?: NativeZlib | null;
  _writeState?: Uint32Array;
}

/** Room for the compressed bytes of one write: a page's content stream compresses to a few KB. */
const SCRATCH_BYTES = 64 * 1024;
/** The window zlib fills with input: 2 × 32 KB at the default `windowBits` of 15. */
const WINDOW_BYTES = 64 * 1024;
let zeros: Buffer | undefined;
/** `zlib.deflateSync` as it was before any route: what a `Deflater` without an engine calls. */
const deflateSync = zlib.deflateSync;

export class Deflater {
  private engine: zlib.Deflate | undefined;
  private handle: NativeZlib | undefined;
  private state: Uint32Array | undefined;
  private readonly scratch: Buffer;

  constructor() {
    const engine = new zlib.Deflate();
    const inside = engine as unknown as EngineInternals;
    const handle = inside._handle;
    const state = inside._writeState;
    this.scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    const usable = handle && state instanceof Uint32Array && ['writeSync', 'reset', 'params'].every((m) => typeof (handle as unknown as Record<string, unknown>)[m] === 'function');
    if (usable) {
      // Node reports a native error by destroying the engine (an 'error' event): it is read back from `destroyed`.
      engine.on('error', () => {});
      this.engine = engine;
      this.handle = handle;
      this.state = state;
    } else engine.close();
  }

  /** False when this Node's engine does not have the members used (or it was closed): `deflate` is Node's own. */
  get reusesEngine(): boolean {
    return this.handle !== undefined;
  }

  /** The same bytes as `zlib.deflateSync(data)`. */
  deflate(data: Uint8Array): Buffer {
    if (!this.handle) return deflateSync(data);
    const parts: Buffer[] = [];
    if (!this.run(data, (part) => parts.push(Buffer.from(part)))) {
      // Not met with in-memory input; Node's own call then says what went wrong.
      this.close();
      return deflateSync(data);
    }
    // Rarely more than one part: the result is its own buffer either way, so nothing keeps the scratch alive.
    const out = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    if (data.byteLength > 0) this.wipe(Math.min(data.byteLength, WINDOW_BYTES));
    return out;
  }

  /** Compresses `data` as one whole stream, handing each filled part of the scratch to `take`, then resets. */
  private run(data: Uint8Array, take: (part: Buffer) => void): boolean {
    const { handle, state, engine, scratch } = this;
    if (!handle || !state || !engine) return false;
    let inOff = 0;
    let inLen = data.byteLength;
    for (;;) {
      handle.writeSync(zlib.constants.Z_FINISH, data, inOff, inLen, scratch, 0, SCRATCH_BYTES);
      if (engine.destroyed) return false;
      const [outLeft, inLeft] = state;
      take(scratch.subarray(0, SCRATCH_BYTES - outLeft));
      if (outLeft !== 0) break;
      inOff += inLen - inLeft;
      inLen = inLeft;
    }
    handle.reset();
    return true;
  }

  /** Puts zeros back in the first `length` bytes of the window, where the last stream's bytes went (see above). */
  private wipe(length: number): void {
    const { handle } = this;
    zeros ??= Buffer.alloc(WINDOW_BYTES);
    const { Z_DEFAULT_COMPRESSION, Z_RLE, Z_DEFAULT_STRATEGY } = zlib.constants;
    // Right after a reset zlib changes parameters without flushing anything.
    handle?.params(Z_DEFAULT_COMPRESSION, Z_RLE);
    const wiped = this.run(zeros.subarray(0, length), () => {});
    handle?.params(Z_DEFAULT_COMPRESSION, Z_DEFAULT_STRATEGY);
    if (!wiped || this.engine?.destroyed) this.close();
  }

  close(): void {
    this.engine?.close();
    this.engine = this.handle = this.state = undefined;
  }
}

let users = 0;
let shared: Deflater | undefined;

/** Calls with options, or with a string, keep Node's behaviour: only pdfkit's `deflateSync(bytes)` is routed. */
function routedDeflateSync(buffer: zlib.InputType, options?: zlib.ZlibOptions): Buffer {
  if (options === undefined && shared && buffer instanceof Uint8Array) return shared.deflate(buffer);
  return deflateSync(buffer, options);
}

/**
 * Routes `zlib.deflateSync(bytes)` through one shared `Deflater` until the returned function is called; drawing a
 * PDF calls it around pdfkit's work. pdfkit calls `deflateSync` on the 'zlib' module object for every stream it
 * compresses (pages, fonts, images) and exposes no way to pass its own, so the route is that module's property.
 * It is held only while a document is drawn (counted, so documents drawn at the same time share it), gives the
 * same bytes to every caller, and Node's own function is put back when the last document is done.
 */
export function routeDeflate(): () => void {
  if (users++ === 0) {
    shared = new Deflater();
    zlib.deflateSync = routedDeflateSync as typeof zlib.deflateSync;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0) {
      zlib.deflateSync = deflateSync;
      shared?.close();
      shared = undefined;
    }
  };
}
