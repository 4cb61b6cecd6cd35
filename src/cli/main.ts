import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CapaError, UsageError } from '../report/CapaError.js';
import { quote, type Lang } from '../report/messages.js';
import { showControls } from '../report/showControls.js';
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
  /** Whether output goes to a terminal (colours). Default: stdout and stderr are both terminals. */
  isTTY?: boolean;
  /** Width for wrapping long messages. Default: stderr's columns when it is a terminal, else no wrapping. */
  columns?: number;
  /** Whether questions may be asked (stdin and stdout are terminals). Default: from process. */
  interactive?: boolean;
  cwd?: string;
  /** Where `capa init` asks its questions (tests: injected streams); default stdin/stdout. */
  promptIO?: PromptIO;
  /** Ends `build --watch` (instead of Ctrl+C). */
  signal?: AbortSignal;
  deps?: Partial<CliDeps>;
}

/** The options every command takes (`--no-color` sets `color` false). */
interface GlobalFlags {
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
  lang?: Lang;
}

const LANGS: readonly Lang[] = ['fr', 'en'];
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Run the `capa` command line. `argv` is `process.argv`-shaped (node, script, args…).
 * Resolves to the exit code (docs/commands.md): 0 ok, 1 kit errors, 2 wrong usage, 3 internal failure.
 * Never calls process.exit, so tests run it in-process with their own streams.
 */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  // `capa … | head` closes the pipe early: the reader has what it wanted, which is not a crash.
  if (stdout === process.stdout) quietOnClosedPipe(process.stdout);
  const env = opts.env ?? process.env;
  const isTTY = opts.isTTY ?? Boolean(process.stdout.isTTY && process.stderr.isTTY);
  const columns = opts.columns ?? (stderr === process.stderr && process.stderr.isTTY ? process.stderr.columns : undefined);
  const cwd = opts.cwd ?? process.cwd();
  const interactive = opts.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const args = argv.slice(2);
  let lang: Lang = 'fr';
  let verbose = args.includes('--verbose');
  let commander: Commander | undefined;
  warnings.sink = undefined;
  silenceNodeWarnings();
  try {
    lang = langFrom(args, env);
    // What commander prints for the version alone, without loading it and every command's help.
    if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
      stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    let exitCode = 0;
    const context = async (g: GlobalFlags): Promise<CliContext> => {
      const { Chalk } = await import('chalk');
      verbose = Boolean(g.verbose);
      if (verbose && g.quiet) throw new UsageError('usage/quiet-verbose', m(g.lang ?? lang, 'quietAndVerbose'));
      warnings.sink = verbose ? { stderr, lang: g.lang ?? lang } : undefined;
      const colour = g.color && !env.NO_COLOR && (isTTY || forceColour(env));
      return {
        stdout,
        stderr,
        env,
        cwd,
        lang: g.lang ?? lang,
        quiet: Boolean(g.quiet),
        verbose,
        columns,
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
    // `capa validate [dir]` with no option, what CI and editors run most: the same command without loading
    // commander and every command's help (a tenth of its start-up). Anything else goes through commander.
    if (args[0] === 'validate' && args.length <= 2 && !args.some((a) => a.startsWith('-'))) {
      const { validateCommand } = await import('./commands/validateCommand.js');
      return await validateCommand(await context({ color: true }), { dir: args[1] ?? '.', format: 'text', strict: false });
    }
    // Its CommonJS build: through its ES module wrapper, Node would also parse it to find its exports.
    commander = createRequire(import.meta.url)('commander') as Commander;
    const { registerCommands } = await import('./registerCommands.js');
    const program = createProgram(commander, { lang, stdout, stderr });

    registerCommands(program, {
      lang,
      packageRoot: opts.deps?.packageRoot ?? PACKAGE_ROOT,
      run: async (cmd, action) => {
        exitCode = await action(await context(cmd.optsWithGlobals<GlobalFlags>()));
      },
    });

    await refuseUnknownHelpTopic(program, args, lang);
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
    stderr.write(`${showControls(translateCommanderError({ code: err.code, message: err.message, lang }))}\n${m(lang, 'usageHint')}\n`);
    return 2;
  }
  if (err instanceof CapaError) {
    // A message may quote the kit (a file name, a value): its control characters are shown, not obeyed.
    stderr.write(`capa: ${showControls(err.message)}\n`);
    if (err instanceof UsageError) stderr.write(`${m(lang, 'usageHint')}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (opts.verbose) {
    stderr.write(`${m(lang, 'internalVerbose')}\n${showControls(stackOf(err))}\n`);
  } else {
    stderr.write(`${m(lang, 'internal', { message: showControls(message.split('\n')[0]!) })}\n`);
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

/**
 * The message language before commander parses: `--lang`, else CAPA_LANG, else the locale
 * (LC_ALL, then LC_MESSAGES, then LANG, the POSIX order): `fr_FR.UTF-8` is French, `en_US` English.
 * Anything else — `C`, `POSIX` (CI runners), a language capa does not speak — gives French, the
 * language of capa's users. A CAPA_LANG capa does not speak is a usage error: it was set for capa.
 */
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
  if (fromEnv !== undefined && fromEnv !== '') {
    if ((LANGS as readonly string[]).includes(fromEnv)) return fromEnv as Lang;
    throw new UsageError('usage/bad-lang', m('fr', 'badLangEnv', { value: JSON.stringify(fromEnv) }));
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  const language = locale?.toLowerCase().match(/^([a-z]{2,3})(?:[_.@-]|$)/)?.[1];
  return (LANGS as readonly string[]).includes(language ?? '') ? (language as Lang) : 'fr';
}

/** `capa help nope`: commander would print the general help and exit 0; a typo deserves an error. */
async function refuseUnknownHelpTopic(program: Command, args: string[], lang: Lang): Promise<void> {
  // The words of the command line, without the options and the value of --lang (the one global option with a value).
  const words = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--lang');
  if (words[0] !== 'help' || words[1] === undefined) return;
  const names = ['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])];
  if (names.includes(words[1])) return;
  const { closest, distance } = await import('fastest-levenshtein');
  const near = closest(words[1], names);
  // Only a near miss is worth suggesting (`valdate`), not any command (`nope` → `init`).
  const suggestion = distance(words[1], near) <= Math.max(2, Math.floor(near.length / 3)) ? ` ${m(lang, 'didYouMean', { names: quote(lang, near) })}` : '';
  throw new UsageError('usage/unknown-command', m(lang, 'unknownHelpTopic', { name: quote(lang, words[1]), suggestion }));
}

/**
 * Node prints process warnings (`(node:123) Warning: Keys with collection values will be
 * stringified…`, from the yaml library reading a kit) on stderr by itself. They speak about
 * capa's internals in Node's words, to a user who can do nothing with them, and capa reports
 * what the kit did wrong in its own diagnostics; so Node's printer is removed and the warnings
 * are shown only with --verbose, marked as Node's. Installed once per process.
 */
const warnings: { installed?: boolean; sink?: { stderr: TextSink; lang: Lang } } = {};
function silenceNodeWarnings(): void {
  if (warnings.installed) return;
  warnings.installed = true;
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    const sink = warnings.sink;
    if (sink) sink.stderr.write(`${m(sink.lang, 'nodeWarning', { message: showControls(`${w.name}: ${w.message}`) })}\n`);
  });
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
  // Before the build's modules (fontkit, pdfkit) are linked: see fontkitStandIns.ts.
  (await import('../layout/fonts/fontkitStandIns.js')).installFontkitStandIns();
  const { build } = await import('../build.js');
  return build(opts);
}

/**
 * The library is imported on first use so that `capa --help` starts fast. With `cache`, the diagnostics of an
 * unchanged kit come from the check cache (src/check/checkCache.ts), and the checks are not even loaded; nor are
 * they when the changed files are YAML files that keep their data, or files no check reads (src/check/editedKit.ts).
 */
async function lazyValidateKit(opts: { dir: string; lang?: Lang; cache?: boolean }) {
  const lang = opts.lang ?? 'fr';
  const cache = opts.cache ? await import('../check/checkCache.js') : undefined;
  const slot = cache?.checkCacheSlot({ dir: opts.dir, lang });
  const stored = slot && cache!.readStoredCheck(slot);
  if (stored && stored.fingerprint === slot!.print.hash) return stored.diagnostics;
  if (stored) {
    const { reuseAfterEdit } = await import('../check/editedKit.js');
    const reused = await reuseAfterEdit(slot!, stored, lang);
    if (reused) return reused;
  }
  const { checkKit } = await import('../check/validateKit.js');
  const checked = await checkKit({ dir: opts.dir, lang, digests: slot !== undefined });
  if (slot) {
    const { loaded } = checked;
    const loader = loaded.diagnostics.length === 0 ? cache!.loaderView(slot.print, loaded.data, loaded.parts) : undefined;
    cache!.writeCheckCache(slot, { dir: opts.dir, data: loaded.data, diagnostics: checked.diagnostics, loader });
  }
  return checked.diagnostics;
}
