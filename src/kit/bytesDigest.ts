import { createHash } from 'node:crypto';

const digests = new WeakMap<Uint8Array, string>();

/**
 * The SHA-256 (hex) of `bytes`, once per buffer: a build hands every document the same buffer for a font, an image
 * or a reused PDF, and the caches keyed by those bytes (shapes, subsets, stored documents) and the manifest ask
 * again for each document.
 */
export function bytesDigest(bytes: Uint8Array): string {
  let digest = digests.get(bytes);
  if (digest === undefined) {
    digest = createHash('sha256').update(bytes).digest('hex');
    digests.set(bytes, digest);
  }
  return digest;
}
