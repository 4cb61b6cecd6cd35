/**
 * Part of `npm run build` (after tsc): bundles the command line that bin/capa.js runs into a few files
 * in lib/bundle/. Node then opens 4 files of capa's own code for `capa validate` instead of some 75
 * modules, each resolved, read, compiled and linked on its own: this is most of that command's
 * start-up. Packages stay outside (imported from node_modules as before; chalk excepted), and lib/ keeps every module
 * tsc wrote: the scripts, the tests and the document worker threads import them from there.
 *
 * The chunks follow what a run needs, so nothing is loaded earlier than without the bundle:
 * - main.cjs and the `main` chunk: what lib/cli/main.js imports statically (all `capa --version` loads);
 * - `cli`: the command line every command loads (registerCommands and its imports, chalk), and the small
 *   helpers the template commands share with the checks, so `capa templates list` loads no check;
 * - `validate`: `capa validate` and the check cache, which serves an unchanged kit without the checks;
 * - `edited`: what reads one YAML file of the kit (shared with `check`), for a kit whose only edits leave its data
 *   as they were (src/check/editedKit.ts): the check cache then answers without the checks;
 * - `check`: the kit checks (validateKit and its imports), loaded when the check cache has no answer;
 * - everything else where rolldown puts it, behind the same lazy `import()`s as the modules.
 *
 * `import.meta.url` in a bundled module still names the module's own file in lib/: templates, schemas,
 * the generated validator and templates, the document worker are found where they were, relative to it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));
const BUNDLE_DIR = path.join(lib, 'bundle');
/** Written last: see the end of this file. */
const BUILD_ID = 'build-id.txt';

const moduleUrl = {
  name: 'module-url',
  transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    const rel = path.relative(BUNDLE_DIR, id).split(path.sep).join('/');
    return { code: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), map: null };
  },
};

/** Packages bundled into capa's chunks rather than imported from node_modules at run time. */
const INSIDE = /^(chalk|htmlparser2|entities)(\/|$)/;

/**
 * The yaml package is 73 CommonJS files: Node resolved, read and compiled each one when a kit file had to be
 * parsed (~60 ms of CPU under load, ~20 ms as one file, measured). The command line requires one file of the same
 * code instead, written below; lib/ modules (workers, scripts, tests) still require the package.
 */
const YAML_FILE = 'yaml.cjs';
const yamlVersion = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('yaml/package.json')), 'utf8')).version;
const oneFileYaml = {
  name: 'one-file-yaml',
  transform(code, id) {
    // The parse cache's entries name yaml's version: the one bundled, written in, rather than looked up in
    // node_modules at run time (a package resolution, 5-17 ms of CPU of an edited kit's `capa validate`, measured).
    if (id.endsWith(`${path.sep}kit${path.sep}yamlCache.js`)) {
      if (!code.includes("require('yaml/package.json')")) throw new Error(`${id} no longer requires 'yaml/package.json': update scripts/bundleCli.mjs`);
      return { code: code.replace("require('yaml/package.json')", `({ version: ${JSON.stringify(yamlVersion)} })`), map: null };
    }
    if (!id.endsWith(`${path.sep}kit${path.sep}yamlLib.js`)) return null;
    if (!code.includes("require('yaml')")) throw new Error(`${id} no longer requires 'yaml': update scripts/bundleCli.mjs`);
    return { code: code.replace("require('yaml')", `require('../bundle/${YAML_FILE}')`), map: null };
  },
};

rmSync(BUNDLE_DIR, { recursive: true, force: true });
const yaml = await rolldown({ input: 'yaml', platform: 'node', logLevel: 'warn' });
const yamlLicense = readFileSync(fileURLToPath(import.meta.resolve('yaml/package.json').replace(/package\.json$/, 'LICENSE')), 'utf8');
await yaml.write({ file: path.join(BUNDLE_DIR, YAML_FILE), format: 'cjs', sourcemap: false, banner: `/* The yaml package, bundled. Its license:\n\n${yamlLicense.replaceAll('*/', '* /')}*/` });
await yaml.close();

const bundle = await rolldown({
  input: { main: path.join(lib, 'cli', 'main.js') },
  platform: 'node',
  // Packages (and node: modules) are imported at run time, as from lib/, except chalk: every command that prints
  // loads it, and as an ES module package of four files it cost Node a package lookup and four module loads
  // (~15-30 ms of CPU of a `capa validate` served by the check cache, measured). Likewise htmlparser2 (and the
  // entity decoder it uses): capa uses only its Parser, and its package entry also loads domhandler, domutils and
  // dom-serializer with its own copy of entities, ~20 modules (~20-30 ms of CPU per build, measured).
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !INSIDE.test(id) && !id.startsWith('#'),
  plugins: [oneFileYaml, moduleUrl],
  logLevel: 'warn',
});
await bundle.write({
  dir: BUNDLE_DIR,
  // CommonJS, so that bin/capa.js can keep the code V8 compiles for it between runs (src/cli/codeCache.ts: Node
  // gives an ES module's compiled code to no program). Its imports of packages become `require`s of their CommonJS
  // builds: pdfkit, fontkit, luxon and the others ship one beside their ES module, from the same sources, and the
  // documents come out byte-identical (tests/documents/*identical*).
  format: 'cjs',
  entryFileNames: '[name].cjs',
  chunkFileNames: '[name]-[hash].cjs',
  // No source map: the package ships none (tests/ship/pack.test.ts). A stack trace names the bundled
  // function and chunk line; each module's code follows a `// lib/…` comment naming its file.
  sourcemap: false,
  codeSplitting: {
    groups: [
      { name: 'main', tags: ['$initial'], priority: 3 },
      { name: 'cli', test: /[\\/]lib[\\/](cli[\\/]registerCommands|kit[\\/]isInside)\.js$|[\\/]node_modules[\\/]chalk[\\/]/, priority: 2 },
      { name: 'validate', test: /[\\/]lib[\\/](cli[\\/]commands[\\/]validateCommand|check[\\/]checkCache)\.js$/, priority: 1 },
      { name: 'edited', test: /[\\/]lib[\\/](check[\\/]editedKit|kit[\\/](readYamlFile|scanYaml|yamlLib|readKitFile|dataDigest))\.js$/, priority: 1 },
      { name: 'check', test: /[\\/]lib[\\/]check[\\/]validateKit\.js$/, priority: 1 },
    ],
  },
});
await bundle.close();

// The build's identity (sha256 of every file under lib/): a document stored by an earlier build is reused only by
// the same code (src/documents/storedDocuments.ts).
const hash = createHash('sha256');
const walk = (dir, rel) => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = rel + entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), `${name}/`);
    else if (entry.isFile() && name !== BUILD_ID) hash.update(name).update('\0').update(readFileSync(path.join(dir, entry.name))).update('\0');
  }
};
walk(lib, '');
writeFileSync(path.join(lib, BUILD_ID), `${hash.digest('hex')}\n`);
