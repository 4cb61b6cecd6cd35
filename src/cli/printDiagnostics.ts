import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinTemplateAbs, builtinTemplatePath } from '../render/shownTemplateFile.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { formatDiagnostics } from '../report/formatDiagnostics.js';
import type { CliContext } from './CliContext.js';
import { shownPath } from './kitFolder.js';

/** Print a kit's diagnostics (with code frames read from the kit files) and a blank line, if any. */
export function printDiagnostics(ctx: CliContext, opts: { dir: string; diagnostics: Diagnostic[]; strict?: boolean; quiet?: boolean }): void {
  const sources = new Map<string, string | undefined>();
  const source = (file: string) => {
    // A built-in template is read from capa's own folder, never from the kit.
    if (!sources.has(file)) sources.set(file, readOrUndefined(builtinTemplateAbs(file) ?? join(opts.dir, file)));
    return sources.get(file);
  };
  const body = formatDiagnostics(opts.diagnostics, {
    lang: ctx.lang,
    chalk: ctx.chalk,
    quiet: opts.quiet ?? ctx.quiet,
    strict: opts.strict,
    source,
    // Relative to where the user stands, so terminals and editors can open file:line:col.
    displayPath: (file) => (builtinTemplatePath(file) ? file : shownPath(ctx.cwd, join(opts.dir, file))),
    width: ctx.columns,
  });
  if (body) ctx.stderr.write(body + '\n\n');
}

function readOrUndefined(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined; // no code frame for a file that vanished since the check
  }
}
