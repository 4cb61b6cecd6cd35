import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFreshNode } from '../helpers/freshNode.js';
import { ROOT } from '../helpers/tempKit.js';

/**
 * Runs, in a fresh Node process (this one may have loaded fontkit already), fontkit and pdfkit imported after
 * `inflateNatively()` (or without it), then asks the `tiny-inflate` those packages were given to inflate sound,
 * cut and damaged data, and reads every code point's Unicode properties (tables inflated when the packages load).
 */
function run(native: boolean): { native: boolean; cases: unknown[]; tables: string } {
  const script = `import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
const require = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
if (${native}) (await import(${JSON.stringify(pathToFileURL(join(ROOT, 'lib/layout/fonts/nativeInflate.js')).href)})).inflateNatively();
await import('fontkit');
await import('pdfkit');
const props = (await import('unicode-properties')).default;
const fromTrie = createRequire(require.resolve('unicode-trie'));
const inflate = fromTrie.cache[fromTrie.resolve('tiny-inflate')].exports;
let seed = 7;
const random = (n) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2147483648) >> 16);
const text = new TextEncoder().encode('capa '.repeat(3000));
const cases = [];
for (const data of [text, random(5000), new Uint8Array(0)]) {
  const packed = deflateRawSync(data);
  for (const size of [data.length, data.length + 10, Math.floor(data.length / 2)]) {
    cases.push(Array.from(inflate(packed, new Uint8Array(size))).join());
    cases.push(Array.from(inflate(Buffer.from(packed), Buffer.alloc(size))).join());
  }
  // Bytes after the last block are not read.
  cases.push(Array.from(inflate(Buffer.concat([packed, Buffer.from([1, 2, 3])]), new Uint8Array(data.length))).join());
}
// Damaged: a block of the reserved type, a stored block whose length check fails.
for (const bad of [[0xff, 0xff, 0xff], [0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5]]) {
  try {
    cases.push(Array.from(inflate(Uint8Array.from(bad), new Uint8Array(16))).join());
  } catch (e) {
    cases.push('error: ' + e.message);
  }
}
const hash = createHash('sha256');
for (let cp = 0; cp < 0x110000; cp++) hash.update(props.getCategory(cp) + props.getScript(cp) + props.getEastAsianWidth(cp) + props.getCombiningClass(cp));
console.log(JSON.stringify({ native: inflate.toString().includes('inflateRawSync'), cases, tables: hash.digest('hex') }));
`;
  return JSON.parse(runFreshNode(script));
}

describe('fontkit and unicode-trie inflate with Node’s zlib', () => {
  it('gives every caller what tiny-inflate gives: the same bytes, the same cut, the same error', () => {
    const native = run(true);
    const original = run(false);
    expect(native.native).toBe(true);
    expect(original.native).toBe(false);
    expect(native.cases).toHaveLength(23);
    expect(native.cases).toEqual(original.cases);
    expect(native.cases.filter((c) => String(c).startsWith('error:'))).toEqual(['error: Data error', 'error: Data error']);
    // The Unicode tables fontkit and unicode-properties inflate when they load.
    expect(native.tables).toBe(original.tables);
  });
});
