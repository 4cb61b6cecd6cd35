import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdf, pageItems } from '../helpers/pdf.js';
import { writeFiles } from '../helpers/tempKit.js';
import { ROOT, captureMain, copyDemoKit, tempDir } from './cliHelpers.js';

/** A package root whose templates/ holds a small, known set of built-in files. */
function fakePackage(): string {
  const root = tempDir();
  const files: Record<string, string> = {
    'templates/agenda/main.hbs': '<document>{{> day}}{{> footer}}</document>',
    'templates/agenda/partials/day.hbs': '<p>jour</p>',
    'templates/cards/main.hbs': '<document/>',
    'templates/partials/footer.hbs': '<p>pied</p>',
    'templates/i18n/fr.yaml': 'titre: Programme\n',
  };
  writeFiles(root, files);
  return root;
}

function kitIn(cwd: string): string {
  const dir = join(cwd, 'kit');
  mkdirSync(dir);
  writeFileSync(join(dir, 'capa.yaml'), 'capa: 1\n');
  return dir;
}

async function run(args: string[], opts: { cwd: string; packageRoot: string }) {
  return captureMain(args, { cwd: opts.cwd, deps: { packageRoot: opts.packageRoot } });
}

describe('capa templates', () => {
  it('list shows each file and whether it is built-in or forked in the kit', async () => {
    const packageRoot = fakePackage();
    const cwd = tempDir();
    const kit = kitIn(cwd);
    mkdirSync(join(kit, 'templates', 'agenda', 'partials'), { recursive: true });
    writeFileSync(join(kit, 'templates', 'agenda', 'partials', 'day.hbs'), '<p>mon jour</p>');
    const r = await run(['templates', 'list', 'kit', '--lang', 'en'], { cwd, packageRoot });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'agenda/main          built-in  templates/agenda/main.hbs',
        'agenda/partials/day  kit       kit/templates/agenda/partials/day.hbs',
        'partials/footer      built-in  templates/partials/footer.hbs',
        'cards/main           built-in  templates/cards/main.hbs',
        'i18n/fr              built-in  templates/i18n/fr.yaml',
        '',
      ].join('\n'),
    );
  });

  it('eject copies a document’s files, or named files, into the kit; a forked file is replaced only with --force', async () => {
    const packageRoot = fakePackage();
    const cwd = tempDir();
    const kit = kitIn(cwd);
    const first = await run(['templates', 'eject', 'agenda', 'partials/footer', '--kit', 'kit'], { cwd, packageRoot });
    expect(first).toEqual({
      code: 0,
      stdout:
        '✓ copié kit/templates/agenda/main.hbs\n✓ copié kit/templates/agenda/partials/day.hbs\n✓ copié kit/templates/partials/footer.hbs\n' +
        '3 fichiers copiés dans kit/templates : modifiez-les, capa build les utilisera\n',
      stderr: '',
    });
    expect(readFileSync(join(kit, 'templates', 'agenda', 'partials', 'day.hbs'), 'utf8')).toBe('<p>jour</p>');
    expect(existsSync(join(kit, 'templates', 'cards'))).toBe(false);

    writeFileSync(join(kit, 'templates', 'agenda', 'main.hbs'), 'mine');
    const refused = await run(['templates', 'eject', 'agenda', '--kit', 'kit', '--lang', 'en'], { cwd, packageRoot });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'capa: already in the kit, nothing was copied:\n  kit/templates/agenda/main.hbs\n  kit/templates/agenda/partials/day.hbs\n' +
        'run again with --force to replace them with the built-in version, or name only the templates to copy\n(see capa --help)\n',
    );
    expect(readFileSync(join(kit, 'templates', 'agenda', 'main.hbs'), 'utf8')).toBe('mine');

    const forced = await run(['templates', 'eject', 'agenda/main.hbs', '--kit', 'kit', '--lang', 'en', '--force'], { cwd, packageRoot });
    expect(forced).toEqual({
      code: 0,
      stdout: '✓ replaced kit/templates/agenda/main.hbs\n1 file copied to kit/templates: edit it, capa build will use it\n',
      stderr: '',
    });
    expect(readFileSync(join(kit, 'templates', 'agenda', 'main.hbs'), 'utf8')).toBe('<document>{{> day}}{{> footer}}</document>');
  });

  it('eject with no name copies every built-in file not yet forked', async () => {
    const packageRoot = fakePackage();
    const cwd = tempDir();
    const kit = kitIn(cwd);
    const r = await run(['templates', 'eject', '--kit', 'kit', '-q'], { cwd, packageRoot });
    expect(r).toEqual({ code: 0, stdout: '5 fichiers copiés dans kit/templates : modifiez-les, capa build les utilisera\n', stderr: '' });
    expect(readFileSync(join(kit, 'templates', 'i18n', 'fr.yaml'), 'utf8')).toBe('titre: Programme\n');
  });

  it('an unknown name is a usage error with the closest name', async () => {
    const cwd = tempDir();
    kitIn(cwd);
    const r = await run(['templates', 'eject', 'agenda/partials/dya', '--kit', 'kit'], { cwd, packageRoot: fakePackage() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'capa: modèle « agenda/partials/dya » inconnu (vouliez-vous dire « agenda/partials/day » ?) ; voir « capa templates list »\n(capa --help pour l’aide)\n',
    );
  });
});

describe('an ejected template, edited, with the real templates and build', () => {
  it('changes the built PDF, and templates list shows it as the kit’s', async () => {
    const cwd = copyDemoKit();
    const eject = await run(['templates', 'eject', 'agenda/main', '--lang', 'en'], { cwd, packageRoot: ROOT });
    expect(eject.stdout).toBe('✓ copied templates/agenda/main.hbs\n1 file copied to templates: edit it, capa build will use it\n');
    const main = join(cwd, 'templates', 'agenda', 'main.hbs');
    writeFileSync(main, readFileSync(main, 'utf8').replace('{{> cover}}', '{{> cover}}\n  <p>Édition spéciale du Lac</p>'));

    const list = await run(['templates', 'list', '--lang', 'en'], { cwd, packageRoot: ROOT });
    expect(list.stdout).toMatch(/^agenda\/main +kit +templates\/agenda\/main\.hbs$/m);
    expect(list.stdout).toMatch(/^agenda\/partials\/cover +built-in +templates\/agenda\/partials\/cover\.hbs$/m);

    const build = await run(['build', '--only', 'agenda'], { cwd, packageRoot: ROOT });
    expect(build.code).toBe(0);
    const text = await pdfText(readFileSync(join(cwd, 'dist', 'programme.pdf')));
    expect(text).toContain('Édition spéciale du Lac');
  });
});

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await openPdf(pdf);
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await pageItems(doc, i)).join(''));
  return pages.join('\n');
}
