import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import { catalogueFile, readCatalogue, type Label } from './i18n.js';
import type { MarkedPlace } from './sourceMarkers.js';
import { compileOptions, createTemplateEnv, handlebarsRuntime, templateHash, templateSourceId } from './templateCompiler.js';

const require = createRequire(import.meta.url);

/**
 * The built-in templates compiled when capa is built (`npm run build` runs
 * `scripts/precompileTemplates.mjs`): compiling them at each start cost ~0.2 s of CPU.
 * Marker ids in the code index `places`, so a renderer starts its place list with these.
 * The built-in label files come read too (parsing their YAML cost ~50 ms at each start).
 */
export interface PrecompiledTemplates {
  places: MarkedPlace[];
  /** By `templateSourceId`: the template's text fingerprint and its Handlebars template spec. */
  templates: Map<string, { hash: string; spec: TemplateSpec }>;
  /** Labels of a label file without problems, by its text's fingerprint (`templateHash`). */
  catalogues: Map<string, Array<[string, Label]>>;
}

export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** The module `npm run build` writes next to the compiled `builtinTemplates.js`. */
export const PRECOMPILED_FILE = 'builtinTemplates.generated.cjs';

/** What the generated module exports. */
export interface PrecompiledModule {
  compiler: string;
  sources: string[];
  /** `[source index, line, column, 0 = text | 1 = value]` per marker id. */
  places: Array<[number, number, number, 0 | 1]>;
  templates: Record<string, { hash: string; spec: TemplateSpec }>;
  catalogues: Record<string, Array<[string, Label]>>;
}

let loaded: PrecompiledTemplates | null | undefined;

/**
 * What the compiled code depends on besides the template text: the Handlebars version and capa's
 * compiler changes (next to this module: `.js` once built, `.ts` when run from `src/`).
 */
function compilerFingerprint(): string {
  const hash = createHash('sha256').update(handlebarsRuntime().VERSION);
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  for (const name of ['templateCompiler', 'sourceMarkers', 'strictLookups', 'dataOrigins']) {
    hash.update(readFileSync(new URL(`./${name}.${ext}`, import.meta.url)));
  }
  return hash.digest('hex');
}

/**
 * The precompiled built-in templates, once per process; none when the file is missing (tests run
 * from `src/`) or was made by another compiler (Handlebars version, capa's changes). A template
 * edited since the build no longer matches its fingerprint and is compiled at run time like a kit's own.
 */
export function precompiledTemplates(): PrecompiledTemplates | undefined {
  if (loaded === undefined) {
    loaded = null;
    const file = fileURLToPath(new URL(`./${PRECOMPILED_FILE}`, import.meta.url));
    if (existsSync(file)) {
      const mod = require(file) as PrecompiledModule;
      if (mod.compiler === compilerFingerprint()) loaded = fromModule(mod);
    }
  }
  return loaded ?? undefined;
}

/** The generated module's exports, as the renderer uses them. */
export function fromModule(mod: PrecompiledModule): PrecompiledTemplates {
  return {
    places: mod.places.map(([s, line, column, kind]) => ({ source: mod.sources[s] ?? '', line, column, kind: kind ? 'value' : 'text' })),
    templates: new Map(Object.entries(mod.templates)),
    catalogues: new Map(Object.entries(mod.catalogues)),
  };
}

/** Every `.hbs` file under `dir`, as paths relative to it (`agenda/main.hbs`), sorted. */
function hbsFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...hbsFiles(dir, rel));
    else if (name.endsWith('.hbs')) out.push(rel);
  }
  return out;
}

/**
 * The source of the precompiled module for the templates in `builtinDir` (capa's `templates/`).
 * A template that does not compile is left out: the renderer compiles it and reports it as usual.
 */
export function precompileBuiltins(builtinDir: string): string {
  const places: MarkedPlace[] = [];
  const hb = createTemplateEnv((place) => places.push(place) - 1);
  const specs: string[] = [];
  for (const rel of hbsFiles(builtinDir)) {
    const abs = join(builtinDir, rel);
    const id = templateSourceId({ abs, file: `templates/${rel}`, source: 'builtin' });
    const text = readFileSync(abs, 'utf8');
    let code: string;
    try {
      // Same steps as the renderer: parse with `srcName`, then compile the AST.
      const ast = hb.parseWithoutProcessing(text, { srcName: id });
      const compiled = hb.precompile(ast, compileOptions(id)) as unknown as string | { code: string };
      code = typeof compiled === 'string' ? compiled : compiled.code;
    } catch {
      continue;
    }
    specs.push(`  ${JSON.stringify(id)}: { hash: ${JSON.stringify(templateHash(text))}, spec: ${code} },`);
  }
  const catalogues: string[] = [];
  for (const lang of ['fr', 'en'] as const) {
    const abs = join(builtinDir, catalogueFile(lang));
    if (!existsSync(abs)) continue;
    const read = readCatalogue({ templatesDir: builtinDir, lang, displayFile: abs, messageLang: lang });
    if (read.diagnostics.length > 0) continue;
    catalogues.push(`  ${JSON.stringify(templateHash(readFileSync(abs, 'utf8')))}: ${JSON.stringify([...read.catalogue])},`);
  }
  const sources = [...new Set(places.map((p) => p.source))];
  const table = places.map((p) => [sources.indexOf(p.source), p.line, p.column, p.kind === 'value' ? 1 : 0]);
  return [
    '// Generated by scripts/precompileTemplates.mjs (npm run build) from templates/: do not edit.',
    `exports.compiler = ${JSON.stringify(compilerFingerprint())};`,
    `exports.sources = ${JSON.stringify(sources)};`,
    `exports.places = ${JSON.stringify(table)};`,
    'exports.templates = {',
    ...specs,
    '};',
    'exports.catalogues = {',
    ...catalogues,
    '};',
    '',
  ].join('\n');
}
