import { createHash } from 'node:crypto';

/** Fingerprint of a template's text: precompiled code is used only for the very text it came from. */
export function templateHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
