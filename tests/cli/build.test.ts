import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildOptions, BuildResult } from '../../src/build.js';
import { documentsFor } from '../../src/cli/commands/buildCommand.js';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import { captureMain, tempDir } from './cliHelpers.js';

function kit(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\nkit:\n  id: demo\n  title: Démo\n');
  return dir;
}

const timings = { load: 0, check: 200, render: 0, layout: 0, draw: 0, documents: 1000, write: 34 };

function success(opts: BuildOptions): BuildResult {
  const outDir = opts.out ?? join(opts.dir, 'dist');
  const documents = [
    { document: 'agenda' as const, file: 'programme.pdf', pages: 3, bytes: 52_000, sha256: 'a'.repeat(64), ms: 10, reused: false },
    { document: 'calendar' as const, file: 'programme.ics', bytes: 900, sha256: 'b'.repeat(64), ms: 1, reused: false },
  ];
  return { ok: true, diagnostics: [], outDir, documents, files: [], timings };
}

const ERROR: Diagnostic = { severity: 'error', code: 'layout/overflow', message: 'le titre du défi 4 déborde', file: 'capa.yaml', line: 4, column: 10 };

async function run(args: string[], build: (o: BuildOptions) => Promise<BuildResult>, extra: { cwd?: string; signal?: AbortSignal; onOut?: (all: string) => void } = {}) {
  return captureMain(args, { cwd: extra.cwd, signal: extra.signal, onOut: extra.onOut, deps: { build } });
}

