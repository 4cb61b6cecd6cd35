import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main, type MainOptions } from '../../src/cli/main.js';
import { copyKit, freshDir, ROOT, tempKit, type KitChanges } from '../helpers/tempKit.js';

export { ROOT };
const BIN = join(ROOT, 'bin', 'capa.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (`node bin/capa.js …`) as a child process, with a clean colour/language environment. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Run {
  if (!existsSync(join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npm run build` first');
  // A variable set to undefined in `opts.env` is removed from the child's environment.
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CAPA_LANG: undefined, ...opts.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the system temp folder, removed after the test file (it used to be left behind). */
export function tempDir(): string {
  return freshDir('capa-cli-');
}

/** A kit written from `files` (relative path → text) into a fresh temp folder. */
export function writeKit(files: Record<string, string>): string {
  return tempKit(files);
}

/** A copy of the shipped demo kit in a fresh temp folder (as `<tmp>/demo`), with `changes` applied (see `copyKit`). */
export function copyDemoKit(changes: KitChanges = {}): string {
  return copyKit(join(ROOT, 'kits', 'demo'), changes, { folder: 'demo' });
}

export const ANSI = /\u001b\[\d+(;\d+)*m/;

/**
 * Run `capa …` in-process through `main()` (no child process: much faster), as from a pipe, with the
 * same clean environment as `runCli` plus `env`. For tests where the real process is not the point.
 */
export function runMain(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return captureMain(args, { env: { ...opts.env }, interactive: false, cwd: opts.cwd ?? ROOT });
}

/**
 * Run `capa …` in-process with exactly the `main` options given (by default an empty environment, not a
 * terminal), capturing what it writes; `onOut` sees all the output so far after each write (stdout, then stderr).
 */
export async function captureMain(args: string[], opts: Omit<MainOptions, 'stdout' | 'stderr'> & { onOut?: (all: string) => void } = {}): Promise<Run> {
  const { onOut, ...options } = opts;
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'capa', ...args], {
    env: {},
    isTTY: false,
    ...options,
    stdout: { write: (s: string) => ((stdout += s), onOut?.(stdout)) },
    stderr: { write: (s: string) => ((stderr += s), onOut?.(stdout + stderr)) },
  });
  return { code, stdout, stderr };
}
