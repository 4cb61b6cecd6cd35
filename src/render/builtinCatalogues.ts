import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Label } from './i18n.js';

const require = createRequire(import.meta.url);

/**
 * capa's own label files as read when capa was built (by text fingerprint, see `readCatalogue`'s `known`),
 * without loading Handlebars or checking the compiler that made the file: a label file's keys do not
 * depend on it. Undefined when running from src/ (tests), where the files are read instead.
 */
export function builtinCatalogues(): ReadonlyMap<string, ReadonlyArray<[string, Label]>> | undefined {
  const file = fileURLToPath(new URL('./builtinTemplates.generated.cjs', import.meta.url));
  if (!existsSync(file)) return undefined;
  const mod = require(file) as { catalogues?: Record<string, Array<[string, Label]>> };
  return mod.catalogues ? new Map(Object.entries(mod.catalogues)) : undefined;
}
