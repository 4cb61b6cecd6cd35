import type { Document, LineCounter } from 'yaml';
import type { Diagnostic, Location } from '../report/Diagnostic.js';

/** A path into the merged kit data, e.g. `['sessions', 0, 'host']`. */
export type DataPath = Array<string | number>;

/**
 * One YAML file of the kit, parsed with positions. For a file whose data came from the parse cache,
 * `text`, `doc` and `lineCounter` are made on first use (see kit/yamlCache.ts).
 */
export interface SourceFile {
  /** Relative to the kit folder, with `/` separators (what diagnostics print). */
  file: string;
  /** Absolute path on disk. */
  abs: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** The kit as read from disk: every file, the merged data, and a way back from data to source. */
export interface LoadedKit {
  /** Absolute path of the kit folder (where `capa.yaml` is). */
  dir: string;
  files: SourceFile[];
  /** Top-level keys of every file merged (lists concatenated) — plain JS, what the schema checks. */
  data: Record<string, unknown>;
  /**
   * Where a value of the merged data was written. `key: true` points at the mapping key
   * instead of its value (for unknown keys). Falls back to the nearest existing parent.
   */
  locate(path: DataPath, opts?: { key?: boolean }): Location;
  /** Problems met while loading (YAML syntax, includes, merge conflicts). */
  diagnostics: Diagnostic[];
  /** With `loadKit({ digests: true })`: each file whose data was merged, with its data's `dataDigest`, in reading order. */
  parts?: KitPart[];
}

/** A file whose data went into the kit, and the digest of that data as read (before merging). */
export interface KitPart {
  file: string;
  abs: string;
  digest: string | undefined;
}

/** `['sessions', 0, 'host']` → `/sessions/0/host` (JSON pointer, as in ajv's instancePath). */
export function toPointer(path: DataPath): string {
  return path.length === 0
    ? ''
    : '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** `/sessions/0/host` → `['sessions', 0, 'host']`. */
export function fromPointer(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
