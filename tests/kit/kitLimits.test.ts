import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKit } from '../../scripts/generateKit.js';
import { KIT_LIMITS } from '../../src/kit/kitLimits.js';
import { loadKit } from '../../src/kit/loadKit.js';
import { resolveKit } from '../../src/kit/resolveKit.js';
import { tempKit } from '../helpers/tempKit.js';

const MANIFEST = 'capa: 1\nkit:\n  id: essai\n  title: Essai\n';
const where = (k: { diagnostics: Array<{ code: string; file?: string; line?: number; column?: number }> }) =>
  k.diagnostics.map((d) => [d.code, d.file, d.line, d.column]);
const load = (files: Record<string, string | Buffer>, lang: 'fr' | 'en' = 'en') => loadKit({ dir: tempKit(files), lang });

describe('text length, per kind of field: at the limit passes, one more character is a located kit/too-large', () => {
  const cases: Array<{ name: string; max: number; yaml: (text: string) => string; line: number; column: number; what: string }> = [
    { name: 'a title', max: KIT_LIMITS.maxShortChars, yaml: (t) => `threads:\n  - id: a\n    title: ${t}\n`, line: 7, column: 12, what: 'a title, a name or an id' },
    { name: 'an id in a list of ids', max: KIT_LIMITS.maxShortChars, yaml: (t) => `kit2:\n  organisers: [${t}]\n`, line: 6, column: 16, what: 'a title, a name or an id' },
    { name: 'a summary', max: KIT_LIMITS.maxProseChars, yaml: (t) => `use_cases:\n  - summary: "${t}"\n`, line: 6, column: 14, what: 'the field “summary”' },
    { name: 'a block scalar of notes', max: KIT_LIMITS.maxProseChars, yaml: (t) => `x:\n  notes: |\n    ${t}\n`, line: 6, column: 10, what: 'the field “notes”' },
    { name: 'an item of a text list', max: KIT_LIMITS.maxItemChars, yaml: (t) => `x:\n  problems:\n    - ${t}\n`, line: 7, column: 7, what: 'a list item' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      // A block scalar keeps its final newline: one character fewer written.
      const block = c.name.includes('block') ? 1 : 0;
      expect(where(await load({ 'capa.yaml': MANIFEST + c.yaml('é'.repeat(c.max - block)) }))).toEqual([]);
      const kit = await load({ 'capa.yaml': MANIFEST + c.yaml('é'.repeat(c.max + 1 - block)) });
      expect(where(kit)).toEqual([['kit/too-large', 'capa.yaml', c.line, c.column]]);
      expect(kit.diagnostics[0].message).toBe(`this text is ${c.max + 1} characters long; capa accepts at most ${c.max} for ${c.what}`);
    });
  }

  it('a key', async () => {
    const key = 'k'.repeat(KIT_LIMITS.maxKeyChars + 1);
    const kit = await load({ 'capa.yaml': MANIFEST + `x:\n  ${key}: 1\n` }, 'fr');
    expect(where(kit)).toEqual([['kit/too-large', 'capa.yaml', 6, 3]]);
    expect(kit.diagnostics[0].message).toBe(`cette clé fait ${KIT_LIMITS.maxKeyChars + 1} caractères ; une clé en a au plus ${KIT_LIMITS.maxKeyChars}`);
  });

  it('a huge kit.title (1 MB) is refused at load, before any layout', async () => {
    const kit = await load({ 'capa.yaml': `capa: 1\nkit:\n  id: essai\n  title: ${'a'.repeat(1024 * 1024)}\n` });
    expect(where(kit)).toEqual([['kit/too-large', 'capa.yaml', 4, 10]]);
  });
});

