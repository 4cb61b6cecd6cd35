import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CapaError } from '../report/CapaError.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';

/** One output file, in memory, ready to be written. */
export interface OutputFile {
  /** File name inside the output folder, e.g. `programme.pdf`. */
  file: string;
  content: Buffer;
  /** Pages, for PDFs. */
  pages?: number;
}

/** One line of `dist/manifest.json`. */
export interface ManifestEntry {
  file: string;
  pages?: number;
  bytes: number;
  sha256: string;
}

export const MANIFEST_JSON = 'manifest.json';

/** Prefix of the staging folder beside the output folder: `.dist-capa-XXXXXX` for `dist`. */
export function stagingPrefix(outDir: string): string {
  return `.${path.basename(path.resolve(outDir))}-capa-`;
}

const msg = defineMessages({
  fr: {
    notWritable: (p) => `impossible d’écrire dans ${quote('fr', p.dir)} (${p.reason}) : donnez les droits d’écriture sur ce dossier ou choisissez-en un autre avec --out ; ${p.kept}`,
    diskFull: (p) => `le disque est plein : ${quote('fr', p.dir)} n’a pas pu être écrit (${p.reason}) ; libérez de la place puis relancez capa build ; ${p.kept}`,
    notAFolder: (p) => `${quote('fr', p.dir)} existe mais n’est pas un dossier : choisissez un autre dossier de sortie avec --out`,
    interrupted: (p) => `construction interrompue (${p.signal}) : ${p.kept}`,
    keptPrevious: 'le dossier de sortie précédent est resté tel quel',
    keptNothing: 'rien n’a été écrit',
  },
  en: {
    notWritable: (p) => `cannot write to ${quote('en', p.dir)} (${p.reason}): give write permission on this folder or choose another one with --out; ${p.kept}`,
    diskFull: (p) => `the disk is full: ${quote('en', p.dir)} could not be written (${p.reason}); free some space, then run capa build again; ${p.kept}`,
    notAFolder: (p) => `${quote('en', p.dir)} exists but is not a folder: choose another output folder with --out`,
    interrupted: (p) => `build interrupted (${p.signal}): ${p.kept}`,
    keptPrevious: 'the previous output folder was left as it was',
    keptNothing: 'nothing was written',
  },
});

/** The manifest of a set of outputs: every file with its pages, size and sha256, sorted by name. */
export function manifestOf(files: OutputFile[]): ManifestEntry[] {
  return [...files]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((f) => ({
      file: f.file,
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
      bytes: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
    }));
}

export interface WriteOutputsOptions {
  outDir: string;
  files: OutputFile[];
  /** Carry over files of the previous build that were not rebuilt (a `--only` build). */
  keepOthers?: boolean;
  /** Language of the error messages. */
  lang?: Lang;
  /** Stops the write before the output folder is replaced; the staging folder is removed. */
  signal?: AbortSignal;
  /** Writes one file; tests replace it to simulate a full disk. Default: `fs.promises.writeFile`. */
  writeFile?: (abs: string, content: Buffer | string) => Promise<void>;
}

/** A write in progress: what to undo if the process is told to stop right now. */
interface PendingWrite {
  outDir: string;
  staging: string;
  previous: string;
}
const pending = new Set<PendingWrite>();

/**
 * Write outputs all-or-nothing: everything goes to a temporary folder beside `outDir`, which then
 * replaces `outDir` in one rename. With `keepOthers`, files of the previous build that were not rebuilt
 * (a `--only` build) are carried over and stay in the manifest. A failure leaves `outDir` as it was
 * and no temporary folder behind; file-system failures a user can fix are CapaErrors
 * (`build/not-writable`, `build/disk-full`, `build/out-not-folder`, `build/interrupted`).
 */
