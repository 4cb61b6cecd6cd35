import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyKit, ROOT, scratch } from './robustnessHelpers.js';

/**
 * The real CLI on hostile kits, as a CI job would meet them: a manifest linking to a secret, unreadable
 * files, pipes named *.yaml, a cache folder in /proc. Every run must end (a time-out fails the test) with
 * exit 1 and a diagnostic, never exit 3, never a hang, never the content of a file outside the kit.
 */
const BIN = path.join(ROOT, 'bin/capa.js');
const SECRET = 'AWS_SECRET=hunter2-never-print-me';
const asRoot = process.getuid?.() === 0;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

/**
 * `capa <args>` in a child process. `unprivileged`: as a user that file permissions apply to — root reads
 * any file whatever its mode, so as root the run goes through `setpriv` as nobody.
 */
function capa(args: string[], opts: { env?: Record<string, string>; unprivileged?: boolean } = {}): Run {
  const env = { ...process.env, NO_COLOR: '1', CAPA_LANG: 'en', CAPA_CACHE_DIR: '', ...opts.env };
  const argv = [BIN, ...args];
  const r = opts.unprivileged && asRoot
    ? spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...argv], { env, encoding: 'utf8', timeout: 60_000 })
    : spawnSync(process.execPath, argv, { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
}

/** The minimal valid kit, in a folder every user may enter and read (for the unprivileged runs). */
function openKit(): string {
  const kit = copyKit();
  // The scratch folder is made 0700; the temp folder above it is open to all.
  for (const dir of [path.dirname(kit), kit]) chmodSync(dir, 0o755);
  for (const f of ['capa.yaml', 'programme.yaml']) chmodSync(path.join(kit, f), 0o644);
  return kit;
}

const addInclude = (kit: string, entry: string) => {
  const file = path.join(kit, 'capa.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('include: [programme.yaml]', `include: [programme.yaml, ${entry}]`));
};

describe('capa.yaml is read only inside the kit', () => {
  it('a capa.yaml linking to a secret outside: exit 1, kit/outside, and not one byte of the secret printed', () => {
    const root = scratch();
    writeFileSync(path.join(root, '.env'), `${SECRET}\nOTHER=1\n`);
    const kit = path.join(root, 'k');
    const real = copyKit();
    spawnSync('mkdir', [kit]);
    symlinkSync('../.env', path.join(kit, 'capa.yaml'));
    for (const format of [[], ['--format', 'json']]) {
      const run = capa(['validate', kit, ...format]);
      expect(run.code).toBe(1);
      expect(run.out).toContain('kit/outside');
      expect(run.out).not.toContain('hunter2');
      expect(run.out).not.toContain('AWS_SECRET');
    }
    // A kit folder reached through a link is still the kit: only what leaves it is refused.
    const linked = path.join(root, 'linked');
    symlinkSync(real, linked);
    expect(capa(['validate', linked]).code).toBe(0);
  });

  it('an included file linking to the secret is refused the same way', () => {
    const root = scratch();
    writeFileSync(path.join(root, 'secret.yaml'), `people: []\n# ${SECRET}\n`);
    const kit = copyKit();
    symlinkSync(path.join(root, 'secret.yaml'), path.join(kit, 'more.yaml'));
    addInclude(kit, 'more.yaml');
    const run = capa(['validate', kit]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('kit/include-outside');
    expect(run.out).not.toContain('hunter2');
  });
});

describe('files that cannot be read are diagnostics, exit 1, never an internal error', () => {
  it.each([
    ['capa.yaml', 'capa.yaml  error  cannot read capa.yaml: permission denied'],
    ['programme.yaml', 'capa.yaml:8:11  error  cannot read programme.yaml: permission denied'],
  ])('%s with mode 000, for a user that permissions apply to', (file, expected) => {
    const kit = openKit();
    chmodSync(path.join(kit, file), 0o000);
    const run = capa(['validate', kit], { unprivileged: true });
    expect(run.out).not.toContain('internal error');
    expect(run.out).toContain(expected);
    expect(run.out).toContain('[kit/unreadable]');
    expect(run.code).toBe(1);
  });

  it('an unreadable logo: asset/unreadable at theme.logo, exit 1, for validate and build', () => {
    const kit = copyKit(path.join(ROOT, 'kits', 'demo'));
    spawnSync('chmod', ['-R', 'a+rX', path.dirname(kit)]);
    chmodSync(path.join(kit, 'assets', 'logo.png'), 0o000);
    for (const command of ['validate', 'build']) {
      const run = capa([command, kit], { unprivileged: true });
      expect(run.out).not.toContain('internal error');
      expect(run.out).toMatch(/capa\.yaml:21:9 +error +“assets\/logo\.png” cannot be read \(EACCES\)/);
      expect(run.code).toBe(1);
    }
    expect(readdirSync(kit)).not.toContain('dist');
  });

  it('a kit folder the user may not enter: a named error, exit 1', () => {
    const kit = openKit();
    chmodSync(kit, 0o700);
    const run = capa(['validate', kit], { unprivileged: true });
    expect(run.out).not.toContain('internal error');
    expect(run.out).toMatch(/^capa: cannot open “.*” \(EACCES\): give your user permission to read this folder/m);
    expect(run.code).toBe(1);
  });

  it('a pipe named capa.yaml: reported, never opened', () => {
    const kit = copyKit();
    rmSync(path.join(kit, 'capa.yaml'));
    expect(spawnSync('mkfifo', [path.join(kit, 'capa.yaml')]).status).toBe(0);
    const run = capa(['validate', kit]);
    expect(run.signal).toBeNull();
    expect(run.out).toContain('capa.yaml is not a regular file');
    expect(run.code).toBe(1);
  });

  it('a pipe named *.yaml: matched by a glob, named outright, or behind a link — never waited on', () => {
    for (const variant of ['glob', 'named', 'link']) {
      const kit = copyKit();
      spawnSync('mkdir', ['-p', path.join(kit, 'parts')]);
      const pipe = path.join(kit, 'parts', variant === 'link' ? 'pipe' : 'x.yaml');
      expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
      if (variant === 'link') symlinkSync('pipe', path.join(kit, 'parts', 'x.yaml'));
      addInclude(kit, variant === 'glob' ? '"parts/*.yaml"' : 'parts/x.yaml');
      const run = capa(['validate', kit]);
      expect([variant, run.signal]).toEqual([variant, null]);
      expect([variant, run.code]).toEqual([variant, 1]);
      expect(run.out).toContain('parts/x.yaml is not a regular file');
      expect(run.out).toContain('[kit/not-a-file]');
    }
  });
});

describe('the parse cache never blocks a run', () => {
  it.each(['/proc', '/proc/self/fd/0', '/dev', '/dev/stdin'])('CAPA_CACHE_DIR=%s: the kit is checked, no hang', (dir) => {
    const kit = copyKit();
    const run = capa(['validate', kit], { env: { CAPA_CACHE_DIR: dir } });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });
});

it('a cache entry that is a pipe is a cache miss, not a wait for a writer', () => {
  const kit = copyKit();
  const cache = path.join(scratch(), 'cache');
  expect(capa(['validate', kit], { env: { CAPA_CACHE_DIR: cache } }).code).toBe(0);
  const entries = readdirSync(cache).filter((n) => n.endsWith('.bin'));
  expect(entries.length).toBeGreaterThan(0);
  for (const name of entries) {
    rmSync(path.join(cache, name));
    expect(spawnSync('mkfifo', [path.join(cache, name)]).status).toBe(0);
  }
  const run = capa(['validate', kit], { env: { CAPA_CACHE_DIR: cache } });
  expect(run.signal).toBeNull();
  expect(run.code).toBe(0);
});

describe('YAML oddities through the real CLI', () => {
  it('a key that is a list under lint.rules: a located diagnostic, no Node warning, no quoting hint', () => {
    const kit = copyKit();
    writeFileSync(path.join(kit, 'capa.yaml'), readFileSync(path.join(kit, 'capa.yaml'), 'utf8') + 'lint:\n  rules:\n    [a, b]: off\n');
    const run = capa(['validate', kit]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/capa\.yaml:\d+:5 {2}error {2}a key must be a plain name/);
    expect(run.out).not.toContain('Warning');
    expect(run.out).not.toContain('stringified');
    expect(run.out).not.toContain('Put it in quotes');
  });

  it('a kit saved with CR-only line endings validates', () => {
    const kit = copyKit();
    for (const f of ['capa.yaml', 'programme.yaml']) {
      const file = path.join(kit, f);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r'));
    }
    const run = capa(['validate', kit]);
    expect(run.out).not.toContain('missing');
    expect(run.code).toBe(0);
  });
});
