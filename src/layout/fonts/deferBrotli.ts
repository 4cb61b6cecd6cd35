import Module, { createRequire } from 'node:module';
import path from 'node:path';

/** What fontkit 2 imports for WOFF2 fonts: `brotli/decompress.js`, whose default export is the decoder. */
const DECOMPRESS = 'brotli/decompress.js';
const DECODE = 'brotli/dec/decode.js';

type Decoder = (buffer: Uint8Array, outSize?: number) => Uint8Array;

let done = false;

/**
 * fontkit imports the `brotli` package when it loads, only to read WOFF2 fonts, and loading it compiles its
 * 756 KB static dictionary: about 40 ms of CPU at each build on Node 20, while capa's fonts are all TTF. This puts a
 * stand-in for `brotli/decompress.js` in Node's module cache (`require.cache`, which Node documents as writable
 * and which its ES module loader also reads for CommonJS files), so fontkit gets a function that loads the
 * real decoder on its first call. Call it before anything imports fontkit (pdfkit imports it too); once
 * fontkit is loaded, or if it cannot resolve the package, it does nothing.
 */
export function deferBrotli(): void {
  if (done) return;
  done = true;
  try {
    const fromFontkit = createRequire(createRequire(import.meta.url).resolve('fontkit'));
    const file = fromFontkit.resolve(DECOMPRESS);
    if (fromFontkit.cache[file]) return;
    const stub = new Module(file);
    stub.filename = file;
    stub.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    let decode: Decoder | undefined;
    stub.exports = function BrotliDecompressBuffer(buffer: Uint8Array, outSize?: number): Uint8Array {
      decode ??= (fromFontkit(DECODE) as { BrotliDecompressBuffer: Decoder }).BrotliDecompressBuffer;
      return decode(buffer, outSize);
    };
    stub.loaded = true;
    fromFontkit.cache[file] = stub;
  } catch {
    // fontkit then loads brotli itself, as it always did.
  }
}
