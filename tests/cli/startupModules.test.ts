import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import module from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './cliHelpers.js';
import { copyKit } from '../helpers/tempKit.js';

/**
 * What a command loads is most of its start-up time: the small commands must not load the PDF and
 * template machinery (pdfkit, fontkit, the fonts, Handlebars, the image decoders), which is imported
 * where a document is made. Each run lists every module the process loaded, through a module hook
 * (ES modules, as Node resolves them) and the CommonJS module cache at exit.
 *
 * bin/capa.js runs the command line bundled by `npm run build` (scripts/bundleCli.mjs): capa's own code
 * comes from lib/bundle/, in chunks named after what they hold, not from the ~75 modules of lib/.
 */

interface Loaded {
  /** The packages (folder names under node_modules) the process loaded, with the files loaded from each. */
  packages: Map<string, string[]>;
  /** capa's own files the process loaded besides bin/capa.js, relative to lib/ (`bundle/main.cjs`). */
  own: string[];
}

/** The packages a `capa …` process loaded, with the files loaded from each. */
function loadedPackages(args: string[], env: Record<string, string> = {}): Map<string, string[]> {
  return loaded(args, env).packages;
}

function loaded(args: string[], env: Record<string, string> = {}): Loaded {
  const dir = tempDir();
  const list = join(dir, 'loaded.txt');
  writeFileSync(list, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(list)}, resolved.url + '\\n');
  return resolved;
}
`,
  );
  writeFileSync(
    join(dir, 'list.mjs'),
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register('./hooks.mjs', import.meta.url);
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join('\\n') + '\\n'));
`,
  );
  const run = spawnSync(process.execPath, ['--import', join(dir, 'list.mjs'), join(ROOT, 'bin', 'capa.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const packages = new Map<string, string[]>();
  const own = new Set<string>();
  const lib = pathToFileURL(join(ROOT, 'lib')).href + '/';
  for (const line of readFileSync(list, 'utf8').split('\n')) {
    const found = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(line);
    if (found) packages.set(found[1]!, [...(packages.get(found[1]!) ?? []), found[2]!]);
    else if (line.startsWith(lib)) own.add(line.slice(lib.length));
    else if (line.startsWith(join(ROOT, 'lib') + sep)) own.add(line.slice(join(ROOT, 'lib').length + 1).split(sep).join('/'));
  }
  return { packages, own: [...own].sort() };
}

/** The bundle's chunk names (`check-DpA3xZ1q.cjs` → `check`), and the other files of lib/ loaded (the bundled yaml as `bundle/yaml.cjs`). */
function ownFiles(files: string[]): string[] {
  return files.map((f) => f.replace(/^bundle\/(?!yaml\.cjs$)(.+?)(?:-[\w-]{8})?\.cjs$/, 'bundle:$1'));
}

/**
 * What bin/capa.js loads from lib/ before the bundle: the cache folder's rule (lib/kit/cacheFolder.js), and when the
 * cache is on, the code cache (lib/cli/codeCache.js) with the two small modules it needs.
 */
function cacheDirCheck(env: Record<string, string> = {}): string[] {
  const dir = env.CAPA_CACHE_DIR ?? process.env.CAPA_CACHE_DIR;
  return [...(dir !== '' ? ['cli/codeCache.js', 'kit/cacheFile.js'] : []), 'kit/cacheFolder.js', 'kit/usableCacheDir.js', ...(dir !== '' ? ['setV8Flag.js'] : [])];
}

/** Packages only documents need: none of them may load before a document is made. */
const DOCUMENT_PACKAGES = ['pdfkit', 'fontkit', 'handlebars', 'htmlparser2', 'hyphen', 'pngjs', 'jpeg-js', 'png-js', 'luxon', 'dejavu-fonts-ttf', '@expo-google-fonts/atkinson-hyperlegible-next', 'ajv', 'fflate'];

describe('what the small commands load', () => {
  it('`capa validate` on the reference kit loads the kit checks, not the document makers', () => {
    const kit = join(ROOT, 'kits', 'capacities');
    // With the parse cache (filled by the first run) and without it (the yaml library is then loaded).
    for (const env of [{ CAPA_CACHE_DIR: tempDir() }, { CAPA_CACHE_DIR: '' }]) {
      const run = loaded(['validate', kit], env);
      const packages = run.packages;
      expect(DOCUMENT_PACKAGES.filter((name) => packages.has(name))).toEqual([]);
      // No commander: `capa validate <dir>` with no option is run without it (src/cli/main.ts).
      // chalk is in the bundle (scripts/bundleCli.mjs), not loaded from its package; yaml is required as one
      // bundled file (lib/bundle/yaml.cjs), and its version (the parse cache's key) is written in the bundle.
      expect([...packages.keys()].sort()).toEqual(['ajv-formats', 'culori', 'fdir', 'picomatch', 'tinyglobby']);
      expect(run.own).toContain('bundle/yaml.cjs');
      // culori from its one-file build, not the ~450 files of its ES module entry.
      expect(packages.get('culori')).toEqual(['bundled/culori.cjs']);
    }
    // A run with a filled parse cache (filled in English, so the check cache, kept per language, misses) reads no
    // YAML with the library.
    const cache = tempDir();
    loadedPackages(['validate', kit], { CAPA_CACHE_DIR: cache, CAPA_LANG: 'en' });
    const second = loaded(['validate', kit], { CAPA_CACHE_DIR: cache, CAPA_LANG: 'fr' });
    // With an option, commander parses the command line.
    expect(loadedPackages(['validate', '--strict', kit], { CAPA_CACHE_DIR: cache }).has('commander')).toBe(true);
    expect(second.packages.has('yaml')).toBe(false);
    // capa's own code: the bundle's entry and main chunk, the command line, the validate command (with the check
    // cache), the checks, the bundler's helper, and the schema validator generated beside its module (found from it
    // through import.meta.url, as without the bundle). No module of lib/ itself.
    expect(ownFiles(second.own)).toEqual(['bundle:check', 'bundle:cli', 'bundle:edited', 'bundle:main', 'bundle:main', 'bundle:rolldown-runtime', 'bundle:validate', 'check/kitValidator.generated.cjs', ...cacheDirCheck({ CAPA_CACHE_DIR: cache })]);
    // The kit unchanged since, in the same language: its diagnostics come from the check cache (src/check/checkCache.ts),
    // and neither the checks, the schema validator nor any package is loaded.
    const third = loaded(['validate', kit], { CAPA_CACHE_DIR: cache, CAPA_LANG: 'fr' });
    expect([...third.packages.keys()]).toEqual([]);
    expect(ownFiles(third.own)).toEqual(['bundle:cli', 'bundle:main', 'bundle:main', 'bundle:rolldown-runtime', 'bundle:validate', ...cacheDirCheck({ CAPA_CACHE_DIR: cache })]);
    // One file edited, its data unchanged (a comment): that file is parsed, with the bundled yaml, and the check
    // cache answers (src/check/editedKit.ts): still no check, no schema validator, no package.
    const edited = copyKit(kit, { 'challenges.yaml': (t) => `${t}\n# une note\n` });
    rmSync(join(edited, 'dist'), { recursive: true, force: true });
    loaded(['validate', edited], { CAPA_CACHE_DIR: cache, CAPA_LANG: 'fr' });
    writeFileSync(join(edited, 'challenges.yaml'), `${readFileSync(join(edited, 'challenges.yaml'), 'utf8')}# une autre\n`);
    const fourth = loaded(['validate', edited], { CAPA_CACHE_DIR: cache, CAPA_LANG: 'fr' });
    expect(Object.fromEntries(fourth.packages)).toEqual({});
    expect(ownFiles(fourth.own)).toEqual(['bundle:cli', 'bundle:edited', 'bundle:main', 'bundle:main', 'bundle:rolldown-runtime', 'bundle:validate', 'bundle/yaml.cjs', ...cacheDirCheck({ CAPA_CACHE_DIR: cache })]);
  });

  it('`capa --version` loads no package; `capa schema` and `capa templates list` only the command line', () => {
    const version = loaded(['--version']);
    expect([...version.packages.keys()]).toEqual([]);
    expect(ownFiles(version.own)).toEqual(['bundle:main', 'bundle:main', ...cacheDirCheck()]);
    const schema = loaded(['schema']);
    expect([...schema.packages.keys()].sort()).toEqual(['commander']);
    const list = loaded(['templates', 'list', join(ROOT, 'kits', 'capacities')]);
    const templates = [...list.packages.keys()];
    expect(DOCUMENT_PACKAGES.filter((name) => templates.includes(name))).toEqual([]);
    expect(templates.filter((name) => !['commander', 'fastest-levenshtein'].includes(name))).toEqual([]);
    // Neither loads the kit checks' chunk.
    for (const own of [schema.own, list.own]) expect(ownFiles(own).filter((f) => !/^bundle:(main|cli|rolldown-runtime|schemaCommand|makeFolder|templatesCommand|TemplateSources)$/.test(f))).toEqual(cacheDirCheck());
  });
});
