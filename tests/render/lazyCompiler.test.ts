import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFreshNode } from '../helpers/freshNode.js';
import { copyKit, ROOT } from '../helpers/tempKit.js';

/**
 * Builds `kit` (badges and cards) in a fresh Node process, from lib/ as `npm run build` made it (with the built-in
 * templates compiled ahead), and says which of Handlebars' files the process loaded and what the documents hold.
 */
function buildIn(kit: string): { compiler: string[]; runtime: boolean; files: Record<string, string>; errors: number } {
  const script = `import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
const { build } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'lib/build.js')).href)});
const result = await build({ dir: ${JSON.stringify(kit)}, to: 'memory', only: ['badges', 'cards'] });
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/handlebars/'));
console.log(JSON.stringify({
  compiler: loaded.filter((f) => f.includes('/compiler/')).map((f) => f.replace(/.*\\/compiler\\//, '')).sort(),
  runtime: loaded.some((f) => f.endsWith('handlebars.runtime.js')),
  files: Object.fromEntries(result.files.map((f) => [f.file, createHash('sha256').update(f.content).digest('hex')])),
  errors: result.diagnostics.filter((d) => d.severity === 'error').length,
}));
`;
  return JSON.parse(runFreshNode(script, { env: { ...process.env, CAPA_CACHE_DIR: '' } }));
}

describe('Handlebars’ compiler is loaded only for a template not compiled ahead', () => {
  it('a kit using capa’s templates runs on the runtime alone; a kit template of its own is compiled, with the same result', () => {
    const builtin = buildIn(join(ROOT, 'kits', 'capacities'));
    expect(builtin.errors).toBe(0);
    expect(builtin.runtime).toBe(true);
    expect(builtin.compiler).toEqual([]);
    // The same badge template, as the kit's own: compiled when the build runs, through capa's strict lookups and markers.
    const own = copyKit(join(ROOT, 'kits', 'capacities'), { 'templates/badges/main.hbs': readFileSync(join(ROOT, 'templates', 'badges', 'main.hbs')) });
    const kitTemplate = buildIn(own);
    expect(kitTemplate.errors).toBe(0);
    expect(kitTemplate.compiler).toEqual(expect.arrayContaining(['base.js', 'compiler.js', 'javascript-compiler.js']));
    expect(kitTemplate.files).toEqual(builtin.files);
    expect(Object.keys(builtin.files).sort()).toEqual(['badges.pdf', 'defis.pdf']);
  }, 120_000);
});
