import { lstatSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { MANIFEST_FILE } from '../defaults.js';
import { CapaError, UsageError } from '../report/CapaError.js';
import { quote } from '../report/messages.js';
import type { CliContext } from './CliContext.js';
import { cliMessages as m } from './cliMessages.js';

/**
 * The kit folder, absolute, from what the user typed: the kit folder, its `capa.yaml`, or any folder
 * inside the kit — capa walks up to the first folder holding a `capa.yaml`, as git finds its
 * repository. The walk stops at the root of a git repository (a folder holding `.git`, checked
 * itself first) or of the file system, so a kit is never taken from outside the repository the user
 * works in. A missing path, a file that is not a `capa.yaml`, and a folder with no kit are all wrong
 * usage (exit 2): the command was pointed at the wrong place, and the message says where it looked.
 */
export async function kitFolder(ctx: CliContext, dir: string): Promise<string> {
  const abs = resolve(ctx.cwd, dir);
  // A folder the user may not enter is the machine's state, not a bug of capa: named, exit 1.
  const denied = (err: NodeJS.ErrnoException, shown: string) =>
    err.code === 'EACCES' || err.code === 'EPERM' ? new CapaError('kit/unreadable', m(ctx.lang, 'noAccess', { dir: quote(ctx.lang, shown), reason: err.code }), { cause: err }) : err;
  // Synchronous: a few stats, each of which would otherwise wait for a turn of the thread pool (~10 ms on a busy machine).
  let info: Stats | undefined;
  try {
    info = statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw denied(err as NodeJS.ErrnoException, dir);
  }
  if (!info) throw new UsageError('usage/no-such-folder', m(ctx.lang, 'noSuchFolder', { dir: quote(ctx.lang, dir) }));
  if (!info.isDirectory()) {
    if (basename(abs) === MANIFEST_FILE) return dirname(abs);
    throw new UsageError('usage/not-a-folder', m(ctx.lang, 'notAFolder', { dir: quote(ctx.lang, dir) }));
  }
  for (let d = abs; ; d = dirname(d)) {
    // lstat: a capa.yaml that is a broken link or a folder is still this kit's manifest, reported by the check.
    if (await exists(join(d, MANIFEST_FILE), (err) => denied(err, d === abs ? dir : d))) return d;
    if ((await exists(join(d, '.git'))) || dirname(d) === d) break;
  }
  throw new UsageError('usage/no-kit', m(ctx.lang, 'noKit', { dir: quote(ctx.lang, dir) }));
}

/** Whether `path` exists; `denied` turns a permission refusal into the error to throw (else: absent). */
async function exists(path: string, denied?: (err: NodeJS.ErrnoException) => unknown): Promise<boolean> {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    const refused = denied?.(err as NodeJS.ErrnoException);
    if (refused !== undefined && refused !== err) throw refused;
    return false;
  }
}

/**
 * The root of the git repository holding `abs` (the nearest folder with a `.git`), or undefined.
 * Forges match annotations against paths relative to it, whatever folder the job runs in.
 */
export async function repositoryRoot(abs: string): Promise<string | undefined> {
  for (let d = abs; ; d = dirname(d)) {
    if (await exists(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** A path as printed: relative to the current folder when inside it (short, clickable), else absolute. */
export function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return basename(abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}
