import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFreshNode } from '../helpers/freshNode.js';
import { ROOT } from '../helpers/tempKit.js';

/**
 * Runs, in a fresh Node process (this one may have loaded fontkit already), fontkit and pdfkit imported after
 * `deferBrotli()` (or without it), then the WOFF2 decoder fontkit was given, on bytes compressed by Node's zlib.
 * Prints the brotli files Node loaded and whether the decoder gave the bytes back.
 */
function run(defer: boolean): { files: string[]; roundTrip: boolean } {
  const script = `import { createRequire } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
const require = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
if (${defer}) (await import(${JSON.stringify(pathToFileURL(join(ROOT, 'lib/layout/fonts/deferBrotli.js')).href)})).deferBrotli();
await import('fontkit');
await import('pdfkit');
const fromFontkit = createRequire(require.resolve('fontkit'));
const decompress = fromFontkit.cache[fromFontkit.resolve('brotli/decompress.js')].exports;
const bytes = Buffer.from('capa '.repeat(5000) + 'woff2');
const files = Object.keys(require.cache).filter((f) => f.includes('/brotli/')).map((f) => f.replace(/.*\\/brotli\\//, ''));
const roundTrip = Buffer.from(decompress(brotliCompressSync(bytes), bytes.length)).equals(bytes);
console.log(JSON.stringify({ files, roundTrip }));
`;
  return JSON.parse(runFreshNode(script));
}

describe('fontkit loads brotli (WOFF2 only) on first use', () => {
  it('the 756 KB dictionary is not loaded by importing fontkit and pdfkit; the decoder still decodes', () => {
    const deferred = run(true);
    expect(deferred.files).not.toContain('dec/dictionary-data.js');
    expect(deferred.files).toContain('decompress.js');
    expect(deferred.roundTrip).toBe(true);
    // Without it, importing fontkit loads the dictionary: what the deferral saves.
    const eager = run(false);
    expect(eager.files).toContain('dec/dictionary-data.js');
    expect(eager.roundTrip).toBe(true);
  });
});
