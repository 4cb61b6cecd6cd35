import { beforeAll, describe, expect, it } from 'vitest';
import { generateKit } from '../../scripts/generateKit.js';
import { carnetModel } from '../../src/documents/carnet.js';
import type { Kit } from '../../src/kit/Kit.js';
import { tempKit } from '../helpers/tempKit.js';
import { buildCarnet, kitOf, plain, readCarnet, type ReadCarnet } from './carnetPdf.js';

/**
 * Maps too large for one page (a national programme): one diagram page per thread, a large thread over several
 * pages, every défi on a map page; smaller maps stay on one page.
 */

/** The map pages: from the map title to the page before the first session. */
function mapPages(read: ReadCarnet): string[] {
  const first = read.text.findIndex((t, i) => i >= 2 && t.startsWith('La carte des défis'));
  const end = read.text.findIndex((t, i) => i > first && /Session 1 — /.test(t));
  expect(first).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(first);
  return read.text.slice(first, end);
}

/** The page (index in `pages`) that shows défi `c`, or -1. */
const pageOfChallenge = (pages: string[], c: Kit['challenges'][number]) =>
  pages.findIndex((t) => t.includes(plain(`Défi n° ${c.number} ${c.title}`)));

async function built(dir: string) {
  const { result, pdf } = await buildCarnet(dir);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { read: await readCarnet(pdf!), ...(await kitOf(dir)) };
}

describe('carnet of a generated 500-workshop kit', () => {
  let read: ReadCarnet;
  let kit: Kit;
  beforeAll(async () => {
    ({ read, kit } = await built(tempKit(generateKit({ workshops: 500 }))));
  }, 120_000);

  it('draws one map page per thread, headed by the thread', () => {
    const pages = mapPages(read);
    expect(kit.threads).toHaveLength(10);
    expect(pages).toHaveLength(10);
    kit.threads.forEach((t, i) => expect(pages[i]).toContain(plain(`Fil : ${t.title} Fils Défis Cas d'usage`)));
    expect(pages[0]).toMatch(/^La carte des défis Les fils /);
    expect(read.outline).toContain(plain(`Fil : ${kit.threads[9].title}`));
  });

  it('puts every défi on the map page of its thread, with the use cases it draws on', () => {
    const pages = mapPages(read);
    expect(kit.challenges).toHaveLength(100);
    for (const c of kit.challenges) {
      const page = pageOfChallenge(pages, c);
      expect(page, `défi ${c.number}`).toBe(kit.threads.indexOf(c.thread!));
      for (const u of c.useCases) expect(pages[page]).toContain(plain(u.title));
    }
  });
});

describe('carnet of a kit whose one thread holds every défi', () => {
  let read: ReadCarnet;
  let kit: Kit;
  beforeAll(async () => {
    const files = generateKit({ workshops: 150 });
    files['challenges.yaml'] = files['challenges.yaml'].replace(/thread: fil-\d+/g, 'thread: fil-1');
    ({ read, kit } = await built(tempKit(files)));
  }, 120_000);

  it('splits the thread over several pages with continuation titles, every défi once', () => {
    const pages = mapPages(read);
    const parts = pages.filter((t) => t.includes(plain(`Fil : ${kit.threads[0].title} (`)));
    expect(kit.challenges).toHaveLength(30);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((t, i) => expect(t).toContain(`(${i + 1}/${parts.length}) Fils Défis`));
    const seen = kit.challenges.map((c) => pages.filter((t) => t.includes(plain(`Défi n° ${c.number} ${c.title}`))).length);
    expect(seen).toEqual(kit.challenges.map(() => 1));
    // Défis in number order across the parts.
    const where = kit.challenges.map((c) => pageOfChallenge(pages, c));
    expect(where).toEqual([...where].sort((a, b) => a - b));
  });

  it('draws the threads with no défi on a last map page', () => {
    const pages = mapPages(read);
    const last = pages[pages.length - 1];
    // Only threads are left over (every use case is drawn on by a défi), and the heading says so.
    expect(last).toMatch(/^Fils Fils Défis Cas d'usage /);
    for (const t of kit.threads.slice(1)) expect(last).toContain(plain(t.title));
  });
});

describe('maps that fit one page stay one page', () => {
  it.each(['kits/demo', 'kits/capacities'])('%s: one diagram, not split', async (dir) => {
    const { kit, loaded } = await kitOf(dir);
    const map = carnetModel(kit, loaded).map;
    expect(map.split).toBe(false);
    expect(map.pages).toHaveLength(1);
    expect(map.pages[0].challenges).toHaveLength(kit.challenges.length);
    expect(map.pages[0].maxHeight).toBe('205mm');
  });

  it('a generated 50-workshop kit builds with its map on one page', async () => {
    const { read, kit } = await built(tempKit(generateKit({ workshops: 50 })));
    const pages = mapPages(read);
    expect(pages).toHaveLength(1);
    for (const c of kit.challenges) expect(pages[0]).toContain(plain(`Défi n° ${c.number} ${c.title}`));
    expect(pages[0]).not.toContain('Fil :');
  }, 60_000);
});
