import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import type { BuildOptions, BuildResult } from '../build.js';

/** Where the CLI writes: process.stdout/stderr in real runs, a string buffer in tests. */
export interface TextSink {
  write(chunk: string): unknown;
}

/** The streams of a terminal that questions are asked on. */
export interface PromptIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** What commands need from the library; tests replace them (e.g. to provoke an internal failure). */
export interface CliDeps {
  /** `cache`: diagnostics of an unchanged kit may come from the check cache (`capa validate`). */
  validateKit(opts: { dir: string; lang?: Lang; cache?: boolean }): Promise<Diagnostic[]>;
  /** Root of the installed capa package (holds package.json, schemas/, templates/). */
  packageRoot: string;
  build(opts: BuildOptions): Promise<BuildResult>;
}

/** Everything a command runs with: streams, environment, and the global options resolved. */
export interface CliContext {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  cwd: string;
  lang: Lang;
  quiet: boolean;
  verbose: boolean;
  /** stdin and stdout are a terminal: commands may ask questions. */
  interactive: boolean;
  /** Where questions are asked (inquirer); default: the process's stdin and stdout. Tests pass streams. */
  promptIO?: PromptIO;
  /** Stops long-running commands (`build --watch`) and cancels `init` while it writes; default: Ctrl+C. */
  signal?: AbortSignal;
  /** Width of the terminal stderr is, for wrapping long messages; undefined (no wrapping) when not a terminal. */
  columns?: number;
  /** Level 0 when colours are off (`--no-color`, NO_COLOR, not a terminal). */
  chalk: ChalkInstance;
  deps: CliDeps;
}