export async function writeOutputs(opts: WriteOutputsOptions): Promise<ManifestEntry[]> {
  const lang = opts.lang ?? 'fr';
  const outDir = path.resolve(opts.outDir);
  const parent = path.dirname(outDir);
  const write = opts.writeFile ?? ((abs: string, content: Buffer | string) => writeFile(abs, content));
  const hadPrevious = existsSync(outDir);
  const kept = msg(lang, hadPrevious ? 'keptPrevious' : 'keptNothing');
  let staging: string;
  try {
    await mkdir(parent, { recursive: true });
    staging = await mkdtemp(path.join(parent, stagingPrefix(outDir)));
  } catch (err) {
    throw fileSystemError(err, { lang, dir: outDir, kept });
  }
  const job: PendingWrite = { outDir, staging, previous: `${staging}-old` };
  pending.add(job);
  const stopIfAborted = () => {
    if (opts.signal?.aborted) throw interrupted(opts.signal, lang, kept);
  };
  try {
    let manifest = manifestOf(opts.files);
    if (opts.keepOthers && hadPrevious) {
      await cp(outDir, staging, { recursive: true });
      const built = new Set(opts.files.map((f) => f.file));
      const old = await readManifest(outDir);
      manifest = [...old.filter((e) => !built.has(e.file) && existsSync(path.join(outDir, e.file))), ...manifest]
        .sort((a, b) => a.file.localeCompare(b.file));
    }
    for (const f of opts.files) {
      stopIfAborted();
      await write(path.join(staging, f.file), f.content);
    }
    await write(path.join(staging, MANIFEST_JSON), JSON.stringify({ files: manifest }, null, 2) + '\n');
    stopIfAborted();
    if (existsSync(outDir)) await rename(outDir, job.previous);
    await rename(staging, outDir);
    await rm(job.previous, { recursive: true, force: true });
    return manifest;
  } catch (err) {
    if (!existsSync(outDir) && existsSync(job.previous)) await rename(job.previous, outDir);
    await rm(staging, { recursive: true, force: true });
    throw err instanceof CapaError ? err : fileSystemError(err, { lang, dir: outDir, kept });
  } finally {
    pending.delete(job);
  }
}

/**
 * Undo every write in progress, synchronously: for a signal handler that is about to end the
 * process. The previous output folder is put back when it had been moved aside, staging removed.
 */
export function abandonPendingWrites(): void {
  for (const job of pending) {
    try {
      if (!existsSync(job.outDir) && existsSync(job.previous)) renameSync(job.previous, job.outDir);
      rmSync(job.staging, { recursive: true, force: true });
      // The new folder was already in place: the build had finished, only the old copy remains.
      rmSync(job.previous, { recursive: true, force: true });
    } catch {
      // Best effort while the process is being stopped; nothing else can be done here.
    }
  }
  pending.clear();
}

/** The error for a build stopped by `signal` (its reason names the signal: `SIGINT`, `SIGTERM`). */
export function interrupted(signal: AbortSignal, lang: Lang, kept: string): CapaError {
  const name = typeof signal.reason === 'string' ? signal.reason : 'abort';
  return new CapaError('build/interrupted', msg(lang, 'interrupted', { signal: name, kept }), { exitCode: name === 'SIGTERM' ? 143 : 130 });
}

/** The sentence for an interrupted build before anything was written. */
export function interruptedBeforeWriting(signal: AbortSignal, lang: Lang): CapaError {
  return interrupted(signal, lang, msg(lang, 'keptPrevious'));
}

/** A file-system failure the user can fix, as a CapaError; anything else is rethrown as it is. */
function fileSystemError(err: unknown, o: { lang: Lang; dir: string; kept: string }): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const params = { dir: o.dir, reason: code ?? '', kept: o.kept };
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CapaError('build/disk-full', msg(o.lang, 'diskFull', params), { cause: err });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new CapaError('build/not-writable', msg(o.lang, 'notWritable', params), { cause: err });
  if (code === 'ENOTDIR' || code === 'EEXIST') return new CapaError('build/out-not-folder', msg(o.lang, 'notAFolder', params), { cause: err });
  return err;
}

async function readManifest(outDir: string): Promise<ManifestEntry[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, MANIFEST_JSON), 'utf8')) as { files?: ManifestEntry[] };
    return Array.isArray(parsed.files) ? parsed.files : [];
  } catch {
    return [];
  }
}
