import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { placeStandIn } from './moduleStandIn.js';

/** `tiny-inflate`'s one export: inflates raw DEFLATE `source` into `dest`; a shorter result is `dest.slice(0, n)`. */
type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;

/** Packages that inflate with `tiny-inflate`: unicode-trie (its data tables, when they load) and fontkit (WOFF tables). */
const USERS = ['unicode-trie', 'fontkit'];

let done = false;

/**
 * fontkit and unicode-properties build their Unicode tables (`unicode-trie`) when they load, inflating each twice with
 * `tiny-inflate`, a DEFLATE decoder in JavaScript: ~30 ms of CPU at each build on Node 20, before any document is
 * made. Node's zlib inflates the same bytes in well under a millisecond. Like deferBrotli, this puts a stand-in for
 * `tiny-inflate` in Node's module cache (`require.cache`), so those packages get the native inflater; data zlib
 * refuses goes to the real `tiny-inflate`, which then answers exactly as before (its result or its error). Call it
 * before anything imports fontkit; once a package has loaded `tiny-inflate`, or if it cannot be resolved, it does nothing.
 */
export function inflateNatively(): void {
  if (done) return;
  done = true;
  const require = createRequire(import.meta.url);
  for (const user of USERS) {
    try {
      const fromUser = createRequire(require.resolve(user));
      const file = fromUser.resolve('tiny-inflate');
      let original: Inflate | undefined;
      placeStandIn(fromUser, file, function tinf_uncompress(source: Uint8Array, dest: Uint8Array): Uint8Array {
        let out: Buffer;
        try {
          out = inflateRawSync(source);
        } catch {
          original ??= loadOriginal(fromUser, file);
          return original(source, dest);
        }
        return into(out, dest);
      });
    } catch {
      // The package then loads tiny-inflate itself, as it always did.
    }
  }
}

/** What tiny-inflate returns for output `out`: `dest` filled (what does not fit is dropped), or its first `out.length` bytes. */
export function into(out: Uint8Array, dest: Uint8Array): Uint8Array {
  if (out.length >= dest.length) {
    dest.set(out.subarray(0, dest.length));
    return dest;
  }
  dest.set(out);
  return typeof dest.slice === 'function' ? dest.slice(0, out.length) : dest.subarray(0, out.length);
}

/** The real tiny-inflate: the stand-in leaves the module cache while Node loads the file, then comes back. */
function loadOriginal(fromUser: NodeJS.Require, file: string): Inflate {
  const stub = fromUser.cache[file];
  delete fromUser.cache[file];
  try {
    return fromUser(file) as Inflate;
  } finally {
    if (stub) fromUser.cache[file] = stub;
  }
}