describe('sizes of mappings and lists, and nesting', () => {
  it('keys in one mapping', async () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `    r${i}: off\n`).join('');
    expect(where(await load({ 'capa.yaml': MANIFEST + 'lint:\n  rules:\n' + keys(KIT_LIMITS.maxKeys) }))).toEqual([]);
    const kit = await load({ 'capa.yaml': MANIFEST + 'lint:\n  rules:\n' + keys(KIT_LIMITS.maxKeys + 1) });
    expect(where(kit)).toEqual([['kit/too-large', 'capa.yaml', 7, 5]]);
    expect(kit.diagnostics[0].message).toBe(`this block has ${KIT_LIMITS.maxKeys + 1} keys; capa accepts at most ${KIT_LIMITS.maxKeys} in one block`);
  });

  it('slots in one day', async () => {
    const day = (n: number) => 'sessions:\n  - days:\n      - slots:\n' + '          - {title: x, duration: 1}\n'.repeat(n);
    expect(where(await load({ 'capa.yaml': MANIFEST + day(KIT_LIMITS.maxSlotsPerDay) }))).toEqual([]);
    const kit = await load({ 'capa.yaml': MANIFEST + day(KIT_LIMITS.maxSlotsPerDay + 1) });
    expect(where(kit)).toEqual([['kit/too-large', 'capa.yaml', 8, 11]]);
    expect(kit.diagnostics[0].message).toBe(`this day has ${KIT_LIMITS.maxSlotsPerDay + 1} slots; capa accepts at most ${KIT_LIMITS.maxSlotsPerDay} per day`);
  });

  it('items of one list, in one file and once the lists of several files are merged', async () => {
    const people = (n: number, from = 0) => 'people:\n' + Array.from({ length: n }, (_, i) => `  - p${from + i}\n`).join('');
    const one = await load({ 'capa.yaml': MANIFEST + people(KIT_LIMITS.maxItems + 1) });
    expect(where(one)).toEqual([['kit/too-large', 'capa.yaml', 6, 3]]);
    const half = KIT_LIMITS.maxItems / 2;
    const files = { 'capa.yaml': MANIFEST + 'include: [a.yaml, b.yaml, c.yaml, d.yaml]\n' + people(1), 'a.yaml': people(half - 1, 1), 'b.yaml': people(half, half), 'c.yaml': people(1, 2 * half), 'd.yaml': people(1, 2 * half + 1) };
    const merged = await load(files);
    // capa.yaml + a.yaml + b.yaml hold exactly the limit; c.yaml's item is one too many, reported once (not again for d.yaml).
    expect(where(merged)).toEqual([['kit/too-large', 'c.yaml', 1, 1]]);
    expect(merged.diagnostics[0].message).toBe(`the list “people” has ${KIT_LIMITS.maxItems + 1} items once the files are merged; capa accepts at most ${KIT_LIMITS.maxItems}`);
    expect((merged.data.people as unknown[]).length).toBe(KIT_LIMITS.maxItems);
  });

  it('nesting, in block and flow style, far below where the parser would run out of stack', async () => {
    const flow = (n: number) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(where(await load({ 'capa.yaml': MANIFEST + flow(KIT_LIMITS.maxDepth - 1) }))).toEqual([]);
    expect(where(await load({ 'capa.yaml': MANIFEST + flow(KIT_LIMITS.maxDepth) }))).toEqual([['kit/too-large', 'capa.yaml', 5, 3 + KIT_LIMITS.maxDepth]]);
    const block = Array.from({ length: 40 }, (_, i) => `${' '.repeat(2 * i)}k:\n`).join('');
    expect(where(await load({ 'capa.yaml': MANIFEST + block }))).toEqual([['kit/too-large', 'capa.yaml', 5 + KIT_LIMITS.maxDepth, 2 * KIT_LIMITS.maxDepth + 1]]);
    // Deeper than yaml's own parser can go: its stack exhaustion is reported as the same limit, located.
    const deep = await load({ 'capa.yaml': MANIFEST + flow(20_000) });
    expect(deep.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['kit/too-large', 'capa.yaml', 5]]);
  });
});

describe('bytes', () => {
  it('the kit as a whole: stat before reading, no include read, reported at include', async () => {
    const third = Math.floor(KIT_LIMITS.maxKitBytes / 3) + 1;
    const dir = tempKit({ 'capa.yaml': MANIFEST + 'include: ["parts/*.yaml"]\n', 'parts/p1.yaml': '' });
    for (const n of [1, 2, 3]) writeFileSync(path.join(dir, `parts/p${n}.yaml`), '#'.repeat(third), { flag: 'w' });
    const kit = await loadKit({ dir, lang: 'en' });
    expect(where(kit)).toEqual([['kit/too-large', 'capa.yaml', 5, 1]]);
    expect(kit.diagnostics[0].message).toMatch(/^the kit’s YAML files total 16 MB; capa accepts at most 16 MB for a kit \(no included file was read\)$/);
    expect(kit.files.map((f) => f.file)).toEqual(['capa.yaml']);
  });

  it('lets the bench’s 5,000-workshop kit through every limit', async () => {
    const files = generateKit({ workshops: 5000 });
    const total = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(total).toBeLessThan(KIT_LIMITS.maxKitBytes / 2);
    const kit = await loadKit({ dir: tempKit(files) });
    expect(kit.diagnostics).toEqual([]);
    expect((kit.data.workshops as unknown[]).length).toBe(5000);
  }, 120_000);
});

describe('stack overflows at the root, below the limits', () => {
  it('a day of many slots is resolved without spreading them as arguments', async () => {
    // Built in memory, past the slot limit: the model must not depend on the limit to stay on the stack.
    const slots = Array.from({ length: 150_000 }, (_, i) => ({ title: `s${i}`, start: '09:00', duration: 1 }));
    const kit = await load({ 'capa.yaml': MANIFEST + 'sessions:\n  - id: s\n    title: S\n    days:\n      - date: 2027-05-03\n        start: "09:00"\n        slots: []\n' });
    const sessions = kit.data.sessions as Array<{ days: Array<{ slots: unknown[] }> }>;
    sessions[0].days[0].slots = slots;
    const resolved = resolveKit(kit);
    const day = resolved.kit.sessions[0].days[0];
    expect(day.slots).toHaveLength(150_000);
    expect([day.firstStart, day.lastEnd]).toEqual([9 * 60, 9 * 60 + 1]);
  });
});
