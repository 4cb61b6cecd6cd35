import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pruneCacheFolder, readSealedCacheFile, writeSealedCacheFile, writeSealedCacheFileFrom } from '../kit/cacheFile.js';
import { capaCacheDir } from '../kit/cacheFolder.js';
import { bytesDigest } from '../kit/bytesDigest.js';
import { packageVersion } from '../kit/packageVersion.js';
import type { DocumentContext } from './DocumentSpec.js';

/**
 * PDFs of earlier builds, kept in `CAPA_CACHE_DIR/documents` (see docs/limits.md): a document whose markup, layout
 * settings and images are those of a document made before is copied from there instead of being laid out and drawn
 * again. Laying out and drawing are most of a build (the reference kit: ~0.6 of its ~1.2 s), and between two CI
 * builds of a kit, or two `capa build` runs of a facilitator, most documents do not change.
 *
 * The markup is rendered as always (templates, labels and the kit's data all end up in it): what it does not say is
 * in the key: the document, its layout settings, capa's code (`lib/build-id.txt`, written by `npm run build`), the
 * versions of the packages that lay out and draw (fonts, pdfkit, fontkit, hyphenation, images) and zlib's. The images
 * are checked by their bytes. A PDF is the same for the same key (builds are reproducible: the byte-identical tests),
 * so a stored one is the file a new layout would write, byte for byte. Only documents whose layout had nothing to
 * report are kept (a layout's diagnostics point at lines of the kit, which move), and only documents whose markup is
 * at most `MAX_MARKUP` characters: a larger one is rendered part by part while it is drawn, never whole, and is
 * made again at each build.
 *
 * Without `lib/build-id.txt` (capa run from its TypeScript sources) nothing is stored. Any failure is a miss.
 */

/** Bumped when what an entry holds changes. */
const FORMAT = 'capa-document-1';
/** Markup, in characters, up to which a document is kept: the reference kit's largest (its carnet) is 86,000, the 500-workshop kit's 1.25 M. */
const MAX_MARKUP = 4 * 1024 * 1024;
/** A stored PDF, at most (the reference kit's largest is under 1 MB, the 500-workshop kit's 5.7 MB). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Files past this many, or past this many bytes in all, are removed, the least recently written first (a kit makes 7 documents). */
const MAX_FILES = 256;
const MAX_FOLDER_BYTES = 256 * 1024 * 1024;

/** What, besides the markup and the settings, makes a PDF: capa's code and the packages that lay out and draw. */
const PACKAGES = [
  'pdfkit/package.json',
  'fontkit/package.json',
  'hyphen/package.json',
  'jpeg-js/package.json',
  'pngjs/package.json',
  'luxon/package.json',
  '@expo-google-fonts/atkinson-hyperlegible-next/package.json',
  '@expo-google-fonts/noto-emoji/package.json',
  '@expo-google-fonts/noto-sans-devanagari/package.json',
  '@expo-google-fonts/noto-sans-kr/package.json',
  '@expo-google-fonts/noto-sans-sc/package.json',
  '@expo-google-fonts/noto-sans-thai/package.json',
  'dejavu-fonts-ttf/package.json',
];

let made: string | null | undefined;

/** capa's code and what it draws with, or null when capa runs from its sources (no build id). */
function madeWith(): string | null {
  if (made === undefined) {
    try {
      const build = readFileSync(new URL('../build-id.txt', import.meta.url), 'utf8').trim();
      made = /^[0-9a-f]{64}$/.test(build) ? [`capa=${build}`, `zlib@${process.versions.zlib}`, ...PACKAGES.map((p) => `${p.replace(/\/package\.json$/, '')}@${packageVersion(p)}`)].join(' ') : null;
    } catch {
      made = null;
    }
  }
  return made;
}

/** A document found in the store: its PDF and page count. */
export interface StoredDocument {
  content: Buffer;
  pages: number;
}

type Assets = DocumentContext['assets'];

/**
 * One document's key, made from its markup as it is rendered (`add`, part by part), then looked up (`find`) or,
 * once made, kept (`keep`). Undefined from `open` when the store is off (`CAPA_CACHE_DIR` empty, no build id).
 */
export class DocumentKey {
  private readonly hash: Hash;
  private size = 0;
  private key?: string;

