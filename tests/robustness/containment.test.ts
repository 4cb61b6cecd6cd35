import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { validateKit } from '../../src/check/validateKit.js';
import { TemplateSources } from '../../src/render/TemplateSources.js';
import { builtinTemplatesDir } from '../../src/render/createRenderer.js';
import { CapaError } from '../../src/report/CapaError.js';
import { copyKit, ROOT, scratch, snapshot } from './robustnessHelpers.js';
import { pdfText } from '../property/pdfChecks.js';

const SECRET = 'SECRET-OUTSIDE-THE-KIT';
const COVER = 'templates/agenda/partials/cover.hbs';

/** A partial outside the kit that would leak its text into the PDF if it were read. */
function outsideFolder(): string {
  const dir = scratch();
  writeFileSync(path.join(dir, 'cover.hbs'), `<p>${SECRET}</p>\n`);
  return dir;
}

describe('templates stay inside the kit, after links', () => {
  it('refuses a template file linking outside: kit/template-outside, and the file is never read', async () => {
    const kit = copyKit();
    const outside = outsideFolder();
    mkdirSync(path.join(kit, 'templates/agenda/partials'), { recursive: true });
    symlinkSync(path.join(outside, 'cover.hbs'), path.join(kit, COVER));
    const result = await build({ dir: kit, to: 'memory', only: ['agenda'] });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['kit/template-outside', COVER]]);
    expect(result.diagnostics[0].message).toContain('hors du dossier du kit');
    expect(result.files).toEqual([]);
    // Even asked directly, the template lookup falls back to the built-in partial.
    const sources = new TemplateSources(kit, builtinTemplatesDir());
    expect(sources.partialsFor('agenda').get('cover')?.source).toBe('builtin');
  });

  it('refuses a templates folder that is a link to elsewhere, in English too', async () => {
    const kit = copyKit();
    const outside = outsideFolder();
    mkdirSync(path.join(outside, 'agenda/partials'), { recursive: true });
    writeFileSync(path.join(outside, 'agenda/partials/cover.hbs'), `<p>${SECRET}</p>\n`);
    symlinkSync(outside, path.join(kit, 'templates'));
    const result = await build({ dir: kit, to: 'memory', only: ['agenda'], lang: 'en' });
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['kit/template-outside', 'templates']]);
    expect(result.diagnostics[0].message).toContain('outside the kit folder');
    expect(new TemplateSources(kit, builtinTemplatesDir()).partialsFor('agenda').get('cover')?.source).toBe('builtin');
  });

  it('accepts links that stay inside the kit', async () => {
    const kit = copyKit();
    mkdirSync(path.join(kit, 'shared'), { recursive: true });
    mkdirSync(path.join(kit, 'templates/agenda/partials'), { recursive: true });
    copyFileSync(path.join(ROOT, COVER), path.join(kit, 'shared/cover.hbs'));
    symlinkSync('../../../shared/cover.hbs', path.join(kit, COVER));
    const result = await build({ dir: kit, to: 'memory', only: ['agenda'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new TemplateSources(kit, builtinTemplatesDir()).partialsFor('agenda').get('cover')?.source).toBe('kit');
  });

  it('refuses an asset that is a link to an image outside the kit (asset/outside-kit)', async () => {
    const kit = copyKit();
    const outside = scratch();
    writeFileSync(path.join(outside, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    mkdirSync(path.join(kit, 'assets'));
    symlinkSync(path.join(outside, 'logo.png'), path.join(kit, 'assets/logo.png'));
    const manifest = readFileSync(path.join(kit, 'capa.yaml'), 'utf8').replace('  primary: "#1D4E89"\n', '  primary: "#1D4E89"\n  logo: assets/logo.png\n');
    writeFileSync(path.join(kit, 'capa.yaml'), manifest);
    const line = manifest.split('\n').indexOf('  logo: assets/logo.png') + 1;
    expect(await validateKit({ dir: kit })).toMatchObject([{ code: 'asset/outside-kit', file: 'capa.yaml', line, column: 9 }]);
  });
});

describe('templates cannot reach prototypes or the file system', () => {
  it.each([
    ['{{constructor.constructor}}'],
    ['{{lookup this "__proto__"}}'],
    ['{{#with (lookup this "constructor")}}{{name}}{{/with}}'],
    ['{{lookup (lookup this "constructor") "constructor"}}'],
    ['{{#each (lookup kit "__proto__")}}{{@key}}{{/each}}'],
  ])('%s gives no function, no crash', async (expression) => {
    const kit = copyKit();
    mkdirSync(path.join(kit, 'templates/agenda/partials'), { recursive: true });
    writeFileSync(path.join(kit, COVER), `<p>avant ${expression} après</p>\n`);
    const result = await build({ dir: kit, to: 'memory', only: ['agenda'] });
    // Either rendered as nothing, or refused with a diagnostic placed in the kit's own template.
    for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
      expect([d.code.startsWith('template/'), d.file, d.line]).toEqual([true, COVER, 1]);
    }
    if (!result.ok) return;
    const text = await pdfText(result.files[0].content);
    expect(text).toMatch(/avant\s+après/);
    expect(text).not.toMatch(/native code|function|Object|__proto__/);
  });
});

describe('--out and build.out never replace the kit sources or someone else’s files', () => {
  const refused = async (kit: string, out: string, reason: RegExp) => {
    const before = snapshot(kit);
    const err = await build({ dir: kit, out }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CapaError);
    expect(err).toMatchObject({ code: 'usage/out-unsafe', exitCode: 2 });
    expect((err as Error).message).toMatch(reason);
    expect(snapshot(kit)).toEqual(before);
  };

  it('refuses the kit folder itself and any folder holding it', async () => {
    const kit = copyKit();
    await refused(kit, kit, /est le dossier du kit ou le contient/);
    await refused(kit, path.dirname(kit), /est le dossier du kit ou le contient/);
  });

  it('refuses a folder holding a file the kit reads (templates, included YAML)', async () => {
    const kit = copyKit();
    mkdirSync(path.join(kit, 'templates/agenda'), { recursive: true });
    writeFileSync(path.join(kit, 'templates/agenda/main.hbs'), readFileSync(path.join(ROOT, 'templates/agenda/main.hbs')));
    await refused(kit, path.join(kit, 'templates'), /contient des fichiers du kit \(templates\)/);
    const nested = copyKit();
    mkdirSync(path.join(nested, 'parts'));
    writeFileSync(path.join(nested, 'parts/programme.yaml'), readFileSync(path.join(nested, 'programme.yaml')));
    writeFileSync(path.join(nested, 'programme.yaml'), '');
    writeFileSync(path.join(nested, 'capa.yaml'), readFileSync(path.join(nested, 'capa.yaml'), 'utf8').replace('include: [programme.yaml]', 'include: [parts/programme.yaml]'));
    await refused(nested, path.join(nested, 'parts'), /\(parts\/programme\.yaml\)/);
  });

  it('refuses a folder of files capa did not write, and a file', async () => {
    const kit = copyKit();
    const mine = path.join(scratch(), 'Documents');
    mkdirSync(mine);
    writeFileSync(path.join(mine, 'thèse.odt'), 'précieux');
    await refused(kit, mine, /contient « thèse\.odt », que capa n’a pas écrit/);
    expect(readFileSync(path.join(mine, 'thèse.odt'), 'utf8')).toBe('précieux');
    const file = path.join(scratch(), 'note.txt');
    writeFileSync(file, 'x');
    await refused(kit, file, /n’est pas un dossier/);
  });

  it('writes into a new folder outside the kit, then replaces its own output there', async () => {
    const kit = copyKit();
    const out = path.join(scratch(), 'sortie');
    expect((await build({ dir: kit, out, only: ['calendar'] })).ok).toBe(true);
    expect((await build({ dir: kit, out, only: ['calendar'] })).ok).toBe(true);
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });

  it('keeps the kit’s own build.out inside the kit: kit/out-unsafe, located', async () => {
    for (const [out, reason] of [['../sortie', /sort du dossier du kit/], ['.', /est le dossier du kit/], ['templates', /contient des fichiers du kit/]] as const) {
      const kit = copyKit();
      mkdirSync(path.join(kit, 'templates/agenda'), { recursive: true });
      writeFileSync(path.join(kit, 'templates/agenda/main.hbs'), readFileSync(path.join(ROOT, 'templates/agenda/main.hbs')));
      const manifest = readFileSync(path.join(kit, 'capa.yaml'), 'utf8') + `build:\n  out: "${out}"\n`;
      writeFileSync(path.join(kit, 'capa.yaml'), manifest);
      const before = snapshot(kit);
      const result = await build({ dir: kit });
      expect(result.ok).toBe(false);
      const line = manifest.split('\n').indexOf(`  out: "${out}"`) + 1;
      expect(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['kit/out-unsafe', 'capa.yaml', line, 8]]);
      expect(result.diagnostics[0].message).toMatch(reason);
      expect(snapshot(kit)).toEqual(before);
      expect(existsSync(path.join(path.dirname(kit), 'sortie'))).toBe(false);
    }
  });
});
