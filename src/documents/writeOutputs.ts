import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CapaError } from '../report/CapaError.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { makeFolder } from './makeFolder.js';
import { FileSink, isWriteError, type WrittenBytes } from './FileSink.js';
import { foreignEntry, GENERATOR, MANIFEST_JSON, readCapaManifest, recoverInterrupted, removeCapaFolder, type ManifestEntry } from './capaFolder.js';
import { compareText } from '../compareText.js';
import { bytesDigest } from '../kit/bytesDigest.js';

export { MANIFEST_JSON, type ManifestEntry } from './capaFolder.js';

/** One output file, in memory, ready to be written. */
export interface OutputFile {
  /** File name inside the output folder, e.g. `programme.pdf`. */
  file: string;
  content: Buffer;
  /** Pages, for PDFs. */
  pages?: number;
}

/** One output file already written into the staging folder while it was made (`Staging.sink`). */
export interface StreamedFile extends WrittenBytes {
  file: string;
  pages?: number;
}

/** What a build hands to the writer: files in memory, or already streamed to the staging folder. */
export type MadeFile = OutputFile | StreamedFile;

/** Prefix of the staging folder beside the output folder: `.dist-capa-<pid>-<random>` for `dist`. */
export function stagingPrefix(outDir: string): string {
  return `.${path.basename(path.resolve(outDir))}-capa-`;
}

const msg = defineMessages({
  fr: {
    notWritable: (p) => `impossible d’écrire dans ${quote('fr', p.dir)} (${p.reason}) : donnez les droits d’écriture sur ce dossier ou choisissez-en un autre avec --out ; ${p.kept}`,
    diskFull: (p) => `le disque est plein : ${quote('fr', p.dir)} n’a pas pu être écrit (${p.reason}) ; libérez de la place puis relancez capa build ; ${p.kept}`,
    notAFolder: (p) => `${quote('fr', p.dir)} existe mais n’est pas un dossier : choisissez un autre dossier de sortie avec --out`,
    interrupted: (p) => `construction interrompue (${p.signal}) : ${p.kept}`,
    readOnly: (p) => `impossible d’écrire dans ${quote('fr', p.dir)} : le disque est monté en lecture seule (${p.reason}) ; choisissez avec --out un dossier sur un disque où l’on peut écrire ; ${p.kept}`,
    fileTooLarge: (p) => `${quote('fr', p.dir)} n’a pas pu être écrit : un fichier dépasse la taille maximale que le système permet à capa (${p.reason}, limite « ulimit -f ») ; relevez cette limite puis relancez capa build ; ${p.kept}`,
    cannotCreate: (p) => `impossible de créer ${quote('fr', p.dir)} (${p.reason}) : ce dossier (ou son parent) ne peut pas être créé à cet endroit ; choisissez un dossier de sortie sur un disque où vous pouvez écrire ; ${p.kept}`,
    notCapa: (p) => `${quote('fr', p.dir)} contient ${quote('fr', p.file)}, que capa n’a pas écrit : capa ne remplace que ses propres dossiers de sortie ; rien n’a été touché`,
    keptPrevious: 'le dossier de sortie précédent est resté tel quel',
    keptNothing: 'rien n’a été écrit',
  },
  en: {
    notWritable: (p) => `cannot write to ${quote('en', p.dir)} (${p.reason}): give write permission on this folder or choose another one with --out; ${p.kept}`,
    diskFull: (p) => `the disk is full: ${quote('en', p.dir)} could not be written (${p.reason}); free some space, then run capa build again; ${p.kept}`,
    notAFolder: (p) => `${quote('en', p.dir)} exists but is not a folder: choose another output folder with --out`,
    interrupted: (p) => `build interrupted (${p.signal}): ${p.kept}`,
    readOnly: (p) => `cannot write to ${quote('en', p.dir)}: the disk is mounted read-only (${p.reason}); choose with --out a folder on a writable disk; ${p.kept}`,
    fileTooLarge: (p) => `${quote('en', p.dir)} could not be written: a file exceeds the largest size the system allows capa (${p.reason}, the “ulimit -f” limit); raise that limit, then run capa build again; ${p.kept}`,
    cannotCreate: (p) => `cannot create ${quote('en', p.dir)} (${p.reason}): this folder (or its parent) cannot be made there; choose an output folder on a disk you can write to; ${p.kept}`,
    notCapa: (p) => `${quote('en', p.dir)} holds ${quote('en', p.file)}, which capa did not write: capa only replaces its own output folders; nothing was touched`,
    keptPrevious: 'the previous output folder was left as it was',
    keptNothing: 'nothing was written',
  },
});

/** The manifest of a set of outputs: every file with its pages, size and sha256, sorted by name. */
export function manifestOf(files: MadeFile[]): ManifestEntry[] {
  return [...files]
    .sort((a, b) => compareText(a.file, b.file))
    .map((f) => ({
      file: f.file,
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
      bytes: 'content' in f ? f.content.length : f.bytes,
      sha256: 'content' in f ? bytesDigest(f.content) : f.sha256,
    }));
}