  private constructor(
    private readonly dir: string,
    private readonly head: string,
  ) {
    this.hash = createHash('sha256');
  }

  static open(name: string, settings: unknown): DocumentKey | undefined {
    const cache = capaCacheDir();
    const code = cache === undefined ? null : madeWith();
    if (cache === undefined || code === null) return undefined;
    return new DocumentKey(path.join(cache, 'documents'), `${FORMAT} ${name} settings=${JSON.stringify(settings)} ${code}`);
  }

  /** One more part of the markup; false once the markup is too large to be kept (the rest need not be given). */
  add(part: string): boolean {
    this.size += part.length;
    if (this.size > MAX_MARKUP) return false;
    this.hash.update(part);
    return true;
  }

  /** The document made from this markup before, when its images have the bytes they had then. */
  find(assets: Assets): StoredDocument | undefined {
    const key = this.done();
    const body = readSealedCacheFile(this.file(key), MAX_FILE_BYTES);
    if (!body || body.length < 4) return undefined;
    try {
      const headLength = body.readUInt32BE(0);
      if (4 + headLength > body.length) return undefined;
      const head = JSON.parse(body.toString('utf8', 4, 4 + headLength)) as Partial<EntryHead>;
      if (head.key !== key || !Number.isInteger(head.pages) || !Array.isArray(head.images)) return undefined;
      for (const [src, digest] of head.images) {
        if (typeof src !== 'string') return undefined;
        const bytes = assets(src);
        if ((bytes ? bytesDigest(bytes) : null) !== digest) return undefined;
      }
      return { content: body.subarray(4 + headLength), pages: head.pages! };
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps the PDF made from this markup with the images `used` (the bytes the layout got, undefined: missing): its
   * bytes, or the file it was written to (copied in chunks: a long document's PDF is not read back whole).
   */
  keep(pdf: { content: Buffer } | { file: string; bytes: number }, pages: number, used: Map<string, Buffer | undefined>): void {
    const key = this.done();
    const images = [...used].map(([src, bytes]): [string, string | null] => [src, bytes ? bytesDigest(bytes) : null]);
    const json = Buffer.from(JSON.stringify({ key, pages, images } satisfies EntryHead), 'utf8');
    const head = Buffer.alloc(4 + json.length);
    head.writeUInt32BE(json.length);
    json.copy(head, 4);
    const size = 'content' in pdf ? pdf.content.length : pdf.bytes;
    if (32 + head.length + size > MAX_FILE_BYTES) return;
    if ('content' in pdf) writeSealedCacheFile(this.file(key), Buffer.concat([head, pdf.content]));
    else writeSealedCacheFileFrom(this.file(key), head, pdf.file);
    if (!pruned) {
      pruned = true;
      pruneCacheFolder(this.dir, MAX_FILES, MAX_FOLDER_BYTES);
    }
  }

  private done(): string {
    this.key ??= `${this.head} markup=${this.hash.digest('hex')}`;
    return this.key;
  }

  private file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.bin`);
  }
}

let pruned = false;

/**
 * The first parts of `parts`, given to `key`, as long as it takes them: all of them (`whole`) when the markup is
 * small enough to be a key, else those read so far, and the rest is read from `parts` as the layout goes.
 */
export function readAhead(parts: Iterable<string>, key: Pick<DocumentKey, 'add'>): { parts: string[]; whole: boolean; rest: Iterator<string> } {
  const read: string[] = [];
  const rest = parts[Symbol.iterator]();
  for (let next = rest.next(); !next.done; next = rest.next()) {
    read.push(next.value);
    if (!key.add(next.value)) return { parts: read, whole: false, rest };
  }
  return { parts: read, whole: true, rest };
}

/** The parts read ahead, then the rest, from where the reading stopped. */
export function* continued(ahead: { parts: string[]; rest: Iterator<string> }): Iterable<string> {
  const read = ahead.parts;
  // Each part let go once given, as when the parts are not read ahead.
  for (let i = 0; i < read.length; i++) {
    const part = read[i];
    read[i] = '';
    yield part;
  }
  for (let next = ahead.rest.next(); !next.done; next = ahead.rest.next()) yield next.value;
}

interface EntryHead {
  key: string;
  pages: number;
  /** Every image the layout asked for, with the SHA-256 of the bytes it got (null: missing). */
  images: [string, string | null][];
}
