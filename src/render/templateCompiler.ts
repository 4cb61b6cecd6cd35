import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import { installDataOrigins } from './dataOrigins.js';
import { installSourceMarkers, type MarkedPlace } from './sourceMarkers.js';
import { installStrictLookups } from './strictLookups.js';
import type { TemplateFile } from './TemplateSources.js';

export type HandlebarsEnv = typeof Handlebars;
export type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/**
 * How every template is compiled, at run time (`createRenderer`) and at build time (the built-in
 * templates, `scripts/precompileTemplates.mjs`): both must give the same code.
 * `trackIds` gives helpers the paths of their arguments, so `{{time slot.start}}` can name `slot.start`.
 * `log` is unregistered (it prints); `knownHelpers` stops the compiler from calling it directly.
 */
export function compileOptions(srcName: string): CompileOptions {
  return { strict: true, trackIds: true, srcName, knownHelpers: { log: false } } as CompileOptions;
}

const require = createRequire(import.meta.url);

/** Handlebars' runtime alone: all that templates compiled ahead (capa's own, `builtinTemplates.ts`) need. */
export function handlebarsRuntime(): HandlebarsEnv {
  return require('handlebars/runtime') as HandlebarsEnv;
}

/** What Handlebars' full build adds to an environment (its `create`): the parser and the compilers. */
const COMPILER_PARTS = ['compile', 'precompile', 'AST', 'Compiler', 'JavaScriptCompiler', 'Parser', 'parse', 'parseWithoutProcessing'] as const;

/**
 * A Handlebars environment with capa's strict lookups and source markers (`register` numbers each place).
 * It starts as the runtime: the parser and compilers (~600 KB of code, ~16 ms of CPU to load on Node 20) are loaded
 * and set up the first time one of them is used, which a build with capa's own templates, all compiled ahead, never does.
 */
export function createTemplateEnv(register: (place: MarkedPlace) => number): HandlebarsEnv {
  const hb = handlebarsRuntime().create();
  // Handlebars logs denied prototype lookups to the console; library code never prints
  // (the lookup still returns nothing). Level 4 is above `error`: nothing is logged.
  (hb.logger as { level: number | string }).level = 4;
  installDataOrigins(hb);
  let ready = false;
  const compiler = () => {
    if (!ready) {
      ready = true;
      attachCompiler(hb);
      installStrictLookups(hb);
      installSourceMarkers(hb, register);
    }
    return hb as unknown as Record<string, unknown>;
  };
  for (const name of COMPILER_PARTS) Object.defineProperty(hb, name, { configurable: true, enumerable: true, get: () => compiler()[name] });
  return hb;
}

/** A module's default export as Babel's interop (which Handlebars' build uses) reads it. */
function interop(m: unknown): unknown {
  return (m as { __esModule?: boolean })?.__esModule ? (m as { default: unknown }).default : m;
}

/** The same parts Handlebars' full build gives an environment it creates (dist/cjs/handlebars.js, `create`). */
function attachCompiler(hb: HandlebarsEnv): void {
  const dir = 'handlebars/dist/cjs/handlebars/compiler/';
  type Compile = (input: unknown, options: unknown, env: HandlebarsEnv) => unknown;
  const compiler = require(`${dir}compiler.js`) as { compile: Compile; precompile: Compile; Compiler: unknown };
  const base = require(`${dir}base.js`) as { parser: unknown; parse: unknown; parseWithoutProcessing: unknown };
  const parts: Record<(typeof COMPILER_PARTS)[number], unknown> = {
    compile: (input: unknown, options: unknown) => compiler.compile(input, options, hb),
    precompile: (input: unknown, options: unknown) => compiler.precompile(input, options, hb),
    AST: interop(require(`${dir}ast.js`)),
    Compiler: compiler.Compiler,
    JavaScriptCompiler: interop(require(`${dir}javascript-compiler.js`)),
    Parser: base.parser,
    parse: base.parse,
    parseWithoutProcessing: base.parseWithoutProcessing,
  };
  for (const name of COMPILER_PARTS) Object.defineProperty(hb, name, { configurable: true, enumerable: true, writable: true, value: parts[name] });
}

/**
 * The name a template is compiled under (`srcName`): it is in every location of the compiled code
 * and of the source markers. Origin and display path rather than the absolute path, so code
 * precompiled when capa is built stays right wherever capa is installed.
 */
export function templateSourceId(file: TemplateFile): string {
  return `${file.source}:${file.file}`;
}

// Kept apart so that reading label files (i18n.ts) does not load Handlebars.
export { templateHash } from './templateHash.js';
