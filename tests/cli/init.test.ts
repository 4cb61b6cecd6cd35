import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dateAnswer, parsePopulation } from '../../src/cli/init/askInitAnswers.js';
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
      type('Project lead of the pair', 'Paul Grondin'),
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
    expect(r.stdout).toMatch(/is valid: no problems\nNext:\n  cd \S+etang\n  capa validate\n  capa build\n$/);

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
        { id: 'marie-hoarau', name: 'Marie Hoarau', organisation: 'pays-de-l-etang-sale', role: 'elected' },
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
      type('Project lead of the pair'),
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
    expect(capaYaml.people.find((p: { id: string }) => p.id === 'elue-port-exemple').name).toBe('Anne Leroy');
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
  it('GitHub: validate as JSON, turned into file/line annotations, then build, dist/ kept', async () => {
    const dir = join(tempDir(), 'k');
    await capa(['init', dir, '--yes', '--from', 'blank', '--lang', 'en']);
    const workflow = yamlOf(dir, '.github/workflows/capa.yml');
    expect(workflow.on).toEqual(['push', 'pull_request']);
    const steps = workflow.jobs.kit.steps as Array<{ run?: string; with?: { path?: string } }>;
    const check = steps.find((s) => s.run?.includes('capa validate --format json'))!.run!;
    expect(steps.map((s) => s.run).filter(Boolean).at(-1)).toBe('npx capa build');
    expect(steps.at(-1)!.with!.path).toContain('dist/');

    // Break the kit, make the JSON report, and run the workflow's own jq line on it.
    writeFileSync(join(dir, 'programme.yaml'), read(dir, 'programme.yaml').replace('host: my-territory', 'host: my-teritory'));
    const report = await capa(['validate', dir, '--format', 'json', '--lang', 'en']);
    expect(report.code).toBe(1);
    writeFileSync(join(dir, 'capa-diagnostics.json'), report.stdout);
    const jq = check.split('\n').find((l) => l.startsWith('jq '))!.replace(/ \|\| true$/, '');
    const annotations = execFileSync('bash', ['-c', jq], { cwd: dir, encoding: 'utf8' });
    expect(annotations).toMatch(/^::error file=programme\.yaml,line=8,col=11,title=ref\/unknown::.*my-teritory.*\n$/);
  });

  it('GitLab: validate as JSON (text diagnostics in the log on failure), build, keep dist/', async () => {
    const dir = join(tempDir(), 'k');
    await capa(['init', dir, '--yes', '--from', 'blank']);
    const ci = yamlOf(dir, '.gitlab-ci.yml');
    expect(ci.capa.script).toEqual([
      'npm install --no-audit --no-fund',
      'npx capa validate --format json > capa-diagnostics.json || { npx capa validate; exit 1; }',
      'npx capa build',
    ]);
    expect(ci.capa.artifacts).toEqual({ when: 'always', paths: ['dist/', 'capa-diagnostics.json'] });
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
