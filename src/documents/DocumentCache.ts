import { createHash } from 'node:crypto';
import type { DocumentName } from '../defaults.js';

/** What a document's layout and drawing depend on besides its markup, part of the cache key. */
export interface DocumentInputs {
  markup: string;
  /** Everything else passed to the layout (metadata, PDF/A…), serialised in a fixed order. */
  settings: unknown;
}

interface Entry {
  key: string;
  /** Every image the layout asked for, with the hash of the bytes it got (undefined: missing). */
  assets: Map<string, string | undefined>;
  pdf: Buffer;
  pages: number;
}

/** Hashes by Buffer: a build hands every document the same Buffer for an image (see kitAssets.ts). */
const digests = new WeakMap<Buffer, string>();
const digest = (bytes: Buffer | undefined) => {
  if (bytes === undefined) return undefined;
  let hash = digests.get(bytes);
  if (hash === undefined) digests.set(bytes, (hash = createHash('sha256').update(bytes).digest('hex')));
  return hash;
};

/**
 * The PDFs of the previous build, for `capa build --watch`: a document whose markup, settings and images
 * are the same as last time is not laid out and drawn again (the output is byte-identical, so it is reused).
 * Laying out and drawing are most of a build; rendering the templates, which decides, is cheap.
 */
export class DocumentCache {
  private readonly entries = new Map<DocumentName, Entry>();

  private static key(inputs: DocumentInputs): string {
    return createHash('sha256').update(inputs.markup).update('\0').update(JSON.stringify(inputs.settings)).digest('hex');
  }

  /** The previous PDF of `name` when made from the same inputs and the same image bytes. */
  reuse(name: DocumentName, inputs: DocumentInputs, assets: (src: string) => Buffer | undefined): { pdf: Buffer; pages: number } | undefined {
    const entry = this.entries.get(name);
    if (!entry || entry.key !== DocumentCache.key(inputs)) return undefined;
    for (const [src, hash] of entry.assets) if (digest(assets(src)) !== hash) return undefined;
    return { pdf: entry.pdf, pages: entry.pages };
  }

  /**
   * Makes the document with `make`, which reads images through the `assets` it is given (so that the
   * images it used are known), and keeps its PDF for the next build.
   */
  async remember<T extends { pdf?: Buffer; pages: number }>(
    name: DocumentName,
    inputs: DocumentInputs,
    assets: (src: string) => Buffer | undefined,
    make: (assets: (src: string) => Buffer | undefined) => Promise<T>,
  ): Promise<T> {
    const used = new Map<string, string | undefined>();
    const result = await make((src) => {
      const bytes = assets(src);
      used.set(src, digest(bytes));
      return bytes;
    });
    if (result.pdf) this.entries.set(name, { key: DocumentCache.key(inputs), assets: used, pdf: result.pdf, pages: result.pages });
    else this.entries.delete(name);
    return result;
  }
}
