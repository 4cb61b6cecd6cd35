import { createHash } from 'node:crypto';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { pruneCacheFolder, readSealedCacheFile, writeSealedCacheFile } from '../../kit/cacheFile.js';
import { capaCacheDir } from '../../kit/cacheFolder.js';
import { bytesDigest } from '../../kit/bytesDigest.js';
import { packageVersion } from '../../kit/packageVersion.js';
import { validRun, type ShapedRun } from './shapedRun.js';

/** Bumped when a shaped run's layout (shapedRun.ts) or what is stored changes. */
const FORMAT = 'capa-shapes-1';
/** Per face file: far above one large kit (the 500-workshop kit shapes about 20,000 texts in the text face). */
const MAX_RUNS = 200_000;
const MAX_FILE_BYTES = 48 * 1024 * 1024;
/** Files of older fonts or versions are removed, the least recently written first, past this many. */
const MAX_FILES = 64;

interface Payload {
  version: string;
  texts: string[];
  /** Run `i` is `data[offsets[i]..offsets[i + 1])`. */
  offsets: Uint32Array;
  data: Int32Array;
  /** Glyph id, advance width, pairwise. */
  widths: Int32Array;
}

/**
 * Texts shaped by earlier runs in one face, kept in capa's cache folder (`CAPA_CACHE_DIR`, see yamlCache.ts) so a
 * repeated build or the watch does not shape them again. A file serves only the exact font bytes (their SHA-256),
 * face, fontkit, capa and V8 (the file's serialisation) versions that made it: npm gives a package's files the
 * same date in every version, so a size and date key could serve an updated font the runs of the old one. Any
 * unreadable, corrupt or foreign file is a miss: the file holds the SHA-256 of what follows it, and each run is
 * checked before use.
 */
export class StoredShapes {
  private index = new Map<string, number>();
  private offsets: Uint32Array = new Uint32Array(1);
  private data: Int32Array = new Int32Array(0);
  /** Advance widths of the glyphs of the stored runs (glyph id → font units). */
  readonly widths = new Map<number, number>();

  private constructor(
    private readonly file: string,
    private readonly version: string,
  ) {}

  /** The store of face `face` (`fontBytes` its file), loaded; undefined when the cache is off. */
  static open(face: string, fontBytes: Uint8Array): StoredShapes | undefined {
    const dir = capaCacheDir();
    if (!dir) return undefined;
    const version = `${FORMAT} ${face} font=${bytesDigest(fontBytes)} fontkit@${packageVersion('fontkit/package.json')} capa@${packageVersion('../../package.json')} v8@${process.versions.v8}`;
    const name = createHash('sha256').update(version).digest('hex').slice(0, 32);
    const store = new StoredShapes(path.join(dir, 'shapes', `${name}.bin`), version);
    store.load();
    return store;
  }

  /** The stored run of `text`, or undefined. */
  get(text: string): ShapedRun | undefined {
    const i = this.index.get(text);
    if (i === undefined) return undefined;
    const run = this.data.subarray(this.offsets[i], this.offsets[i + 1]);
    return validRun(run, this.widths) ? run : undefined;
  }

  /**
   * Writes the runs of this process, with the stored ones while the file stays within its limits (past them, only
   * this process's), to a temporary file renamed over the old one: a reader never sees half a file.
   */
  save(runs: Map<string, ShapedRun>, widths: Map<number, number>): void {
    try {
      const texts: string[] = [];
      const parts: Int32Array[] = [];
      let length = 0;
      const add = (text: string, run: ShapedRun) => {
        // Fractional runs (a variable font) are not stored: capa's fonts have none.
        if (!(run instanceof Int32Array)) return;
        texts.push(text);
        parts.push(run);
        length += run.length;
      };
      for (const [text, run] of runs) add(text, run);
      if (this.index.size + runs.size <= MAX_RUNS) {
        for (const [text, i] of this.index) if (!runs.has(text)) add(text, this.data.subarray(this.offsets[i], this.offsets[i + 1]));
      }
      if (texts.length > MAX_RUNS) return;
      const offsets = new Uint32Array(texts.length + 1);
      const data = new Int32Array(length);
      parts.forEach((run, i) => {
        data.set(run, offsets[i]);
        offsets[i + 1] = offsets[i] + run.length;
      });
      const allWidths = new Map([...this.widths, ...widths]);
      const widthPairs = Int32Array.from([...allWidths].flat());
      const payload = serialize({ version: this.version, texts, offsets, data, widths: widthPairs } satisfies Payload);
      if (payload.length + 32 > MAX_FILE_BYTES) return;
      writeSealedCacheFile(this.file, payload);
      pruneCacheFolder(path.dirname(this.file), MAX_FILES);
    } catch {
      // A read-only or full cache folder only means the next run shapes again.
    }
  }

  private load(): void {
    const payload = readSealedCacheFile(this.file, MAX_FILE_BYTES);
    if (!payload) return;
    try {
      const p = deserialize(payload) as Partial<Payload>;
      const { texts, offsets, data, widths } = p;
      if (p.version !== this.version || !Array.isArray(texts) || !(offsets instanceof Uint32Array) || !(data instanceof Int32Array) || !(widths instanceof Int32Array)) return;
      if (offsets.length !== texts.length + 1 || offsets[0] !== 0 || offsets[texts.length] !== data.length || widths.length % 2 !== 0) return;
      for (let i = 0; i < texts.length; i++) if (typeof texts[i] !== 'string' || offsets[i + 1] < offsets[i]) return;
      const index = new Map<string, number>();
      texts.forEach((t, i) => index.set(t, i));
      for (let i = 0; i < widths.length; i += 2) this.widths.set(widths[i], widths[i + 1]);
      this.index = index;
      this.offsets = offsets;
      this.data = data;
    } catch {
      // A file cut short or not ours: shape as if there were none.
      this.widths.clear();
    }
  }
}


