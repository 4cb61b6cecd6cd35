import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitYaml, scalar } from '../../scripts/emitYaml.js';
import { generateKit, generateKitData } from '../../scripts/generateKit.js';
import { checkKit, validateKit } from '../../src/check/validateKit.js';
import { LIMITS } from '../../src/defaults.js';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import { tempKit } from '../helpers/tempKit.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const brief = (list: Diagnostic[]) => list.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);

/** Every diagnostic of the kit, and proof that the model was built (so schedule and method rules ran). */
async function allDiagnostics(dir: string, lang: 'fr' | 'en'): Promise<Diagnostic[]> {
  const { kit, diagnostics } = await checkKit({ dir, lang });
  expect(kit).toBeDefined();
  return diagnostics;
}

describe('generateKit produces valid kits', () => {
  // 7: a short last day (one workshop in round two); 50: three sessions six weeks apart;
  // 150: nine sessions, weekly; 500: the benchmark's middle size, three workshop files.
  it.each([
    { workshops: 50, lang: 'fr' as const },
    { workshops: 7, lang: 'en' as const },
    { workshops: 150, lang: 'fr' as const },
    { workshops: 500, lang: 'fr' as const },
  ])('$workshops workshops ($lang): validateKit, schedule and method rules included, reports nothing', async ({ workshops, lang }) => {
    const dir = tempKit(generateKit({ workshops, lang, seed: 11 }));
    expect(brief(await validateKit({ dir, lang }))).toEqual([]);
    expect(brief(await allDiagnostics(dir, lang))).toEqual([]);
  });

  it('any size and seed gives a kit with no diagnostic (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('fr' as const, 'en' as const),
        async (workshops, seed, lang) => {
          const dir = tempKit(generateKit({ workshops, seed, lang }));
          expect(brief(await allDiagnostics(dir, lang))).toEqual([]);
        },
      ),
      { numRuns: 12, seed: 2027 },
    );
  });

  it('scales every part of the kit with the number of workshops', async () => {
    const dir = tempKit(generateKit({ workshops: 50 }));
    const { kit } = await checkKit({ dir });
    if (!kit) throw new Error('the generated kit was not resolved');
    expect(kit.workshops).toHaveLength(50);
    expect(kit.challenges).toHaveLength(10);
    expect(new Set(kit.challenges.map((c) => c.number)).size).toBe(10);
    expect(kit.sessions).toHaveLength(3);
    const days = kit.sessions.flatMap((s) => s.days);
    expect(days).toHaveLength(9);
    // Every workshop is placed once, in a slot it fits.
    const placed = days.flatMap((d) => d.slots.filter((s) => s.workshop)).map((s) => s.workshop!.id);
    expect(new Set(placed).size).toBe(50);
    expect(placed).toHaveLength(50);
    for (const t of kit.territories) {
      expect(t.population).toBeGreaterThanOrEqual(50_000);
      expect(t.population).toBeLessThanOrEqual(200_000);
    }
    expect(new Set(kit.territories.map((t) => t.kind)).size).toBe(kit.territories.length);
    expect(kit.useCases.every((u) => u.endUsers.length >= 2)).toBe(true);
    // The follow-up is twelve months after the last day (2027-06-03 → 2028-06-03 for this size).
    expect(kit.lastDate).toBe('2027-06-03');
    expect(kit.followUp?.date).toBe('2028-06-03');
  });

  it('keeps 5000 workshops within the loader limits (file size, number of included files)', () => {
    const files = generateKit({ workshops: 5000 });
    expect(Object.keys(files).length).toBeLessThanOrEqual(LIMITS.maxIncludedFiles);
    for (const [name, text] of Object.entries(files)) expect([name, Buffer.byteLength(text) < LIMITS.maxFileBytes]).toEqual([name, true]);
    const workshops = Object.entries(files).filter(([name]) => name.startsWith('workshops/'));
    expect(workshops.map(([, text]) => text.match(/^ {2}- id: /gm)?.length ?? 0).reduce((a, b) => a + b, 0)).toBe(5000);
  });
});

