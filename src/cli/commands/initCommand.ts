import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../../report/CapaError.js';
import { formatSummary } from '../../report/formatDiagnostics.js';
import { printDiagnostics } from '../printDiagnostics.js';
import { orList, quote } from '../../report/messages.js';
import type { CliContext } from '../CliContext.js';
import { initMessages as m } from '../init/initMessages.js';
import { addDays } from '../init/isoDate.js';
import { BLANK, firstSession, listStarters, readKitYaml, type InitAnswers } from '../init/starterKits.js';
import { writeStarterKit } from '../init/writeStarterKit.js';

export interface InitOptions {
  dir: string;
  yes: boolean;
  from?: string;
  force: boolean;
}

/** `capa init [dir]`: write a starting kit, then check it. Never replaces a file without --force. */
export async function initCommand(ctx: CliContext, opts: InitOptions): Promise<number> {
  const { lang } = ctx;
  const starters = await listStarters(ctx.deps.packageRoot);
  if (opts.from !== undefined && !starters.includes(opts.from)) {
    throw new UsageError('usage/unknown-starter', m(lang, 'unknownStarter', { name: quote(lang, opts.from), list: orList(lang, starters) }));
  }
  const dir = resolve(ctx.cwd, opts.dir);
  await checkTarget(ctx, dir, opts);

  const defaultFrom = opts.from ?? (starters.includes('capacities') ? 'capacities' : starters[0]!);
  const defaultsFor = (from: string) => starterDefaults(ctx, from);
  // Outside a terminal (CI) nothing prompts: the defaults are the answers.
  const answers =
    opts.yes || !ctx.interactive
      ? await defaultsFor(defaultFrom)
      : await ctx.deps.askInit({ lang, starters: opts.from ? [opts.from] : starters, defaultFrom, defaultsFor });

  const { written, replaced } = await writeStarterKit({ packageRoot: ctx.deps.packageRoot, dir, answers });
  for (const file of replaced) ctx.stdout.write(ctx.chalk.yellow(m(lang, 'replaced', { file })) + '\n');

  const diagnostics = await ctx.deps.validateKit({ dir, lang });
  // Only errors: the warnings of a fresh kit are for `capa validate` to show.
  printDiagnostics(ctx, { dir, diagnostics, quiet: true });
  ctx.stdout.write(m(lang, 'written', { dir: opts.dir, n: written.length, from: answers.from }) + '\n');
  ctx.stdout.write(formatSummary(diagnostics, { lang, chalk: ctx.chalk, target: opts.dir }) + '\n');
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  if (!ctx.quiet) ctx.stdout.write(m(lang, 'next', { dirArg: opts.dir === '.' ? '' : ` ${opts.dir}` }) + '\n');
  return 0;
}

/** A file where the kit should go, or a non-empty folder without --force, is a usage error. */
async function checkTarget(ctx: CliContext, dir: string, opts: InitOptions): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new UsageError('usage/not-a-folder', m(ctx.lang, 'notAFolder', { dir: quote(ctx.lang, opts.dir) }));
  if (!opts.force && (await readdir(dir)).length > 0) {
    throw new UsageError('usage/not-empty', m(ctx.lang, 'notEmpty', { dir: quote(ctx.lang, opts.dir) }));
  }
}

/** The answers `--yes` takes: a shipped kit as it is; a blank kit for "my territory" eight weeks from now. */
async function starterDefaults(ctx: CliContext, from: string): Promise<InitAnswers> {
  const inEightWeeks = addDays(new Date().toISOString().slice(0, 10), 56);
  const blank: InitAnswers = { from, territory: m(ctx.lang, 'defaultTerritory'), date: inEightWeeks, lang: ctx.lang };
  if (from === BLANK) return blank;
  const first = firstSession(await readKitYaml(join(ctx.deps.packageRoot, 'kits', from)));
  return { from, territory: first.hostName ?? blank.territory, date: first.date ?? blank.date, lang: first.lang ?? blank.lang };
}
