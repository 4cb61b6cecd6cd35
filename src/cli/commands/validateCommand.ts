import { toReport } from '../../report/Diagnostic.js';
import { formatSummary } from '../../report/formatDiagnostics.js';
import { safeJson, showControls } from '../../report/showControls.js';
import type { CliContext } from '../CliContext.js';
import { cliMessages as m } from '../cliMessages.js';
import { kitFolder, shownPath } from '../kitFolder.js';
import { printAnnotations, type OutputFormat } from '../printAnnotations.js';
import { printDiagnostics } from '../printDiagnostics.js';

export interface ValidateOptions {
  dir: string;
  format: OutputFormat;
  strict: boolean;
}

/**
 * `capa validate [dir]`: print every problem of the kit; exit 1 when it fails. In text, everything is a
 * diagnostic and goes to stderr; the machine formats are the command's result and go to stdout, alone.
 */
export async function validateCommand(ctx: CliContext, opts: ValidateOptions): Promise<number> {
  const dir = await kitFolder(ctx, opts.dir);
  if (ctx.verbose) ctx.stderr.write(m(ctx.lang, 'kitFolder', { dir: showControls(dir) }) + '\n');
  // With --verbose the kit is always checked: what Node warns while reading it is shown then.
  const diagnostics = await ctx.deps.validateKit({ dir, lang: ctx.lang, cache: !ctx.verbose });
  const report = toReport(diagnostics, { strict: opts.strict });

  if (opts.format === 'json') {
    // Nothing else goes to stdout, so the output pipes straight into jq or an editor.
    ctx.stdout.write(safeJson(report) + '\n');
  } else if (opts.format !== 'text') {
    await printAnnotations(ctx, { dir, format: opts.format, diagnostics: report.diagnostics });
  } else {
    printDiagnostics(ctx, { dir, diagnostics: report.diagnostics, strict: opts.strict });
    const summary = formatSummary(report.diagnostics, { lang: ctx.lang, chalk: ctx.chalk, strict: opts.strict, target: shownPath(ctx.cwd, dir) });
    ctx.stderr.write(summary + '\n');
  }
  return report.ok ? 0 : 1;
}