describe('generateKit text', () => {
  it('is the same for the same seed and differs for another seed', () => {
    expect(generateKit({ workshops: 60, seed: 5 })).toEqual(generateKit({ workshops: 60, seed: 5 }));
    expect(generateKit({ workshops: 60, seed: 5 })['participants.yaml']).not.toEqual(generateKit({ workshops: 60, seed: 6 })['participants.yaml']);
  });

  it('is French by default, with accents, and English on request', () => {
    const fr = generateKit({ workshops: 6 });
    expect(fr['capa.yaml']).toContain('lang: fr');
    expect(fr['sessions/sessions-001.yaml']).toContain('Réinterroger le collectif');
    expect(generateKit({ workshops: 6, lang: 'en' })['sessions/sessions-001.yaml']).toContain('Ask the group');
  });

  it('reads back as exactly the data it was written from', () => {
    const data = generateKitData({ workshops: 40, seed: 9 });
    const text = generateKit({ workshops: 40, seed: 9 });
    for (const [name, { data: value }] of Object.entries(data)) {
      expect([name, parse(text[name])]).toEqual([name, JSON.parse(JSON.stringify(value))]);
    }
  });

  it('quotes the scalars YAML would misread and leaves plain French text alone', () => {
    expect(scalar('09:00', false)).toBe('"09:00"');
    expect(scalar('Atelier : la suite', false)).toBe('"Atelier : la suite"');
    expect(scalar('1 quai Est, 17000 Ville', true)).toBe('"1 quai Est, 17000 Ville"');
    expect(scalar('1 quai Est, 17000 Ville', false)).toBe('1 quai Est, 17000 Ville');
    expect(scalar('#1D4E89', false)).toBe('"#1D4E89"');
    for (const s of ['true', 'no', '120', '1.5', '0x1F', '*alias', 'Un # commentaire', 'fin ']) expect(scalar(s, false)).toBe(JSON.stringify(s));
    expect(scalar('Réinterroger le collectif', true)).toBe('Réinterroger le collectif');
    expect(scalar('2027-05-12', false)).toBe('2027-05-12');
    expect(parse(emitYaml({ a: ['x, y', '[z]', 'q?'], b: 'l1\nl2\n', c: { d: [] } }))).toEqual({ a: ['x, y', '[z]', 'q?'], b: 'l1\nl2\n', c: { d: [] } });
  });

  it('refuses a number of workshops that is not a positive integer', () => {
    expect(() => generateKit({ workshops: 0 })).toThrow(RangeError);
    expect(() => generateKit({ workshops: Number.NaN })).toThrow(RangeError);
  });
});

describe('generateKit command line', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

  it('writes the kit into --out and refuses to overwrite one without --force', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'capa-gen-')), 'kit');
    dirs.push(path.dirname(out));
    const stdout = execFileSync(tsx, ['scripts/generateKit.ts', '--workshops', '12', '--out', out, '--seed', '4'], { cwd: ROOT, encoding: 'utf8' });
    expect(stdout).toMatch(/^\d+ files, \d+ KiB, 12 workshops → /);
    expect(readFileSync(path.join(out, 'capa.yaml'), 'utf8')).toBe(generateKit({ workshops: 12, seed: 4 })['capa.yaml']);
    expect(existsSync(path.join(out, 'sessions/sessions-001.yaml'))).toBe(true);
    const again = spawnSync(tsx, ['scripts/generateKit.ts', '--workshops', '12', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect([again.status, again.stderr]).toEqual([2, expect.stringContaining('--force')]);
  });

  it('exits 2 with the usage when --workshops is missing', () => {
    const run = spawnSync(tsx, ['scripts/generateKit.ts', '--out', '/tmp/nowhere'], { cwd: ROOT, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('usage: npx tsx scripts/generateKit.ts')]);
  });
});
