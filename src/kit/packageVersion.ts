import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

const versions = new Map<string, string>();

/**
 * The version of an installed package (`fontkit/package.json`, or a path to capa's own), or `?`: part of the key of
 * caches of its work. A package whose `exports` hide its package.json (fontkit) is found from its entry point.
 * Remembered: `require` resolves the path again at each call.
 */
export function packageVersion(spec: string): string {
  let version = versions.get(spec);
  if (version === undefined) {
    version = readVersion(spec);
    versions.set(spec, version);
  }
  return version;
}

function readVersion(spec: string): string {
  try {
    return String((require(spec) as { version?: unknown }).version);
  } catch {
    // Not exported: from the entry point up to the folder of the package's own package.json.
  }
  try {
    const name = spec.replace(/\/package\.json$/, '');
    for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === name) return String(json.version);
    }
  } catch {
    // Not installed: `?`.
  }
  return '?';
}
