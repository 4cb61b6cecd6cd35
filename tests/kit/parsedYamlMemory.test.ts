import { describe, expect, it } from 'vitest';
import { runFreshNode } from '../helpers/freshNode.js';
import { tempKit } from '../helpers/tempKit.js';
import { cacheDirPerTest } from '../helpers/cacheDir.js';

const cacheDir = cacheDirPerTest();

/**
 * A first build parses every YAML file; a later one takes the data from the cache. What the loaded kit keeps must
 * not depend on which: the yaml documents (every node with its ranges, several times the data) of a 500-workshop kit
 * held ~12 MB for the whole of a first build.
 */
describe('memory kept by a loaded kit', () => {
  it('is about the same whether its files were parsed or came from the cache, and positions are still found', () => {
    const people = Array.from({ length: 4000 }, (_, i) => `  - id: p${i}\n    name: Personne numéro ${i}\n    role: participant\n`).join('');
    const dir = tempKit({
      'capa.yaml': 'capa: 1\nkit:\n  id: essai\n  title: Essai\ninclude: [personnes.yaml]\n',
      'personnes.yaml': `people:\n${people}`,
    });
    // Each load in a fresh Node with `gc`: the heap a loaded kit keeps, once with its files parsed (empty cache),
    // once with their data from the cache the first load filled.
    const warmUp = tempKit({ 'capa.yaml': 'capa: 1\nkit:\n  id: chauffe\n  title: Chauffe\n' });
    const script = `
      import { setFlagsFromString } from 'node:v8';
      import { runInNewContext } from 'node:vm';
      import { loadKit } from './lib/kit/loadKit.js';
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc');
      await loadKit({ dir: ${JSON.stringify(warmUp)} });
      gc(); const before = process.memoryUsage().heapUsed;
      const kit = await loadKit({ dir: ${JSON.stringify(dir)} });
      gc(); const kept = process.memoryUsage().heapUsed - before;
      console.log(JSON.stringify({ kept, at: kit.locate(['people', 3999, 'name']) }));
    `.replace(/^\s+/gm, '');
    const env = { ...process.env, CAPA_CACHE_DIR: cacheDir() };
    const parsed = JSON.parse(runFreshNode(script, { env }));
    const cached = JSON.parse(runFreshNode(script, { env }));
    expect(parsed.at).toEqual({ file: 'personnes.yaml', line: 3 + 3 * 3999, column: 11, path: '/people/3999/name' });
    expect(cached.at).toEqual(parsed.at);
    // With its yaml documents kept, the parsed kit held 7.2 MB, 8–9 times what the cached one holds; without, about
    // 1.8 MB (its strings are slices of the parsed text, and the parser's code compiled for this file stays). The
    // cached load's own figure moves with V8 (0.4–0.8 MB seen on Node 24), hence the floor of 3.5 MB.
    expect(parsed.kept).toBeLessThan(Math.max(3 * cached.kept, 3.5 * 1024 * 1024));
  });
});
