import { lstatSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * What makes a folder capa's own, so that a build may replace or remove it without losing anyone's work.
 *
 * A folder is capa's when it holds a `manifest.json` that capa wrote (a `generator` field starting with
 * `capa`, a `files` list of plain file names) and nothing that manifest does not list, every listed file
 * with the size the manifest gives. An unlisted entry or a listed file of another size is someone's work
 * (a web app's `public/` with its own `manifest.json`, a PDF edited in place): the folder is refused. A
 * listed file that is missing is tolerated: nothing is lost by replacing what is not there, and a user
 * who deleted one PDF from dist/ can still rebuild.
 */

export const MANIFEST_JSON = 'manifest.json';

const require = createRequire(import.meta.url);
/** `capa <version>`, written into every manifest: the mark that tells capa's folders from others. */
export const GENERATOR = `capa ${(require('../../package.json') as { version: string }).version}`;

export interface ManifestEntry {
  file: string;
  pages?: number;
  bytes: number;
  sha256: string;
}

/** A plain file name, as capa writes them: no folder, no `..`, nothing hidden. */
const PLAIN_NAME = /^[^/\\.][^/\\]*$/;

/** The entries of a manifest capa wrote in `dir`, or undefined when there is none or it is someone else's. */
export function readCapaManifest(dir: string): ManifestEntry[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, MANIFEST_JSON), 'utf8'));
  } catch {
    return undefined;
  }
  const m = parsed as { generator?: unknown; files?: unknown } | null;
  if (!m || typeof m !== 'object' || typeof m.generator !== 'string' || !/^capa(\s|$)/.test(m.generator) || !Array.isArray(m.files)) return undefined;
  const sound = m.files.every(
    (e: unknown) =>
      !!e &&
      typeof e === 'object' &&
      typeof (e as ManifestEntry).file === 'string' &&
      PLAIN_NAME.test((e as ManifestEntry).file) &&
      (e as ManifestEntry).file !== MANIFEST_JSON &&
      Number.isInteger((e as ManifestEntry).bytes) &&
      typeof (e as ManifestEntry).sha256 === 'string',
  );
  return sound ? (m.files as ManifestEntry[]) : undefined;
}

/**
 * Why `dir` is not capa's to replace: the first entry capa did not write (or `manifest.json` itself when
 * it is not capa's), or undefined when it is capa's, empty or absent. `complete: false` accepts listed
 * files of any size (a staging folder whose last file was cut short by a kill).
 */
export function foreignEntry(dir: string, opts: { complete?: boolean } = {}): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (entries.length === 0) return undefined;
  const manifest = readCapaManifest(dir);
  if (!manifest && opts.complete === false && entries.length === 1 && entries[0] === MANIFEST_JSON && manifestBeingWritten(dir)) return undefined;
  // No manifest at all: name what is there, the user recognises their own file better.
  if (!manifest) return entries.includes(MANIFEST_JSON) ? MANIFEST_JSON : entries[0];
  const listed = new Map(manifest.map((e) => [e.file, e.bytes]));
  for (const name of entries) {
    if (name === MANIFEST_JSON) continue;
    const bytes = listed.get(name);
    if (bytes === undefined) return name;
    const stats = lstatSync(path.join(dir, name));
    if (!stats.isFile()) return name;
    if (opts.complete !== false && stats.size !== bytes) return name;
  }
  return undefined;
}

/** How every manifest capa writes begins (`generator` is its first key). */
const MANIFEST_START = '{\n  "generator": "capa';

/** A staging folder killed while its manifest was being written holds a cut-short copy of capa's manifest. */
function manifestBeingWritten(dir: string): boolean {
  try {
    const text = readFileSync(path.join(dir, MANIFEST_JSON), 'utf8');
    return text.length < 64 * 1024 && (MANIFEST_START.startsWith(text) || text.startsWith(MANIFEST_START));
  } catch {
    return false;
  }
}

/**
 * Remove a folder of capa's: its listed files first, the manifest last, then the folder, so a kill at
 * any moment leaves a folder still recognisable as capa's (or empty). Returns false, touching nothing,
 * when the folder holds anything capa did not write.
 */
export function removeCapaFolder(dir: string): boolean {
  if (foreignEntry(dir, { complete: false }) !== undefined) return false;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return true;
  }
  for (const name of entries) if (name !== MANIFEST_JSON) unlinkSync(path.join(dir, name));
  if (entries.includes(MANIFEST_JSON)) unlinkSync(path.join(dir, MANIFEST_JSON));
  rmdirSync(dir);
  return true;
}

/** Staging folders are `.<out>-capa-<pid>-<random>`, the previous build moved aside `…-old`. */
export function stagingPattern(outDir: string): RegExp {
  const base = path.basename(path.resolve(outDir)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${base}-capa-(\\d+)-[0-9a-f]{12}(-old)?$`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finish what a build killed mid-write left beside `outDir` (kill -9, power cut): when the output folder
 * is missing and the previous build was moved aside, put it back; then remove the staging and moved-aside
 * folders of builds whose process is gone. Only folders named like capa's staging AND holding capa's
 * manifest (or nothing) are touched; a build still running (its pid alive) is left alone.
 */
export function recoverInterrupted(outDir: string): void {
  const parent = path.dirname(outDir);
  const pattern = stagingPattern(outDir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const leftovers = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((l): l is { name: string; match: RegExpExecArray } => l.match !== null && !alive(Number(l.match[1])))
    .map((l) => ({ abs: path.join(parent, l.name), old: l.match[2] !== undefined }))
    .filter((l) => isFolder(l.abs) && foreignEntry(l.abs, { complete: l.old }) === undefined);
  if (!exists(outDir)) {
    // The newest previous build moved aside is the one the interrupted build was replacing.
    const olds = leftovers.filter((l) => l.old && readCapaManifest(l.abs)).sort((a, b) => statSync(b.abs).mtimeMs - statSync(a.abs).mtimeMs);
    if (olds[0]) {
      renameSync(olds[0].abs, outDir);
      olds[0].abs = '';
    }
  }
  for (const l of leftovers) if (l.abs) removeCapaFolder(l.abs);
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function isFolder(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}
