import zlib from 'node:zlib';

/**
 * Why capa does not let pdfkit call `zlib.deflateSync` for each stream: every call makes a zlib engine (a stream
 * object and its native state) and closes it. On Node 24 (since 24.15, nodejs/node#65600) what such a call leaves
 * in the C heap is freed only by a full garbage collection: 20,000 calls of 20 KB leave ~70 MB on Node 24 against
 * ~9 MB for one engine reset between calls, and a 5,000-workshop build compresses tens of thousands of streams.
 *
 * `Deflater` compresses each input as one whole zlib stream, as `deflateSync(data)` does with its default options,
 * through one engine reset after each (zlib's `deflateReset` keeps level, window and strategy), so the bytes are
 * the same. Node has no public synchronous call on a kept engine: this drives the engine's native handle the way
 * Node's own `deflateSync` does (`_handle.writeSync`, `_writeState`, `_handle.reset`). Where a Node release lacks
 * them, `reusesEngine` is false and every call goes to `zlib.deflateSync`.
 */

interface NativeZlib {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
  close(): void;
}

interface EngineInternals {
  _handle?: NativeZlib | null;
  _writeState?: Uint32Array;
}

/** Room for the compressed bytes of one write: a page's content stream compresses to a few KB. */
const SCRATCH_BYTES = 64 * 1024;

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
    if (handle && typeof handle.writeSync === 'function' && typeof handle.reset === 'function' && state instanceof Uint32Array) {
      // Node reports a native error by destroying the engine (an 'error' event): it is read back from `destroyed`.
      engine.on('error', () => {});
      this.engine = engine;
      this.handle = handle;
      this.state = state;
    } else engine.close();
  }

  /** False when this Node's engine does not have the members used, and `deflate` is `zlib.deflateSync`. */
  get reusesEngine(): boolean {
    return this.handle !== undefined;
  }

  /** The same bytes as `zlib.deflateSync(data)`. */
  deflate(data: Uint8Array): Buffer {
    const { handle, state, engine, scratch } = this;
    if (!handle || !state || !engine) return zlib.deflateSync(data);
    const parts: Buffer[] = [];
    let total = 0;
    let inOff = 0;
    let inLen = data.byteLength;
    for (;;) {
      handle.writeSync(zlib.constants.Z_FINISH, data, inOff, inLen, scratch, 0, SCRATCH_BYTES);
      if (engine.destroyed) {
        // Not met with in-memory input; Node's own call then says what went wrong.
        this.close();
        return zlib.deflateSync(data);
      }
      const [outLeft, inLeft] = state;
      const have = SCRATCH_BYTES - outLeft;
      total += have;
      if (outLeft !== 0) {
        // The last write: one copy of the whole result, so nothing keeps the scratch alive.
        const out = Buffer.allocUnsafe(total);
        let at = 0;
        for (const p of parts) at += p.copy(out, at);
        scratch.copy(out, at, 0, have);
        handle.reset();
        return out;
      }
      parts.push(Buffer.from(scratch));
      inOff += inLen - inLeft;
      inLen = inLeft;
    }
  }

  close(): void {
    this.engine?.close();
    this.engine = this.handle = this.state = undefined;
  }
}

/** `zlib.deflateSync` as it was before any route. */
const deflateSync = zlib.deflateSync;
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

/** Compresses like `zlib.deflateSync(data)`, through the shared engine while a document is drawn. */
export function deflateBytes(data: Uint8Array): Buffer {
  return shared ? shared.deflate(data) : deflateSync(data);
}
