import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CapaError, UsageError } from '../report/CapaError.js';
import type { Lang } from '../report/messages.js';
import type { CliContext, CliDeps, PromptIO, TextSink } from './CliContext.js';
import { cliMessages as m, helpTitles } from './cliMessages.js';
import type { BuildOptions } from '../build.js';

// Start-up time: what only some runs need is imported when they need it — commander and the
// commands' help texts (not for `capa --version`), chalk (only once a command runs), the
// translation of commander's errors (only for wrong usage).
type Commander = typeof import('commander');

export interface MainOptions {
  stdout?: TextSink;
  stderr?: TextSink;
  env?: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colours). Default: `process.stdout.isTTY`. */
  isTTY?: boolean;
  /** Whether questions may be asked (stdin and stdout are terminals). Default: from process. */
  interactive?: boolean;
  cwd?: string;
  /** Where `capa init` asks its questions (tests: injected streams); default stdin/stdout. */
  promptIO?: PromptIO;
  /** Ends `build --watch` (instead of Ctrl+C). */
  signal?: AbortSignal;
  deps?: Partial<CliDeps>;
}

const LANGS: readonly Lang[] = ['fr', 'en'];
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Run the `capa` command line. `argv` is `process.argv`-shaped (node, script, args…).
 * Resolves to the exit code (DESIGN §2): 0 ok, 1 kit errors, 2 wrong usage, 3 internal failure.
 * Never calls process.exit, so tests run it in-process with their own streams.
 */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  // `capa … | head` closes the pipe early: the reader has what it wanted, which is not a crash.
  if (stdout === process.stdout) quietOnClosedPipe(process.stdout);
  const env = opts.env ?? process.env;
  const isTTY = opts.isTTY ?? Boolean(process.stdout.isTTY);
  const cwd = opts.cwd ?? process.cwd();
  const interactive = opts.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const args = argv.slice(2);
  let lang: Lang = 'fr';
  let verbose = args.includes('--verbose');
  let commander: Commander | undefined;
  try {
    lang = langFrom(args, env);
    // What commander prints for the version alone, without loading it and every command's help.
    if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
      stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    commander = await import('commander');
    const { registerCommands } = await import('./registerCommands.js');
    let exitCode = 0;
    const context = async (cmd: Command): Promise<CliContext> => {
      const { Chalk } = await import('chalk');
      const g = cmd.optsWithGlobals<{ quiet?: boolean; verbose?: boolean; color: boolean; lang?: Lang }>();
      verbose = Boolean(g.verbose);
      const colour = g.color && !env.NO_COLOR && (isTTY || forceColour(env));
      return {
        stdout,
        stderr,
        env,
        cwd,
        lang: g.lang ?? lang,
        quiet: Boolean(g.quiet),
        verbose,
        interactive,
        signal: opts.signal,
        promptIO: opts.promptIO,
        chalk: new Chalk({ level: colour ? 1 : 0 }),
        deps: {
          validateKit: opts.deps?.validateKit ?? lazyValidateKit,
          packageRoot: opts.deps?.packageRoot ?? PACKAGE_ROOT,
          build: opts.deps?.build ?? lazyBuild,
        },
      };
    };
    const program = createProgram(commander, { lang, stdout, stderr });

    registerCommands(program, {
      lang,
      packageRoot: opts.deps?.packageRoot ?? PACKAGE_ROOT,
      run: async (cmd, action) => {
        exitCode = await action(await context(cmd));
      },
    });

    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (err) {
    return report(err, { lang, verbose, stderr, commander });
  }
}

