import { createRequire } from 'node:module';
import { IMPORT_LIMITS } from './importLimits.js';

const require = createRequire(import.meta.url);
type Fflate = typeof import('fflate');

/** Why a zipped spreadsheet could not be read: not a zip, or a part larger than the limits. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: 'not-zip' | 'too-large',
    readonly part?: string,
  ) {
    super(kind);
  }
}

/**
 * The parts named in `wanted` of a zip file (XLSX and ODS are zips of XML), as text. A part's declared size
 * is checked before it is inflated, and fflate inflates into a buffer of exactly that size, so a part that
 * lies about its size cannot grow past it: a zip bomb costs at most the limits.
 */
export function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Map<string, string> {
  const { unzipSync } = require('fflate') as Fflate;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize > IMPORT_LIMITS.maxPartBytes || total > IMPORT_LIMITS.maxUnzippedBytes) throw new ZipProblem('too-large', f.name);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ZipProblem) throw err;
    throw new ZipProblem('not-zip');
  }
  const parts = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) parts.set(name, new TextDecoder('utf-8').decode(data));
  return parts;
}