/**
 * The final manifest is written under this name, which the staging manifest lists, then renamed over it: at no
 * moment does a kill leave a staging folder that capa would not recognise as its own (see capaFolder.ts).
 */
const NEXT_MANIFEST = 'manifest.json.next';

/** The text of `manifest.json`: `generator` marks the folder as capa's (see capaFolder.ts), `files` lists it. */
export function manifestText(entries: ManifestEntry[]): string {
  return JSON.stringify({ generator: GENERATOR, files: entries }, null, 2) + '\n';
}

export interface StagingOptions {
  outDir: string;
  /** Names of the files the build will write (its documents), listed by the staging folder's first manifest. */
  files: string[];
  /** Carry over files of the previous build that were not rebuilt (a `--only` build). */
  keepOthers?: boolean;
  /** Language of the error messages. */
  lang?: Lang;
  /** Stops the write before the output folder is replaced; the staging folder is removed. */
  signal?: AbortSignal;
  /** Writes one file; tests replace it to simulate a full disk. Default: `fs.promises.writeFile`. */
  writeFile?: (abs: string, content: Buffer | string) => Promise<void>;
}

export interface WriteOutputsOptions extends Omit<StagingOptions, 'files'> {
  files: OutputFile[];
}

/** A write in progress: what to undo if the process is told to stop right now. */
interface PendingWrite {
  outDir: string;
  staging: string;
  previous: string;
}
const pending = new Set<PendingWrite>();

/**
 * Write outputs all-or-nothing (`openStaging`, then `commit`): everything goes to a staging folder beside
 * `outDir`, which then replaces `outDir` in one rename. With `keepOthers`, files of the previous build that were
 * not rebuilt (a `--only` build) are carried over and stay in the manifest. A failure leaves `outDir` as it was
 * and no staging folder behind; file-system failures a user can fix are CapaErrors
 * (`build/not-writable`, `build/disk-full`, `build/file-too-large`, `build/out-not-folder`,
 * `build/out-not-capa`, `build/interrupted`).
 *
 * Only a folder of capa's own is replaced (capaFolder.ts). What a killed build left (a previous build
 * moved aside, staging folders) is recovered first. The new folder keeps the mode of the one it replaces;
 * a first one gets the mode `mkdir` gives (0777 less the umask).
 */
export async function writeOutputs(opts: WriteOutputsOptions): Promise<ManifestEntry[]> {
  const staging = await openStaging({ ...opts, files: opts.files.map((f) => f.file) });
  return staging.commit(opts.files);
}

/**
 * Opens the staging folder of a build before its documents are made, so that they are written there as they are
 * drawn (`sink`) instead of being held in memory; `commit` then puts it in place of `outDir`, `abandon` removes it.
 * Its first manifest lists every file the build may write, so a folder left by a killed build is recognised as
 * capa's and removed by the next build.
 */
