import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { loadKit } from '../../src/kit/loadKit.js';
import { tempKit, yaml } from '../helpers/tempKit.js';
import { cacheDirPerTest } from '../helpers/cacheDir.js';

const BAD_KITS = path.resolve(import.meta.dirname, '../fixtures/bad-kits');

const manifest = yaml`
  capa: 1
  kit:
    id: essai
    title: Essai
`;

const cacheDir = cacheDirPerTest();
const entries = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((n) => n.endsWith('.bin')) : []);


describe('YAML parse cache', () => {
  it('gives a second load the same data and the same positions, from the cache', async () => {
    const dir = tempKit({
      'capa.yaml': manifest + 'include: [personnes.yaml]\nanchors: &a {x: [1, .inf, -0]}\nagain: *a\n',
      'personnes.yaml': 'people:\n  - id: b\n    name: B\n  - id: c\n    name: C\n',
    });
    const first = await loadKit({ dir });
    expect(entries()).toHaveLength(2);
    const second = await loadKit({ dir });
    expect(second.data).toStrictEqual(first.data);
    expect(Object.is((second.data.again as { x: number[] }).x[2], -0)).toBe(true);
    expect(second.diagnostics).toEqual(first.diagnostics);
    for (const at of [['people', 1, 'name'], ['kit', 'title'], ['people', 0, 'nope'], ['anchors']]) {
      expect(second.locate(at)).toEqual(first.locate(at));
      expect(second.locate(at, { key: true })).toEqual(first.locate(at, { key: true }));
    }
  });

  it('serves an entry only for the exact text it was parsed from', async () => {
    const dir = tempKit({ 'capa.yaml': manifest + 'theme: {primary: "#112233"}\n' });
    await loadKit({ dir });
    writeFileSync(path.join(dir, 'capa.yaml'), manifest + 'theme: {primary: "#445566"}\n');
    expect((await loadKit({ dir })).data.theme).toEqual({ primary: '#445566' });
  });

  it('keeps no file that has a YAML problem or makes yaml print a warning', async () => {
    const dir = tempKit({
      'capa.yaml': manifest + 'include: [a.yaml, b.yaml, c.yaml]\n',
      'a.yaml': 'people:\n  - id: a\n  - id: a\n    id: b\n',
      'b.yaml': 'lint:\n  rules:\n    [a, b]: off\n',
      'c.yaml': '- a list\n',
    });
    const first = await loadKit({ dir });
    expect(entries()).toHaveLength(1); // capa.yaml only
    const second = await loadKit({ dir });
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('parses again when an entry is unreadable', async () => {
    const dir = tempKit({ 'capa.yaml': manifest });
    const first = await loadKit({ dir });
    for (const name of entries()) writeFileSync(path.join(cacheDir(), name), 'not an entry');
    expect((await loadKit({ dir })).data).toStrictEqual(first.data);
  });

  it('is off when CAPA_CACHE_DIR is empty', async () => {
    process.env.CAPA_CACHE_DIR = '';
    await loadKit({ dir: tempKit({ 'capa.yaml': manifest }) });
    expect(existsSync(cacheDir())).toBe(false);
  });

  it('changes no diagnostic of the bad kits corpus', async () => {
    const kits = readdirSync(BAD_KITS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(BAD_KITS, e.name));
    for (const lang of ['fr', 'en'] as const) {
      for (const dir of kits) {
        const parsed = (await checkKit({ dir, lang })).diagnostics;
        const cached = (await checkKit({ dir, lang })).diagnostics;
        expect(cached, dir).toEqual(parsed);
      }
    }
    expect(entries().length).toBeGreaterThan(0);
  });
});
