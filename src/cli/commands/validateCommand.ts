import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { toReport } from '../../report/Diagnostic.js';
import { UsageError } from '../../report/CapaError.js';
import { formatDiagnostics, formatSummary } from '../../report/formatDiagnostics.js';
import type { CliContext } from '../CliContext.js';
import { cliMessages as m } from '../cliMessages.js';
import { quote } from '../../report/messages.js';

export interface ValidateOptions {
  dir: string;
  format: 'text' | 'json';
  strict: boolean;
}

/** `capa validate [dir]`: print every problem of the kit; exit 1 when it fails. */
export async function validateCommand(ctx: CliContext, opts: ValidateOptions): Promise<number> {
  const dir = await kitFolder(ctx, opts.dir);
  if (ctx.verbose) ctx.stderr.write(m(ctx.lang, 'kitFolder', { dir }) + '\n');
  const diagnostics = await ctx.deps.validateKit({ dir, lang: ctx.lang });
  const report = toReport(diagnostics, { strict: opts.strict });

  if (opts.format === 'json') {
    // Nothing else goes to stdout, so the output pipes straight into jq or an editor.
    ctx.stdout.write(JSON.stringify(report) + '\n');
    return report.ok ? 0 : 1;
  }

  const sources = new Map<string, string | undefined>();
  const source = (file: string) => {
    if (!sources.has(file)) sources.set(file, readOrUndefined(join(dir, file)));
    return sources.get(file);
  };
  const shared = { lang: ctx.lang, chalk: ctx.chalk, quiet: ctx.quiet, strict: opts.strict };
  const body = formatDiagnostics(report.diagnostics, {
    ...shared,
    source,
    // Relative to where the user stands, so terminals and editors can open file:line:col.
    displayPath: (file) => shownPath(ctx.cwd, join(dir, file)),
  });
  if (body) ctx.stdout.write(body + '\n\n');
  ctx.stdout.write(formatSummary(report.diagnostics, { ...shared, target: shownPath(ctx.cwd, dir) }) + '\n');
  return report.ok ? 0 : 1;
}

/** Relative to the current folder when inside it (shorter, clickable), else absolute. */
function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return basename(abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** The kit folder, absolute; a path that is missing or not a folder is a usage error (exit 2). */
async function kitFolder(ctx: CliContext, dir: string): Promise<string> {
  const abs = resolve(ctx.cwd, dir);
  const info = await stat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (!info) throw new UsageError('usage/no-such-folder', m(ctx.lang, 'noSuchFolder', { dir: quote(ctx.lang, dir) }));
  if (!info.isDirectory()) throw new UsageError('usage/not-a-folder', m(ctx.lang, 'notAFolder', { dir: quote(ctx.lang, dir) }));
  return abs;
}

function readOrUndefined(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined; // no code frame for a file that vanished since the check
  }
}