export async function openStaging(opts: StagingOptions): Promise<Staging> {
  const lang = opts.lang ?? 'fr';
  const outDir = path.resolve(opts.outDir);
  const parent = path.dirname(outDir);
  let kept = msg(lang, existsSync(outDir) ? 'keptPrevious' : 'keptNothing');
  let staging: string;
  let mode: number | undefined;
  try {
    await makeFolder(parent);
    recoverInterrupted(outDir);
    const hadPrevious = existsSync(outDir);
    kept = msg(lang, hadPrevious ? 'keptPrevious' : 'keptNothing');
    if (hadPrevious) {
      const stats = await stat(outDir);
      if (!stats.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      const foreign = foreignEntry(outDir);
      if (foreign !== undefined) throw new CapaError('build/out-not-capa', msg(lang, 'notCapa', { dir: outDir, file: foreign }));
      mode = stats.mode & 0o7777;
    }
    staging = await makeStaging(outDir);
  } catch (err) {
    throw err instanceof CapaError ? err : fileSystemError(err, { lang, dir: outDir, kept, creating: true });
  }
  const job: PendingWrite = { outDir, staging, previous: `${staging}-old` };
  pending.add(job);
  const s = new Staging({ ...opts, lang, outDir, job, mode, kept });
  await s.start();
  return s;
}

/** A staging folder being filled (see `openStaging`). */
export class Staging {
  readonly dir: string;
  private readonly sinks = new Set<FileSink>();
  private readonly write: (abs: string, content: Buffer | string) => Promise<void>;
  private readonly carried: ManifestEntry[];

  constructor(private readonly o: StagingOptions & { lang: Lang; job: PendingWrite; mode?: number; kept: string }) {
    this.dir = o.job.staging;
    this.write = o.writeFile ?? ((abs: string, content: Buffer | string) => writeFile(abs, content));
    const planned = new Set(o.files);
    this.carried = o.keepOthers ? (readCapaManifest(o.outDir) ?? []).filter((e) => !planned.has(e.file) && existsSync(path.join(o.outDir, e.file))) : [];
  }

  /** The manifest first: from then on the staging folder is recognisably capa's, should this process be killed. */
  async start(): Promise<void> {
    const names = [...this.carried.map((e) => e.file), ...this.o.files, NEXT_MANIFEST];
    const listed = names.map((file) => ({ file, bytes: 0, sha256: '' }));
    await this.guard(() => this.write(path.join(this.dir, MANIFEST_JSON), manifestText(listed)));
  }

  /** A file of the staging folder to write as its bytes come (one of the planned `files`). */
  sink(file: string): FileSink {
    const sink = new FileSink(path.join(this.dir, file));
    this.sinks.add(sink);
    return sink;
  }

  /** Writes what is still in memory and the manifest, then replaces the output folder; `files` are the build's. */
  async commit(files: MadeFile[]): Promise<ManifestEntry[]> {
    const { outDir, job, signal } = this.o;
    const stopIfAborted = () => {
      if (signal?.aborted) throw interrupted(signal, this.o.lang, this.o.kept);
    };
    return this.guard(async () => {
      for (const sink of this.sinks) sink.abort();
      const manifest = [...this.carried, ...manifestOf(files)].sort((a, b) => compareText(a.file, b.file));
      for (const e of this.carried) await copyFile(path.join(outDir, e.file), path.join(this.dir, e.file));
      for (const f of files) {
        stopIfAborted();
        if ('content' in f) await this.write(path.join(this.dir, f.file), f.content);
      }
      await this.write(path.join(this.dir, NEXT_MANIFEST), manifestText(manifest));
      await rename(path.join(this.dir, NEXT_MANIFEST), path.join(this.dir, MANIFEST_JSON));
      if (this.o.mode !== undefined) await chmod(this.dir, this.o.mode);
      stopIfAborted();
      if (existsSync(outDir)) await rename(outDir, job.previous);
      await rename(this.dir, outDir);
      if (!removeCapaFolder(job.previous)) await rm(job.previous, { recursive: true, force: true });
      pending.delete(job);
      return manifest;
    });
  }

  /**
   * Removes the staging folder (the build failed or was stopped) and returns the error to report: a failure to
   * write an output (a full disk while a PDF was streamed) as the CapaError a user can act on.
   */
  async abandon(err?: unknown): Promise<unknown> {
    for (const sink of this.sinks) {
      try {
        sink.abort();
      } catch {
        // The folder is removed below; a descriptor that would not close changes nothing for the user.
      }
    }
    await rm(this.dir, { recursive: true, force: true });
    pending.delete(this.o.job);
    return isWriteError(err) ? fileSystemError(err, { lang: this.o.lang, dir: this.o.outDir, kept: this.o.kept }) : err;
  }

  /** Runs a step of the write; on failure the previous output is put back, staging removed, the error explained. */
  private async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      const { outDir, job } = this.o;
      if (!existsSync(outDir) && existsSync(job.previous)) await rename(job.previous, outDir);
      await this.abandon();
      throw err instanceof CapaError ? err : fileSystemError(err, { lang: this.o.lang, dir: outDir, kept: this.o.kept });
    }
  }
}

/**
 * A new staging folder `.<out>-capa-<pid>-<random>`: the pid tells a later build whether its writer is still
 * running. Made with `mkdir`, not `mkdtemp` (always 0700), so it gets the user's umask.
 */
async function makeStaging(outDir: string): Promise<string> {
  for (;;) {
    const candidate = path.join(path.dirname(outDir), `${stagingPrefix(outDir)}${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(candidate, { mode: 0o777 });
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
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
function fileSystemError(err: unknown, o: { lang: Lang; dir: string; kept: string; creating?: boolean }): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const params = { dir: o.dir, reason: code ?? '', kept: o.kept };
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CapaError('build/disk-full', msg(o.lang, 'diskFull', params), { cause: err });
  if (code === 'EFBIG') return new CapaError('build/file-too-large', msg(o.lang, 'fileTooLarge', params), { cause: err });
  if (code === 'EROFS') return new CapaError('build/not-writable', msg(o.lang, 'readOnly', params), { cause: err });
  if (code === 'EACCES' || code === 'EPERM') return new CapaError('build/not-writable', msg(o.lang, 'notWritable', params), { cause: err });
  if (code === 'ENOTDIR' || code === 'EEXIST') return new CapaError('build/out-not-folder', msg(o.lang, 'notAFolder', { ...params, dir: (err as NodeJS.ErrnoException).path ?? o.dir }), { cause: err });
  // /proc/nope: the parent cannot be made (ENOENT from a file system that refuses new entries).
  if (o.creating && code === 'ENOENT') return new CapaError('build/not-writable', msg(o.lang, 'cannotCreate', params), { cause: err });
  return err;
}
