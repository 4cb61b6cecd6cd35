import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'capa.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (`node bin/capa.js …`) as a child process, with a clean colour/language environment. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  if (!existsSync(join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npm run build` first');
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CAPA_LANG: undefined };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: { ...env, ...opts.env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the system temp folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'capa-cli-'));
}

/** A kit written from `files` (relative path → text) into a fresh temp folder. */
export function writeKit(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** A copy of the shipped demo kit in a fresh temp folder (as `<tmp>/demo`). */
export function copyDemoKit(): string {
  const dir = join(tempDir(), 'demo');
  cpSync(join(ROOT, 'kits', 'demo'), dir, { recursive: true });
  return dir;
}

export const ANSI = /\u001b\[\d+(;\d+)*m/;

/**
 * Run `capa …` in-process through `main()` (no child process: much faster), as from a pipe, with the
 * same clean environment as `runCli` plus `env`. For tests where the real process is not the point.
 */
export async function runMain(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'capa', ...args], {
    env: { ...opts.env },
    isTTY: false,
    interactive: false,
    cwd: opts.cwd ?? ROOT,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}
