import Handlebars from 'handlebars';
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

/** A Handlebars environment with capa's strict lookups and source markers (`register` numbers each place). */
export function createTemplateEnv(register: (place: MarkedPlace) => number): HandlebarsEnv {
  const hb = Handlebars.create();
  installStrictLookups(hb);
  // Handlebars logs denied prototype lookups to the console; library code never prints
  // (the lookup still returns nothing). Level 4 is above `error`: nothing is logged.
  (hb.logger as { level: number | string }).level = 4;
  installSourceMarkers(hb, register);
  installDataOrigins(hb);
  return hb;
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