function createProgram(commander: Commander, opts: { lang: Lang; stdout: TextSink; stderr: TextSink }): Command {
  const { Command, Help, Option } = commander;
  const { lang } = opts;
  // Settings made before `.command()` are inherited by every subcommand.
  return new Command('capa')
    .description(m(lang, 'description'))
    .version(packageVersion(), '-V, --version', m(lang, 'versionOption'))
    .helpOption('-h, --help', m(lang, 'helpOption'))
    .helpCommand('help [command]', m(lang, 'helpCommand'))
    .option('-q, --quiet', m(lang, 'quietOption'))
    .option('--verbose', m(lang, 'verboseOption'))
    .option('--no-color', m(lang, 'noColorOption'))
    .addOption(new Option('--lang <lang>', m(lang, 'langOption')).choices(LANGS))
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => opts.stdout.write(s),
      writeErr: (s) => opts.stderr.write(s),
      outputError: () => {}, // printed by `report`, translated
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({
      styleTitle: (title) => helpTitles[lang][title] ?? title,
      optionDescription: (option) => helpExtras(lang, Help.prototype.optionDescription.call(new Help(), option)),
      argumentDescription: (argument) => helpExtras(lang, Help.prototype.argumentDescription.call(new Help(), argument)),
    });
}

/** commander appends `(choices: …, default: …)` in English; say it in French too. */
function helpExtras(lang: Lang, description: string): string {
  if (lang === 'en') return description;
  return description.replace(/\((?:choices|default): .*\)$/, (extra) =>
    extra.replace('choices: ', 'valeurs : ').replace('default: ', 'par défaut : '),
  );
}

/** Print a failure the way its kind deserves and give its exit code. */
async function report(err: unknown, opts: { lang: Lang; verbose: boolean; stderr: TextSink; commander?: Commander }): Promise<number> {
  const { lang, stderr } = opts;
  if (opts.commander && err instanceof opts.commander.CommanderError) {
    // --help and --version end here with 0; help shown for a missing command ends with 2.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return err.exitCode === 0 ? 0 : 2;
    }
    const { translateCommanderError } = await import('./translateCommanderError.js');
    stderr.write(`${translateCommanderError({ code: err.code, message: err.message, lang })}\n${m(lang, 'usageHint')}\n`);
    return 2;
  }
  if (err instanceof CapaError) {
    stderr.write(`capa: ${err.message}\n`);
    if (err instanceof UsageError) stderr.write(`${m(lang, 'usageHint')}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (opts.verbose) {
    stderr.write(`${m(lang, 'internalVerbose')}\n${stackOf(err)}\n`);
  } else {
    stderr.write(`${m(lang, 'internal', { message: message.split('\n')[0]! })}\n`);
  }
  return 3;
}

function stackOf(err: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    lines.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) lines.push('Caused by:');
  }
  return lines.join('\n');
}

/** The message language before commander parses: `--lang` wins over CAPA_LANG, default fr. */
function langFrom(args: string[], env: Record<string, string | undefined>): Lang {
  const end = args.indexOf('--');
  const scan = end < 0 ? args : args.slice(0, end);
  for (let i = scan.length - 1; i >= 0; i--) {
    const a = scan[i]!;
    const value = a === '--lang' ? scan[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    // An unknown value is left for commander to refuse (exit 2), in French.
    if (value !== undefined) return (LANGS as readonly string[]).includes(value) ? (value as Lang) : 'fr';
  }
  const fromEnv = env.CAPA_LANG;
  if (fromEnv === undefined || fromEnv === '') return 'fr';
  if ((LANGS as readonly string[]).includes(fromEnv)) return fromEnv as Lang;
  throw new UsageError('usage/bad-lang', m('fr', 'badLangEnv', { value: JSON.stringify(fromEnv) }));
}

function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

function forceColour(env: Record<string, string | undefined>): boolean {
  const f = env.FORCE_COLOR;
  return f !== undefined && f !== '' && f !== '0' && f !== 'false';
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function lazyBuild(opts: BuildOptions) {
  const { build } = await import('../build.js');
  return build(opts);
}

/** The library is imported on first use so that `capa --help` starts fast. */
async function lazyValidateKit(opts: { dir: string; lang?: Lang }) {
  const { validateKit } = await import('../check/validateKit.js');
  return validateKit(opts);
}
