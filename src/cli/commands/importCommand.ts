import { relative, resolve, sep } from 'node:path';
import { importCaptures } from '../../import/importCaptures.js';
import type { ImportResult } from '../../import/importCommon.js';
import { importMessage as im } from '../../import/importMessages.js';
import { importPeople } from '../../import/importPeople.js';
import { readTable } from '../../import/readTable.js';
import { writeKitFile } from '../../import/KitDocuments.js';
import { loadKit } from '../../kit/loadKit.js';
import { UsageError } from '../../report/CapaError.js';
import { formatDiagnostics } from '../../report/formatDiagnostics.js';
import { showControls, showControlsInline } from '../../report/showControls.js';
import type { CliContext } from '../CliContext.js';
import { kitFolder } from '../kitFolder.js';
import { printDiagnostics } from '../printDiagnostics.js';

export interface ImportOptions {
  what: 'people' | 'captures';
  file: string;
  kit: string;
  map: string[];
  into?: string;
  createOrganisations: boolean;
  skipInvalid: boolean;
  dryRun: boolean;
}

/**
 * `capa import people|captures <file>`: reads the export, prints each bad row at its line and column, the
 * changes on stdout, then writes the kit files they touch (each whole, or not at all). With an error in a
 * row nothing is written (unless --skip-invalid); with --dry-run nothing ever is.
 */
export async function importCommand(ctx: CliContext, opts: ImportOptions): Promise<number> {
  const dir = await kitFolder(ctx, opts.kit);
  const kit = await loadKit({ dir, lang: ctx.lang });
  if (kit.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(ctx, { dir, diagnostics: kit.diagnostics });
    return 1;
  }
  const abs = resolve(ctx.cwd, opts.file);
  const shown = relative(ctx.cwd, abs).split(sep).join('/') || opts.file;
  const table = readTable({ abs, shown, lang: ctx.lang });
  if (!ctx.quiet) ctx.stderr.write(im(ctx.lang, 'read', { file: showControls(shown), rows: Math.max(table.rows.length - 1, 0), format: table.encoding ? `CSV, ${table.encoding}` : table.kind.toUpperCase() }) + '\n');

  let into: string | undefined;
  if (opts.into !== undefined) {
    into = relative(dir, resolve(ctx.cwd, opts.into)).split(sep).join('/');
    if (!kit.files.some((f) => f.file === into)) throw new UsageError('usage/import-into', im(ctx.lang, 'badInto', { file: opts.into, example: kit.files[kit.files.length - 1]?.file ?? 'capa.yaml' }));
  }
  const common = { kit, table, file: shown, lang: ctx.lang, map: opts.map, skipInvalid: opts.skipInvalid };
  const result: ImportResult = opts.what === 'people' ? importPeople({ ...common, into, createOrganisations: opts.createOrganisations }) : importCaptures(common);

  if (result.diagnostics.length > 0) {
    const body = formatDiagnostics(result.diagnostics, {
      lang: ctx.lang,
      chalk: ctx.chalk,
      quiet: ctx.quiet,
      // A CSV line under its diagnostic, as the file was decoded; a zipped sheet has no line to show.
      source: (file) => (file === shown ? table.text : undefined),
      displayPath: (file) => file,
      width: ctx.columns,
    });
    if (body) ctx.stderr.write(body + '\n\n');
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    ctx.stderr.write(im(ctx.lang, 'notWritten') + '\n');
    return 1;
  }
  for (const change of result.changes) ctx.stdout.write(showControlsInline(change) + '\n');
  if (result.changes.length === 0 || result.files.length === 0) {
    if (!ctx.quiet) ctx.stderr.write(im(ctx.lang, 'nothingToDo') + '\n');
    return 0;
  }
  if (opts.dryRun) {
    ctx.stderr.write(im(ctx.lang, 'dryRun', { n: result.changes.length }) + '\n');
    return 0;
  }
  for (const f of result.files) writeKitFile({ kitDir: dir, abs: f.abs, text: f.text });
  if (!ctx.quiet) ctx.stderr.write(im(ctx.lang, 'wrote', { n: result.changes.length, files: result.files.map((f) => f.file).join(', ') }) + '\n');
  return 0;
}
