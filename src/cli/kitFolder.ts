import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../report/CapaError.js';
import { quote } from '../report/messages.js';
import type { CliContext } from './CliContext.js';
import { cliMessages as m } from './cliMessages.js';

/** The kit folder, absolute; a path that is missing or not a folder is a usage error (exit 2). */
export async function kitFolder(ctx: CliContext, dir: string): Promise<string> {
  const abs = resolve(ctx.cwd, dir);
  const info = await stat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (!info) throw new UsageError('usage/no-such-folder', m(ctx.lang, 'noSuchFolder', { dir: quote(ctx.lang, dir) }));
  if (!info.isDirectory()) throw new UsageError('usage/not-a-folder', m(ctx.lang, 'notAFolder', { dir: quote(ctx.lang, dir) }));
  return abs;
}

/** A path as printed: relative to the current folder when inside it (short, clickable), else absolute. */
export function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return basename(abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}
