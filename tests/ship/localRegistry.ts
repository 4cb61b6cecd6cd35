import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';

/** What a command printed and how it ended. */
export interface Ran {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
}

/**
 * Run a command to its end without blocking the test process (the registry it talks to may be served
 * by a child of this process). Killed after `timeoutMs`, which fails the test with what it printed.
 */
export function run(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const command = [file, ...args].join(' ');
      if (signal) reject(new Error(`${command} killed (${signal}) after ${opts.timeoutMs ?? 240_000} ms\n${stdout}\n${stderr}`));
      else resolve({ command, code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

/**
 * An environment with nothing of this machine's npm or capa set-up: its own HOME (so its own ~/.npmrc
 * and npm cache), the PATH without any node_modules/.bin (npm run adds the repository's), CI=true.
 */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  mkdirSync(home, { recursive: true });
  const path = [dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter).filter((p) => p && !p.includes('node_modules'))];
  return {
    PATH: [...new Set(path)].join(delimiter),
    HOME: home,
    npm_config_cache: join(home, '.npm'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_update_notifier: 'false',
    LANG: 'C.UTF-8',
    CI: 'true',
    // How this machine reaches the network (a proxy, an extra certificate authority) is kept.
    ...Object.fromEntries(NETWORK.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : []))),
    ...extra,
  };
}

const NETWORK = ['NODE_EXTRA_CA_CERTS', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];

/** A port nobody listens on right now, on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LocalRegistry {
  url: string;
  /** `.npmrc` lines that let npm publish to it. */
  authLine: string;
  stop(): Promise<void>;
}

/**
 * Start verdaccio on 127.0.0.1 with a random free port, its storage and configuration in `dir`.
 * `capa` is served from this registry only (published by the test, never looked up upstream); every
 * other package is proxied to the public npm registry, since capa's own dependencies (pdfkit, fonts…)
 * must come from somewhere and a fresh npm cache has none of them.
 */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      '    timeout: 60s',
      'packages:',
      "  'capa':",
      '    access: $all',
      '    publish: $authenticated',
      "  '@*/*':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: npmjs',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child: ChildProcess = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: cleanEnv(join(dir, 'home')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitForPing(url, child, () => log);
    const token = await addUser(url);
    return { url, authLine: `//127.0.0.1:${port}/:_authToken=${token}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForPing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio stopped (exit ${child.exitCode}):\n${log()}`);
    const ok = await fetch(`${url}-/ping`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${log()}`);
}

/** Create the publishing user (what `npm adduser` does) and return its token. */
async function addUser(url: string): Promise<string> {
  const name = 'capa-test';
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'capa-test-password' }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`verdaccio refused the user: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}
