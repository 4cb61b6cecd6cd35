import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
const require = createRequire(import.meta.url);
let lib: Yaml | undefined;

/**
 * The yaml library, loaded on first use: it costs ~70 ms of start-up, and a run whose files all come from
 * the parse cache needs it only to place a diagnostic. Synchronous, because `LoadedKit.locate` is.
 */
export function yamlLib(): Yaml {
  return (lib ??= require('yaml') as Yaml);
}
