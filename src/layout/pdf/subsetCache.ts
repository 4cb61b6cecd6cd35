import { createHash } from 'node:crypto';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { pruneCacheFolder, readSealedCacheFile, writeSealedCacheFile } from '../../kit/cacheFile.js';
import { capaCacheDir } from '../../kit/cacheFolder.js';
import { bytesDigest } from '../../kit/bytesDigest.js';
import { packageVersion } from '../../kit/packageVersion.js';

/** Bumped when what an entry holds changes. */
const FORMAT = 'capa-subset-1';
/** A compressed subset of capa's largest font with every glyph is under 1 MB. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Files past this many are removed, the least recently written first (a kit's documents make about 40). */
const MAX_FILES = 512;
/** Programs kept in this process (the watch draws the same subsets at each save), in bytes. */
const MAX_MEMORY = 32 * 1024 * 1024;

const memory = new Map<string, Buffer>();
let memoryBytes = 0;
let pruned = false;

/** pdfkit 0.20's `EmbeddedFont`, the members its `embed()` uses to write the font program. */
export interface EmbeddingFont {
  font: { stream?: { buffer?: unknown } };
  subset: { glyphs: number[]; encode(): Uint8Array };
  document: { compress?: boolean; ref(data?: object): PdfStream };
}

interface PdfStream {
  data: Record<string, unknown>;
  compress: boolean;
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array): void;
  finalize(): void;
}

/**
 * Runs pdfkit's `embed()` of `font` with its font program (the subset fontkit encodes, then pdfkit compresses)
 * taken from the subset cache when this set of glyphs of this font was embedded before, in this process or an
 * earlier one (`CAPA_CACHE_DIR/subsets`). Encoding and compressing a subset is most of embedding a font, and a
 * build embeds the same faces with the same glyphs at each run. The program is a pure function of the font's
 * bytes, the glyphs in subset order and the versions of fontkit and zlib, all in the key, so the file is the same
 * byte for byte. An entry that does not match its key or its digest is a miss.
 */
export function embedWithSubsetCache(font: EmbeddingFont, embed: () => unknown): unknown {
  const doc = font.document;
  const bytes = font.font.stream?.buffer;
  // Documents capa writes are compressed; anything else is left to pdfkit.
  if (!doc.compress || !(bytes instanceof Uint8Array)) return embed();
  const key = `${FORMAT} font=${bytesDigest(bytes)} glyphs=${font.subset.glyphs.join(',')} fontkit@${packageVersion('fontkit/package.json')} capa@${packageVersion('../../package.json')} zlib@${process.versions.zlib}`;
  const subset = font.subset;
  const ref = doc.ref;
  const encode = subset.encode;
  // `embed()` asks for the font file's stream first, then for the program: the stream is told that the program
  // comes compressed, written as pdfkit writes a compressed stream (Length, then Filter).
  doc.ref = (data) => {
    doc.ref = ref;
    const stream = ref.call(doc, data);
    stream.end = (program?: Uint8Array) => {
      stream.compress = false;
      if (program) stream.write(program);
      stream.data.Filter = 'FlateDecode';
      stream.finalize();
    };
    return stream;
  };
  subset.encode = () => {
    subset.encode = encode;
    let program = cached(key);
    if (!program) {
      program = deflateSync(encode.call(subset));
      keep(key, program);
    }
    return program;
  };
  try {
    return embed();
  } finally {
    doc.ref = ref;
    subset.encode = encode;
  }
}

/** The folder of the subset files, or undefined when the cache is off. */
export function subsetCacheDir(): string | undefined {
  const dir = capaCacheDir();
  return dir ? path.join(dir, 'subsets') : undefined;
}

const fileOf = (dir: string, key: string) => path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.bin`);

/** An entry is the SHA-256 of what follows, the key's length (4 bytes), the key, then the compressed program. */
function cached(key: string): Buffer | undefined {
  const hit = memory.get(key);
  if (hit) return hit;
  const dir = subsetCacheDir();
  if (!dir) return undefined;
  const body = readSealedCacheFile(fileOf(dir, key), MAX_FILE_BYTES);
  if (!body || body.length < 4) return undefined;
  const keyLength = body.readUInt32BE(0);
  if (4 + keyLength > body.length || body.toString('utf8', 4, 4 + keyLength) !== key) return undefined;
  const program = body.subarray(4 + keyLength);
  remember(key, program);
  return program;
}

function keep(key: string, program: Buffer): void {
  remember(key, program);
  const dir = subsetCacheDir();
  if (!dir) return;
  const head = Buffer.alloc(4);
  const keyBytes = Buffer.from(key, 'utf8');
  head.writeUInt32BE(keyBytes.length);
  const body = Buffer.concat([head, keyBytes, program]);
  if (body.length + 32 > MAX_FILE_BYTES) return;
  writeSealedCacheFile(fileOf(dir, key), body);
  if (!pruned) {
    pruned = true;
    pruneCacheFolder(dir, MAX_FILES);
  }
}

function remember(key: string, program: Buffer): void {
  if (memoryBytes + program.length > MAX_MEMORY) {
    memory.clear();
    memoryBytes = 0;
  }
  memory.set(key, program);
  memoryBytes += program.length;
}

