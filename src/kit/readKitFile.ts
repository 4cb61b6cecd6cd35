import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { defineMessages, type Lang } from '../report/messages.js';
import { isInside } from './isInside.js';

const msg = defineMessages({
  fr: {
    outside: (p) => `${p.file} est un lien vers un fichier hors du dossier du kit : capa ne lit que les fichiers du kit (remplacez le lien par le fichier lui-même)`,
    notAFile: (p) => `${p.file} n’est pas un fichier ordinaire (tube, périphérique ou dossier) : capa ne le lit pas`,
    tooLarge: (p) => `${p.file} fait ${p.size} Mo ; capa refuse les fichiers YAML de plus de ${p.max} Mo`,
    EACCES: (p) => `impossible de lire ${p.file} : permission refusée (vérifiez les droits du fichier, par exemple chmod a+r)`,
    ENOENT: (p) => `impossible de lire ${p.file} : le fichier n’existe pas (un lien vers un fichier absent ?)`,
    ELOOP: (p) => `impossible de lire ${p.file} : boucle de liens symboliques`,
    other: (p) => `impossible de lire ${p.file} : ${p.reason}`,
  },
  en: {
    outside: (p) => `${p.file} is a link to a file outside the kit folder: capa only reads the kit’s own files (replace the link with the file itself)`,
    notAFile: (p) => `${p.file} is not a regular file (a pipe, a device or a folder): capa does not read it`,
    tooLarge: (p) => `${p.file} is ${p.size} MB; capa refuses YAML files over ${p.max} MB`,
    EACCES: (p) => `cannot read ${p.file}: permission denied (check the file’s permissions, e.g. chmod a+r)`,
    ENOENT: (p) => `cannot read ${p.file}: the file does not exist (a link to a missing file?)`,
    ELOOP: (p) => `cannot read ${p.file}: symbolic link loop`,
    other: (p) => `cannot read ${p.file}: ${p.reason}`,
  },
});

/** Why a kit file was not read: a diagnostic code and message that show nothing of the file's content. */
export interface ReadFailure {
  code: 'kit/outside' | 'kit/not-a-file' | 'kit/file-too-large' | 'kit/unreadable';
  message: string;
}

/** Megabytes, with at most one decimal. */
export const megabytes = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');

/**
 * The size of a kit file, checked before anything is read: it must resolve (links followed) inside
 * `realRoot`, and be a regular file. Nothing is opened, so a pipe cannot block.
 */
export function statKitFile(opts: { abs: string; file: string; realRoot: string; lang: Lang }): { real: string; size: number } | { failure: ReadFailure } {
  const { file, lang } = opts;
  try {
    const real = realpathSync(opts.abs);
    if (!isInside(opts.realRoot, real)) return { failure: { code: 'kit/outside', message: msg(lang, 'outside', { file }) } };
    return { real, size: statOf(real) };
  } catch (err) {
    return { failure: failureOf(err, file, lang) };
  }
}

/**
 * The bytes of a kit file (after `statKitFile`), at most `maxBytes`. Opened without blocking and checked
 * again once open (the file may have been swapped for a pipe or grown since it was stat'ed).
 */
export function readKitFile(opts: { real: string; file: string; maxBytes: number; lang: Lang }): { bytes: Buffer } | { failure: ReadFailure } {
  const { file, lang } = opts;
  let fd: number;
  try {
    fd = openSync(opts.real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { failure: failureOf(err, file, lang) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { failure: { code: 'kit/not-a-file', message: msg(lang, 'notAFile', { file }) } };
    if (stats.size > opts.maxBytes) return { failure: tooLarge(file, stats.size, opts.maxBytes, lang) };
    const bytes = Buffer.allocUnsafe(stats.size);
    let at = 0;
    while (at < bytes.length) {
      const read = readSync(fd, bytes, at, bytes.length - at, at);
      if (read === 0) break;
      at += read;
    }
    return { bytes: at === bytes.length ? bytes : bytes.subarray(0, at) };
  } catch (err) {
    return { failure: failureOf(err, file, lang) };
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(file: string, size: number, max: number, lang: Lang): ReadFailure {
  return { code: 'kit/file-too-large', message: msg(lang, 'tooLarge', { file, size: megabytes(size), max: megabytes(max) }) };
}

/** The size of a regular file; throws a `NOT_A_FILE` error for anything else (stat, not open: opening a pipe blocks). */
function statOf(real: string): number {
  const stats = statSync(real);
  if (!stats.isFile()) throw Object.assign(new Error('not a file'), { code: 'NOT_A_FILE' });
  return stats.size;
}

function failureOf(err: unknown, file: string, lang: Lang): ReadFailure {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'NOT_A_FILE') return { code: 'kit/not-a-file', message: msg(lang, 'notAFile', { file }) };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'kit/unreadable', message: msg(lang, 'EACCES', { file }) };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: 'kit/unreadable', message: msg(lang, 'ENOENT', { file }) };
  if (code === 'ELOOP') return { code: 'kit/unreadable', message: msg(lang, 'ELOOP', { file }) };
  return { code: 'kit/unreadable', message: msg(lang, 'other', { file, reason: code ?? String((err as Error)?.message ?? err) }) };
}
