import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS } from '../defaults.js';
import { UsageError } from '../report/CapaError.js';
import type { Lang } from '../report/messages.js';
import type { CliContext } from './CliContext.js';
import { cliMessages as m } from './cliMessages.js';
import { OUTPUT_FORMATS, type OutputFormat } from './printAnnotations.js';

interface ReportFlags {
  format?: OutputFormat;
  json?: boolean;
  strict?: boolean;
}

interface BuildFlags extends ReportFlags {
  out?: string;
  only?: string;
  watch?: boolean;
  pdfa?: boolean;
  duplex?: 'long-edge' | 'short-edge';
  calibration?: boolean;
}

/** Runs a command's action with the context built from its options, keeping its exit code. */
export type RunCommand = (cmd: Command, action: (ctx: CliContext) => Promise<number>) => Promise<void>;

const DOCUMENT_NAMES = Object.keys(DOCUMENTS);

/**
 * Every `capa` command. Each action imports its module on first use, so `capa --help` and
 * `capa validate` load none of the pipeline they do not run; the help texts of every command are
 * in cliMessages, so the message tables of the other commands are not loaded either.
 */
export function registerCommands(program: Command, opts: { lang: Lang; packageRoot: string; run: RunCommand }): void {
  const { lang, packageRoot, run } = opts;
  program
    .command('validate')
    .description(m(lang, 'validateDescription'))
    .argument('[dir]', m(lang, 'dirArgument'), '.')
    .addOption(program.createOption('--format <format>', m(lang, 'formatOption')).choices(OUTPUT_FORMATS))
    .option('--json', m(lang, 'jsonOption'))
    .option('--strict', m(lang, 'strictOption'))
    .action(async (dir: string, o: ReportFlags, cmd: Command) =>
      run(cmd, async (ctx) => (await import('./commands/validateCommand.js')).validateCommand(ctx, { dir, format: formatOf(ctx.lang, o), strict: Boolean(o.strict) })),
    );

  program
    .command('build')
    .description(m(lang, 'buildDescription'))
    .argument('[dir]', m(lang, 'dirArgument'), '.')
    .option('--out <dir>', m(lang, 'buildOutOption'))
    .option('--only <documents>', m(lang, 'buildOnlyOption', { list: DOCUMENT_NAMES.join(', ') }))
    .option('--watch', m(lang, 'buildWatchOption'))
    .addOption(program.createOption('--format <format>', m(lang, 'formatOption')).choices(OUTPUT_FORMATS))
    .option('--json', m(lang, 'jsonOption'))
    .option('--strict', m(lang, 'buildStrictOption'))
    .option('--pdfa', m(lang, 'buildPdfaOption'))
    .addOption(program.createOption('--duplex <edge>', m(lang, 'buildDuplexOption')).choices(['long-edge', 'short-edge']))
    .option('--calibration', m(lang, 'buildCalibrationOption'))
    .action(async (dir: string, o: BuildFlags, cmd: Command) =>
      run(cmd, async (ctx) =>
        (await import('./commands/buildCommand.js')).buildCommand(ctx, {
          dir, out: o.out, only: o.only, watch: Boolean(o.watch), format: formatOf(ctx.lang, o), strict: Boolean(o.strict), pdfa: Boolean(o.pdfa),
          duplex: o.duplex, calibration: Boolean(o.calibration),
        })),
    );

  program
    .command('preview')
    .description(m(lang, 'previewDescription'))
    .argument('[dir]', m(lang, 'dirArgument'), '.')
    .option('--port <port>', m(lang, 'previewPortOption'))
    .option('--open', m(lang, 'previewOpenOption'))
    .action(async (dir: string, o: { port?: string; open?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => (await import('./commands/previewCommand.js')).previewCommand(ctx, { dir, port: o.port, open: Boolean(o.open) })),
    );

  program
    .command('init')
    .description(m(lang, 'initDescription'))
    .argument('[dir]', m(lang, 'initDirArgument'), '.')
    .option('-y, --yes', m(lang, 'initYesOption'))
    .option('--from <kit>', m(lang, 'initFromOption', { list: starterNames(packageRoot).join(', ') }))
    .option('--force', m(lang, 'initForceOption'))
    .action(async (dir: string, o: { yes?: boolean; from?: string; force?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => (await import('./commands/initCommand.js')).initCommand(ctx, { dir, yes: Boolean(o.yes), from: o.from, force: Boolean(o.force) })),
    );

  const templates = program.command('templates').description(m(lang, 'templatesDescription'));
  templates
    .command('list')
    .description(m(lang, 'templatesListDescription'))
    .argument('[dir]', m(lang, 'dirArgument'))
    .option('--kit <dir>', m(lang, 'templatesKitOption'))
    .action(async (dir: string | undefined, o: { kit?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        // `list [dir]` and `--kit <dir>` say the same thing, as `eject --kit` does: twice is a contradiction.
        if (dir !== undefined && o.kit !== undefined && dir !== o.kit) throw new UsageError('usage/kit-twice', m(ctx.lang, 'kitTwice', { dir, kit: o.kit }));
        return (await import('./commands/templatesCommand.js')).templatesListCommand(ctx, { kit: dir ?? o.kit ?? '.' });
      }),
    );
  templates
    .command('eject')
    .description(m(lang, 'templatesEjectDescription'))
    .argument('[names...]', m(lang, 'templatesNamesArgument'))
    .option('--kit <dir>', m(lang, 'templatesKitOption'), '.')
    .option('--force', m(lang, 'templatesForceOption'))
    .action(async (names: string[], o: { kit: string; force?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => (await import('./commands/templatesCommand.js')).templatesEjectCommand(ctx, { kit: o.kit, names, force: Boolean(o.force) })),
    );

  const importer = program.command('import').description(m(lang, 'importDescription'));
  for (const what of ['people', 'captures'] as const) {
    const cmd = importer
      .command(what)
      .description(m(lang, what === 'people' ? 'importPeopleDescription' : 'importCapturesDescription'))
      .argument('<file>', m(lang, 'importFileArgument'))
      .option('--kit <dir>', m(lang, 'templatesKitOption'), '.')
      .option('--map <column=field>', m(lang, 'importMapOption'), (v: string, all: string[] | undefined) => [...(all ?? []), v]);
    if (what === 'people') cmd.option('--into <file>', m(lang, 'importIntoOption')).option('--create-organisations', m(lang, 'importCreateOrgsOption'));
    cmd
      .option('--skip-invalid', m(lang, 'importSkipInvalidOption'))
      .option('--dry-run', m(lang, 'importDryRunOption'))
      .action(async (file: string, o: { kit: string; map?: string[]; into?: string; createOrganisations?: boolean; skipInvalid?: boolean; dryRun?: boolean }, c: Command) =>
        run(c, async (ctx) =>
          (await import('./commands/importCommand.js')).importCommand(ctx, {
            what, file, kit: o.kit, map: o.map ?? [], into: o.into, createOrganisations: Boolean(o.createOrganisations), skipInvalid: Boolean(o.skipInvalid), dryRun: Boolean(o.dryRun),
          })),
      );
  }

  program
    .command('schema')
    .description(m(lang, 'schemaDescription'))
    .option('--out <dir>', m(lang, 'outOption'), 'schemas')
    .action(async (o: { out: string }, cmd: Command) =>
      run(cmd, async (ctx) => (await import('./commands/schemaCommand.js')).schemaCommand(ctx, { out: o.out })),
    );
}

/** `--json` is `--format json`; with another `--format` it is a contradiction, not a preference. */
function formatOf(lang: Lang, o: ReportFlags): OutputFormat {
  if (o.json && o.format !== undefined && o.format !== 'json') {
    throw new UsageError('usage/format', m(lang, 'jsonAndFormat', { format: o.format }));
  }
  return o.json ? 'json' : (o.format ?? 'text');
}

/** Names for `--from` in the help, without reading the kits (start-up stays fast). */
function starterNames(packageRoot: string): string[] {
  try {
    const dirs = readdirSync(join(packageRoot, 'kits'), { withFileTypes: true }).filter((e) => e.isDirectory());
    return [...dirs.map((e) => e.name).sort(), 'blank'];
  } catch {
    return ['blank'];
  }
}
