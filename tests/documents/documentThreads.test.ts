import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKit } from '../../scripts/generateKit.js';
import { checkKit } from '../../src/check/validateKit.js';
import { DOCUMENTS, type DocumentName } from '../../src/defaults.js';
import { documentCost, documentThreads } from '../../src/documents/documentThreads.js';
import type { Kit } from '../../src/kit/Kit.js';
import { UsageError } from '../../src/report/CapaError.js';
import { ROOT, tempKit } from '../helpers/tempKit.js';

const ALL = Object.keys(DOCUMENTS) as DocumentName[];
let capacities: Kit;
let large: Kit;

beforeAll(async () => {
  capacities = (await checkKit({ dir: path.join(ROOT, 'kits/capacities') })).kit!;
  large = (await checkKit({ dir: tempKit(generateKit({ workshops: 300, seed: 1 })) })).kit!;
}, 120_000);

const threads = (kit: Kit, cores: number, more: Partial<Parameters<typeof documentThreads>[0]> = {}) =>
  documentThreads({ names: ALL, kit, cached: false, lang: 'fr', cores, ...more });

describe('how many threads make the documents', () => {
  it('one on 2 cores, where a worker measured no faster, whatever the kit', () => {
    expect(threads(large, 2)).toBe(1);
    expect(threads(capacities, 2)).toBe(1);
  });

  it('on more cores, up to three for a large kit (one core left), one for a kit whose documents cost less than a worker', () => {
    expect(threads(large, 3)).toBe(2);
    expect(threads(large, 4)).toBe(3);
    expect(threads(large, 16)).toBe(3);
    expect(threads(capacities, 16)).toBe(1);
  });

  it('one for --watch (its reusable PDFs are in this thread) and for a single document', () => {
    expect(threads(large, 8, { cached: true })).toBe(1);
    expect(threads(large, 8, { names: ['carnet'] })).toBe(1);
  });

  it('as asked (`threads`, CAPA_WORKERS), no more than there are documents', () => {
    expect(threads(capacities, 2, { threads: 2 })).toBe(2);
    expect(threads(large, 8, { threads: 1 })).toBe(1);
    expect(threads(large, 2, { threads: 12 })).toBe(ALL.length);
    const saved = process.env.CAPA_WORKERS;
    try {
      process.env.CAPA_WORKERS = ' 2 ';
      expect(threads(capacities, 1)).toBe(2);
      for (const bad of ['0', '-1', '1.5', 'deux', '65']) {
        process.env.CAPA_WORKERS = bad;
        expect(() => threads(capacities, 8)).toThrow(UsageError);
        expect(() => threads(capacities, 8)).toThrow(expect.objectContaining({ code: 'usage/bad-workers', exitCode: 2 }));
      }
    } finally {
      if (saved === undefined) delete process.env.CAPA_WORKERS;
      else process.env.CAPA_WORKERS = saved;
    }
  });

  it('the costliest documents start first: the carnet, the run-sheet and the agenda of a large kit; the badges and the calendar last', () => {
    const order = [...ALL].sort((a, b) => documentCost(b, large) - documentCost(a, large));
    expect(order.slice(0, 3)).toEqual(['carnet', 'run-sheet', 'agenda']);
    expect(order.slice(-2).sort()).toEqual(['badges', 'calendar']);
  });
});
