import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticReport } from '../../src/report/Diagnostic.js';
import { runCli, runMain } from '../cli/cliHelpers.js';
import { copyKit, tempKit } from '../helpers/tempKit.js';

/**
 * The corpus of broken forked templates: each folder of tests/fixtures/broken-templates/ holds the
 * `templates/` files a kit forked, with ONE mistake, and expected.json lists what `capa validate`
 * reports (code, file, line, column) and the name it suggests (`didYouMean`, null when none).
 * Each is copied onto the minimal valid kit of the bad-kits corpus and validated by the CLI.
 */
const ROOT = path.resolve(import.meta.dirname, '../fixtures/broken-templates');
const BASE = path.resolve(import.meta.dirname, '../fixtures/bad-kits/valid-base');
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

interface Expected {
  code: string;
  file: string;
  line: number;
  column: number;
  didYouMean: string | null;
}

function kitWith(name: string): string {
  const dir = copyKit(BASE, {}, { folder: 'kit' });
  cpSync(path.join(ROOT, name, 'templates'), path.join(dir, 'templates'), { recursive: true });
  return dir;
}

async function validate(dir: string, lang: 'fr' | 'en') {
  const r = await runMain(['validate', dir, '--format', 'json', '--lang', lang]);
  return { code: r.code, report: JSON.parse(r.stdout) as DiagnosticReport };
}

const QUOTES = { fr: (s: string) => `Vouliez-vous dire « ${s} » ?`, en: (s: string) => `Did you mean “${s}”?` };

describe('broken forked templates corpus', () => {
  it('holds at least 20 cases, each with its expected.json', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const name of cases) expect(() => readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8'), name).not.toThrow();
  });

  describe.each(['fr', 'en'] as const)('capa validate --lang %s', (lang) => {
    it.each(cases)('%s: exit 1, the expected code at the expected place, with its suggestion', async (name) => {
      const expected = JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected[];
      const { code, report } = await validate(kitWith(name), lang);
      expect(code).toBe(1);
      expect(report.diagnostics.map((d) => ({ code: d.code, file: d.file, line: d.line, column: d.column }))).toEqual(
        expected.map(({ didYouMean: _, ...place }) => place),
      );
      expected.forEach((e, i) => {
        const hint = report.diagnostics[i]?.hint ?? '';
        if (e.didYouMean) expect(hint).toContain(QUOTES[lang](e.didYouMean));
        else expect(hint).not.toMatch(/Vouliez-vous dire|Did you mean/);
      });
      // In words, never the parser's raw tokens.
      for (const d of report.diagnostics) expect(d.message).not.toMatch(/Expecting|got '|OPEN_|CLOSE/);
    });
  });

  it('the real binary reports the same, in text, with the code frame', () => {
    const r = runCli(['validate', kitWith('field-each')]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('templates/agenda/partials/cover.hbs:3:9');
    expect(r.stdout + r.stderr).toContain('Le champ « kit.sessionz » n\'existe pas dans les données de ce modèle.  [template/missing-field]');
    expect(r.stdout + r.stderr).toContain('Vouliez-vous dire « kit.sessions » ?');
    const gh = runCli(['validate', kitWith('syntax-unclosed-if'), '--format', 'github', '--lang', 'en']);
    expect(gh.code).toBe(1);
    expect(gh.stdout + gh.stderr).toMatch(/::error file=[^,]*templates\/agenda\/partials\/cover\.hbs,line=3,col=1[^:]*::.*`\{\{#if\}\}` opened on line 3 is never closed/);
  });

  it('a forked template with three mistakes gives three diagnostics, in order', async () => {
    const dir = tempKit({});
    cpSync(BASE, dir, { recursive: true });
    const cover = ['  <spacer height="28mm"/>', '  <p><b>{{uppercase kit.title}}</b></p>', '  <p>{{kit.titre}}</p>', '{{#if kit.subtitel}}<p>{{kit.subtitle}}</p>{{/if}}', ''].join('\n');
    cpSync(path.join(ROOT, 'field-if', 'templates'), path.join(dir, 'templates'), { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'templates/agenda/partials/cover.hbs'), cover);
    const { code, report } = await validate(dir, 'fr');
    expect(code).toBe(1);
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([
      ['template/unknown-helper', 2, 11, 'Vouliez-vous dire « upper » ?'],
      ['template/missing-field', 3, 8, 'Vouliez-vous dire « kit.title » ?'],
      ['template/missing-field', 4, 7, 'Vouliez-vous dire « kit.subtitle » ?'],
    ]);
  });

  it('a forked template using every construct rightly gets no diagnostic, and builds', async () => {
    const cover = [
      // An inline partial is checked where it is called (here with a session), even when defined after.
      '{{#each kit.sessions}}{{> line}}{{/each}}',
      '{{#*inline "line"}}<p>{{title}}</p>{{/inline}}',
      '{{~#if kit.subtitle~}}<p>{{kit.subtitle}}</p>{{else if kit.license}}<p>{{kit.license}}</p>{{else}}<p>—</p>{{/if~}}',
      '{{#each doc.colors}}<p color="{{this}}">{{@key}}</p>{{/each}}',
      '<p>{{kit.sessions.[0].title}} {{kit.sessions.length}} {{upper (concat kit.title " " (t "document.agenda"))}}</p>',
      '{{#with kit.theme as |th|}}<p color="{{th.primary}}">{{primary}}</p>{{/with}}',
      '{{#each kit.sessions as |s i|}}{{#each s.days}}<p>{{../title}} {{s.title}} {{i}} {{@index}} {{@root.kit.title}}</p>{{/each}}{{/each}}',
      '{{#unless kit.followUp}}<p>{{t "slot-kind" "meal"}}</p>{{/unless}}',
      '{{> follow-up followUp=doc.followUp}}',
      '',
    ].join('\n');
    const dir = copyKit(BASE, { 'templates/agenda/partials/cover.hbs': cover }, { folder: 'kit' });
    const { code, report } = await validate(dir, 'en');
    expect(report.diagnostics).toEqual([]);
    expect(code).toBe(0);
    const built = await runMain(['build', dir, '--only', 'agenda', '--out', path.join(dir, 'out')]);
    expect(built.code).toBe(0);
  });

  it('a problem in a built-in template is named as built-in, never as a path inside the kit', async () => {
    // The kit forks only a label file; its key is looked up by the built-in templates.
    const dir = copyKit(BASE, { 'templates/agenda/main.hbs': '<document size="A4">\n{{> cover}}\n</document>\n', 'templates/agenda/partials/cover.hbs': '{{#each kit.sessions}}{{> day}}{{/each}}\n' }, { folder: 'kit' });
    const { report } = await validate(dir, 'en');
    const builtin = report.diagnostics.filter((d) => d.file?.startsWith('built-in template '));
    expect(builtin.length).toBeGreaterThan(0);
    for (const d of builtin) expect(d.hint).toContain('capa templates eject agenda');
    expect(report.diagnostics.some((d) => d.file?.startsWith('templates/agenda/partials/day'))).toBe(false);
    // CI annotations too: the file is named as built-in, not joined to the kit's folder.
    const gh = await runMain(['validate', dir, '--format', 'github', '--lang', 'en']);
    expect(gh.stdout).toMatch(/^::error file=built-in template agenda\/partials\/day[\w-]*\.hbs,line=\d+/m);
    expect(gh.stdout).not.toMatch(/file=[^,]*kit\/built-in/);
  });
});
