import { toReport } from '../../report/Diagnostic.js';
import { formatSummary } from '../../report/formatDiagnostics.js';
import type { CliContext } from '../CliContext.js';
import { cliMessages as m } from '../cliMessages.js';
import { kitFolder, shownPath } from '../kitFolder.js';
import { printDiagnostics } from '../printDiagnostics.js';

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
  printDiagnostics(ctx, { dir, diagnostics: report.diagnostics, strict: opts.strict });
  const summary = formatSummary(report.diagnostics, { lang: ctx.lang, chalk: ctx.chalk, strict: opts.strict, target: shownPath(ctx.cwd, dir) });
  ctx.stdout.write(summary + '\n');
  return report.ok ? 0 : 1;
}
