import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CapaError, UsageError } from '../../report/CapaError.js';
import { formatSummary } from '../../report/formatDiagnostics.js';
import { orList, quote, type Lang } from '../../report/messages.js';
import type { CliContext } from '../CliContext.js';
import { shownPath } from '../kitFolder.js';
import { initMessages as m } from '../init/initMessages.js';
import { addDays } from '../init/isoDate.js';
import { printDiagnostics } from '../printDiagnostics.js';
import { BLANK, kitFacts, readKitYaml, resolveStarter, shippedKits, type InitAnswers, type Starter } from '../init/starterKits.js';
import { writeStarterKit } from '../init/writeStarterKit.js';
import { GITLAB_CI, repositoryRootAbove } from '../init/repositoryCi.js';

export interface InitOptions {
  dir: string;
  yes: boolean;
  from?: string;
  force: boolean;
}

/**
 * `capa init [dir]`: ask, then write a starting kit and check it. Every answer is in before the
 * first file is written; a non-empty folder is written into only when the user says so (asked in a
 * terminal, --force otherwise), and even then nothing is replaced unsaid.
 */
export async function initCommand(ctx: CliContext, opts: InitOptions): Promise<number> {
  const { lang } = ctx;
  const root = ctx.deps.packageRoot;
  const fixed = opts.from === undefined ? undefined : await resolveStarter({ packageRoot: root, cwd: ctx.cwd, from: opts.from });
  if (opts.from !== undefined && !fixed) {
    const list = orList(lang, [...(await shippedKits(root)), BLANK]);
    throw new UsageError('usage/unknown-starter', m(lang, 'unknownStarter', { name: quote(lang, opts.from), list }));
  }
  // A question nobody can answer would hang a CI job: say what to do instead.
  if (!opts.yes && !ctx.interactive) throw new UsageError('usage/no-terminal', m(lang, 'noTerminal'));
  const dir = resolve(ctx.cwd, opts.dir);
  if (!(await checkTarget(ctx, dir, opts))) {
    ctx.stderr.write(`capa: ${m(lang, 'declined', { dir: quote(lang, opts.dir) })}\n`);
    return 1;
  }

  const starters = fixed ? [fixed] : await allStarters(root);
  const defaultsFor = (s: Starter) => starterDefaults(s, lang);
  let answers: InitAnswers;
  if (opts.yes) {
    answers = await defaultsFor(starters[0]!);
  } else {
    const { askInitAnswers } = await import('../init/askInitAnswers.js');
    answers = await askInitAnswers({ lang, starters, defaultsFor, io: ctx.promptIO });
  }

  const version = await capaVersion(root);
  const repoRoot = await repositoryRootAbove(dir);
  const result = await writeCatchingInterrupt(ctx, { packageRoot: root, dir, answers, capaVersion: version, repoRoot });
  const say = (text: string) => ctx.stdout.write(ctx.chalk.yellow(text) + '\n');
  for (const file of result.replaced) say(m(lang, 'replaced', { file }));
  for (const file of result.kept) say(m(lang, 'kept', { file }));
  if (result.gitignoreExtended) say(m(lang, 'gitignore'));
  const rootShown = repoRoot ? shownPath(ctx.cwd, repoRoot) : '';
  for (const file of result.rootWritten) say(m(lang, 'rootWritten', { file, root: rootShown }));
  for (const { file, text } of result.rootKept) {
    say(file === GITLAB_CI ? m(lang, 'rootKeptGitlab', { file, root: rootShown, text: text.trimEnd() }) : m(lang, 'rootKept', { file, root: rootShown }));
  }

  const diagnostics = await ctx.deps.validateKit({ dir, lang });
  // Warnings too: an answer can trip a method rule (a population outside the range), better said now.
  printDiagnostics(ctx, { dir, diagnostics });
  const shown = shownPath(ctx.cwd, dir);
  ctx.stdout.write(m(lang, 'written', { dir: shown, n: result.written.length, from: answers.starter.kind === 'blank' ? m(lang, 'starterBlankName') : answers.starter.name }) + '\n');
  ctx.stdout.write(formatSummary(diagnostics, { lang, chalk: ctx.chalk, target: shown }) + '\n');
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  if (!ctx.quiet) ctx.stdout.write(nextSteps(ctx, dir, version) + '\n');
  return 0;
}

/**
 * Write the kit; Ctrl+C while it is being prepared cancels it like Ctrl+C at a question (exit 130,
 * nothing in the folder) instead of killing the process with a staging folder left behind.
 */
