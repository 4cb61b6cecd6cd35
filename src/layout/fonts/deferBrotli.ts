import { createRequire } from 'node:module';
import { placeStandIn } from './moduleStandIn.js';

/** What fontkit 2 imports for WOFF2 fonts: `brotli/decompress.js`, whose default export is the decoder. */
const DECOMPRESS = 'brotli/decompress.js';
const DECODE = 'brotli/dec/decode.js';

type Decoder = (buffer: Uint8Array, outSize?: number) => Uint8Array;

let done = false;

/**
 * fontkit imports the `brotli` package when it loads, only to read WOFF2 fonts, and loading it compiles its
 * 756 KB static dictionary: about 40 ms of CPU at each build on Node 20, while capa's fonts are all TTF. This puts a
 * stand-in for `brotli/decompress.js` in Node's module cache (moduleStandIn.ts), so fontkit gets a function that
 * loads the real decoder on its first call. Call it before anything imports fontkit (pdfkit imports it too); once
 * fontkit is loaded, or if it cannot resolve the package, it does nothing.
 */
export function deferBrotli(): void {
  if (done) return;
  done = true;
  try {
    const fromFontkit = createRequire(createRequire(import.meta.url).resolve('fontkit'));
    let decode: Decoder | undefined;
    placeStandIn(fromFontkit, fromFontkit.resolve(DECOMPRESS), function BrotliDecompressBuffer(buffer: Uint8Array, outSize?: number): Uint8Array {
      decode ??= (fromFontkit(DECODE) as { BrotliDecompressBuffer: Decoder }).BrotliDecompressBuffer;
      return decode(buffer, outSize);
    });
  } catch {
    // fontkit then loads brotli itself, as it always did.
  }
}