describe('capa build', () => {
  it('passes the kit, --out (from the current folder), --only and the language to build(), and lists what it wrote', async () => {
    const dir = kit();
    const calls: BuildOptions[] = [];
    const r = await run(['build', dir, '--out', 'sortie', '--only', 'agenda, calendar', '--lang', 'en'], async (o) => (calls.push(o), success(o)), { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(calls).toEqual([{ dir, out: join(dir, 'sortie'), only: ['agenda', 'calendar'], lang: 'en', to: 'fs' }]);
    expect(r.stdout).toBe('  sortie/programme.pdf  (3 pages, 51 KB)\n  sortie/programme.ics  (900 B)\n✓ 2 documents written to sortie (1.2 s)\n');
  });

  it('prints the diagnostics and says nothing was written when the build fails (exit 1)', async () => {
    const dir = kit();
    const r = await run(['build', dir], async () => ({ ok: false, diagnostics: [ERROR], documents: [], files: [], timings }), { cwd: join(dir, '..') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('capa.yaml:4:10  erreur  le titre du défi 4 déborde  [layout/overflow]\n');
    expect(r.stderr).toContain('> 4 |   title: Démo\n');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^✖ capa-cli-\w+ : 1 erreur — aucun document écrit$/);
  });

  it('--strict asks build() to refuse warnings, and says why nothing was written', async () => {
    const dir = kit();
    const calls: BuildOptions[] = [];
    const warned = async (o: BuildOptions): Promise<BuildResult> => (calls.push(o), { ok: false, diagnostics: [{ ...ERROR, severity: 'warning' }], documents: [], files: [], timings });
    const r = await run(['build', dir, '--strict', '--lang', 'en'], warned, { cwd: join(dir, '..') });
    expect(r.code).toBe(1);
    expect(calls[0]).toMatchObject({ strict: true });
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^✖ capa-cli-\w+: 1 warning, refused under --strict — nothing written$/);
    const json = await run(['build', dir, '--strict', '--json'], warned);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: 0, warnings: 1 });
  });

  it('--format github and gitlab: the annotations alone on stdout, the files written on stderr', async () => {
    const dir = kit();
    const warned = async (o: BuildOptions): Promise<BuildResult> => ({ ...success(o), diagnostics: [{ ...ERROR, severity: 'warning' }] });
    const github = await run(['build', dir, '--format', 'github', '--lang', 'en'], warned, { cwd: dir });
    expect(github.code).toBe(0);
    expect(github.stdout).toBe('::warning file=capa.yaml,line=4,col=10,title=layout/overflow::le titre du défi 4 déborde\n');
    expect(github.stderr).toContain('✓ 2 documents written to dist');
    const gitlab = await run(['build', dir, '--format', 'gitlab'], warned, { cwd: dir });
    expect(JSON.parse(gitlab.stdout)).toEqual([expect.objectContaining({ check_name: 'layout/overflow', severity: 'minor', location: { path: 'capa.yaml', lines: { begin: 4 } } })]);
    expect(gitlab.stderr).toContain('dist/programme.pdf');
  });

  it('--only takes document names, file names and file names without extension; programme is both its files', async () => {
    const calls: BuildOptions[] = [];
    const r = await run(['build', kit(), '--only', 'defis.pdf, programme,Déroulé,sign-in'], async (o) => (calls.push(o), success(o)));
    expect(r.code).toBe(0);
    expect(calls[0]!.only).toEqual(['agenda', 'run-sheet', 'cards', 'sign-in', 'calendar']);
    const pdf = await run(['build', kit(), '--only', 'programme.pdf'], async (o) => (calls.push(o), success(o)));
    expect(pdf.code).toBe(0);
    expect(calls[1]!.only).toEqual(['agenda']);
    const typo = await run(['build', kit(), '--only', 'programe', '--lang', 'en'], async (o) => success(o));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown document “programe” (did you mean “programme”?)');
    expect(typo.stderr).toContain('or the name of their file, “programme.pdf”, “deroule.pdf”');
    const file = await run(['build', kit(), '--only', 'defi.pdf', '--lang', 'en'], async (o) => success(o));
    expect(file.stderr).toContain('(did you mean “defis.pdf”?)');
  });

  it('--json prints one object: counts, diagnostics, output folder and the manifest', async () => {
    const dir = kit();
    const r = await run(['build', dir, '--json'], async (o) => success(o));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      errors: 0,
      warnings: 0,
      diagnostics: [],
      outDir: join(dir, 'dist'),
      files: [
        { document: 'agenda', file: 'programme.pdf', pages: 3, bytes: 52_000, sha256: 'a'.repeat(64) },
        { document: 'calendar', file: 'programme.ics', bytes: 900, sha256: 'b'.repeat(64) },
      ],
      timings,
    });
  });

  it('an unknown --only name is a usage error with a suggestion; build() is not called', async () => {
    let called = false;
    const r = await run(['build', kit(), '--only', 'agenda,cartes'], async (o) => ((called = true), success(o)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('capa: document « cartes » inconnu (vouliez-vous dire « cards » ?) : valeurs possibles « agenda », « run-sheet »');
    expect(called).toBe(false);
  });

  it('--watch rebuilds when a kit file changes, ignores the output and dot folders, and stops on the signal', async () => {
    const dir = kit();
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, '.git'));
    const controller = new AbortController();
    let builds = 0;
    let step = 0;
    // Builds in memory are the watch's rehearsals (its warm-up): they write and report nothing.
    const r = await run(['build', dir, '--watch', '--lang', 'en'], async (o) => (o.to === 'memory' || builds++, success(o)), {
      signal: controller.signal,
      onOut: (all) => {
        if (step === 0 && all.includes('watching')) {
          step = 1;
          // the same burst: only the kit file may trigger the rebuild
          writeFileSync(join(dir, 'dist', 'programme.pdf'), 'pdf');
          writeFileSync(join(dir, '.git', 'index'), 'git');
          writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\nkit:\n  id: demo\n  title: Démo 2\n');
        } else if (step === 1 && (all.match(/✓ 2 documents written/g) ?? []).length === 2) {
          step = 2;
          controller.abort();
        }
      },
    });
    expect(r.code).toBe(0);
    expect(builds).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^watching ${dir} — Ctrl\\+C to stop\\n\\[\\d\\d:\\d\\d:\\d\\d\\] capa\\.yaml changed: building again\\n$`));
  });

  it('--watch --format json: one JSON object per build on stdout, nothing else; one message for files changed together, in the plural', async () => {
    const dir = kit();
    writeFileSync(join(dir, 'defis.yaml'), 'challenges: []\n');
    const controller = new AbortController();
    let step = 0;
    const r = await run(['build', dir, '--watch', '--format', 'json'], async (o) => success(o), {
      signal: controller.signal,
      onOut: (all) => {
        if (step === 0 && all.includes('surveillance')) {
          step = 1;
          writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\nkit:\n  id: demo\n  title: Démo 2\n');
          writeFileSync(join(dir, 'defis.yaml'), 'challenges: [] # 2\n');
        } else if (step === 1 && (all.match(/"ok":true/g) ?? []).length === 2) {
          step = 2;
          controller.abort();
        }
      },
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ ok: true });
    expect(r.stderr).toMatch(/\] capa\.yaml, defis\.yaml modifiés : nouvelle construction\n$/);
  });

  it('--watch rehearses in memory after a successful build only, three times, and reports nothing of it', async () => {
    const dir = kit();
    const controller = new AbortController();
    const calls: BuildOptions[] = [];
    const r = await run(['build', dir, '--watch', '--lang', 'en'], async (o) => {
      calls.push(o);
      if (calls.length === 1) {
        // The first build fails: no rehearsal; the fix is built, then rehearsed.
        writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\nkit:\n  id: demo\n  title: Démo 2\n');
        return { ok: false, diagnostics: [ERROR], documents: [], files: [], timings };
      }
      if (calls.filter((c) => c.to === 'memory').length === 3) setTimeout(() => controller.abort(), 50);
      return success(o);
    }, { signal: controller.signal });
    expect(r.code).toBe(0);
    expect(calls.map((c) => c.to)).toEqual(['fs', 'fs', 'memory', 'memory', 'memory']);
    for (const c of calls.slice(2)) expect(c).toMatchObject({ dir, lang: 'en', to: 'memory', cache: expect.anything(), signal: expect.anything() });
    expect(r.stdout.match(/documents written/g)).toHaveLength(1);
  });

  it('--watch ends with the exit code of the last build', async () => {
    const controller = new AbortController();
    controller.abort();
    const failed = async (): Promise<BuildResult> => ({ ok: false, diagnostics: [ERROR], documents: [], files: [], timings });
    const r = await run(['build', kit(), '--watch'], failed, { signal: controller.signal });
    expect(r.code).toBe(1);
  });
});

describe('capa build --watch: what a change rebuilds', () => {
  it('a template of one document’s folder rebuilds only that document; shared templates and YAML rebuild all', async () => {
    const dir = kit();
    mkdirSync(join(dir, 'templates', 'agenda'), { recursive: true });
    mkdirSync(join(dir, 'templates', 'partials'), { recursive: true });
    const controller = new AbortController();
    const calls: Array<BuildOptions['only']> = [];
    const edits = [
      () => writeFileSync(join(dir, 'templates', 'agenda', 'main.hbs'), '<document/>'),
      () => writeFileSync(join(dir, 'templates', 'partials', 'footer.hbs'), '<p/>'),
      () => writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\n'),
    ];
    let seen = 0;
    let watching = false;
    const r = await run(['build', dir, '--watch', '--lang', 'en'], async (o) => (o.to === 'memory' || calls.push(o.only), success(o)), {
      signal: controller.signal,
      onOut: (all) => {
        // one edit per finished build: the first build, then each rebuild
        watching ||= all.includes('watching');
        const done = (all.match(/✓ 2 documents written/g) ?? []).length;
        if (done === seen || !watching) return;
        seen = done;
        const edit = edits.shift();
        if (edit) edit();
        else controller.abort();
      },
    });
    expect(r.code).toBe(0);
    expect(calls).toEqual([undefined, ['agenda'], undefined, undefined]);
    expect(r.stderr).toContain('] templates/agenda/main.hbs changed: building again (agenda only)\n');
    expect(r.stderr).toContain('] templates/partials/footer.hbs changed: building again\n');
  });

  it('a build that crashes is reported and the watch goes on', async () => {
    const dir = kit();
    const controller = new AbortController();
    let builds = 0;
    let watching = false;
    const r = await run(['build', dir, '--watch', '--lang', 'en'], async (o) => {
      if (o.to === 'memory') return success(o);
      builds++;
      if (builds === 2) throw new Error('template exploded');
      return success(o);
    }, {
      signal: controller.signal,
      onOut: (all) => {
        if (!watching && all.includes('watching')) {
          watching = true;
          writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\n');
        } else if (builds === 2 && all.endsWith('still watching\n')) {
          writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\n# again\n');
        } else if (builds === 3 && all.endsWith('(1.2 s)\n')) {
          controller.abort();
        }
      },
    });
    expect(r.stderr).toContain('capa: internal error during the build (template exploded); still watching\n');
    expect(builds).toBe(3);
    expect(r.code).toBe(0);
  });

  it('documentsFor keeps to the documents built, and needs every file to be a document’s template', () => {
    expect(documentsFor(['templates/cards/main.hbs', 'templates/agenda/partials/day.hbs'], undefined)).toEqual(['cards', 'agenda']);
    expect(documentsFor(['templates/cards/main.hbs'], ['agenda'])).toEqual([]);
    expect(documentsFor(['templates/cards/main.hbs', 'participants.yaml'], undefined)).toBeUndefined();
    expect(documentsFor(['templates/i18n/fr.yaml'], undefined)).toBeUndefined();
    expect(documentsFor(['assets/logo.png'], undefined)).toBeUndefined();
  });
});