async function writeCatchingInterrupt(ctx: CliContext, opts: Omit<Parameters<typeof writeStarterKit>[0], 'signal'>) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  if (ctx.signal?.aborted) abort();
  process.on('SIGINT', abort);
  try {
    return await writeStarterKit({ ...opts, signal: controller.signal });
  } catch (err) {
    if (controller.signal.aborted) throw new CapaError('init/cancelled', m(ctx.lang, 'cancelled'), { exitCode: 130 });
    throw err;
  } finally {
    process.off('SIGINT', abort);
    ctx.signal?.removeEventListener('abort', abort);
  }
}

/** The next commands: go there, install capa (the version the kit pins), import the participants, check, build (or watch when already there). */
function nextSteps(ctx: CliContext, dir: string, version: string): string {
  const rel = shownPath(ctx.cwd, dir);
  const install = `npm install   ${ctx.chalk.dim(`# ${m(ctx.lang, 'nextInstall', { version })}`)}`;
  // Participants usually come from a registration export rather than typed into YAML (docs/import.md).
  const importPeople = `npx capa import people inscriptions.csv   ${ctx.chalk.dim(`# ${m(ctx.lang, 'nextImport')}`)}`;
  const commands =
    dir === ctx.cwd
      ? [install, importPeople, 'npx capa validate', 'npx capa build', 'npx capa build --watch']
      : [`cd ${/\s/.test(rel) ? JSON.stringify(rel) : rel}`, install, importPeople, 'npx capa validate', 'npx capa build'];
  return [m(ctx.lang, 'next'), ...commands.map((c) => `  ${ctx.chalk.cyan(c)}`)].join('\n');
}

/**
 * A file where the kit should go is a usage error. A non-empty folder: with --force, fine; in a
 * terminal, the user is asked (false when they cancel); with --yes and no --force, a usage error.
 */
async function checkTarget(ctx: CliContext, dir: string, opts: InitOptions): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return true;
  if (!info.isDirectory()) throw new UsageError('usage/not-a-folder', m(ctx.lang, 'notAFolder', { dir: quote(ctx.lang, opts.dir) }));
  if (opts.force || (await readdir(dir)).length === 0) return true;
  if (opts.yes) throw new UsageError('usage/not-empty', m(ctx.lang, 'notEmpty', { dir: quote(ctx.lang, opts.dir) }));
  const { confirmNonEmpty } = await import('../init/askInitAnswers.js');
  return confirmNonEmpty({ lang: ctx.lang, dir: shownPath(ctx.cwd, dir), io: ctx.promptIO });
}

/** The reference kit first (the default), the other shipped kits, then blank. */
async function allStarters(packageRoot: string): Promise<Starter[]> {
  const names = await shippedKits(packageRoot);
  names.sort((a, b) => Number(b === 'capacities') - Number(a === 'capacities'));
  return [...names.map((name): Starter => ({ kind: 'shipped', name, dir: join(packageRoot, 'kits', name) })), { kind: 'blank', name: BLANK }];
}

/** The answers a starting kit gives by itself: a copied kit as it is; a blank one for "my territory" eight weeks from now. */
async function starterDefaults(starter: Starter, lang: Lang): Promise<InitAnswers> {
  const date = toWorkingDay(addDays(new Date().toISOString().slice(0, 10), 56));
  const territory = m(lang, 'defaultTerritory');
  const blank: InitAnswers = {
    starter,
    title: m(lang, 'defaultTitle', { territory }),
    lang,
    // Unknown until said: an invented figure would pass for the territory's own.
    territory: { name: territory, kind: 'mixed', population: undefined, members: [] },
    elected: m(lang, 'defaultElected'),
    projectLead: m(lang, 'defaultLead'),
    electedGender: 'n',
    projectLeadGender: 'n',
    date,
    visitDate: addDays(date, -1),
  };
  if (starter.kind === 'blank') return blank;
  const f = kitFacts(await readKitYaml(starter.dir));
  const firstDay = f.date ?? blank.date;
  return {
    starter,
    title: f.title ?? blank.title,
    lang: f.lang ?? blank.lang,
    territory: {
      name: f.territory?.name ?? blank.territory.name,
      kind: f.territory?.kind ?? blank.territory.kind,
      population: f.territory ? f.territory.population : blank.territory.population,
      members: f.territory?.members ?? [],
    },
    elected: f.electedName ?? blank.elected,
    projectLead: f.projectLeadName ?? blank.projectLead,
    electedGender: f.electedGender ?? 'n',
    projectLeadGender: f.projectLeadGender ?? 'n',
    date: firstDay,
    visitDate: f.visitDate ?? addDays(firstDay, -1),
  };
}

/**
 * Workshops are held on working days, and the site visit is the day before: the first day moves to the
 * next Tuesday to Friday, so that both fall on a weekday.
 */
export function toWorkingDay(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(iso, day === 6 ? 3 : day === 0 ? 2 : day === 1 ? 1 : 0);
}

async function capaVersion(packageRoot: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
