import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import type { Kit } from '../../src/kit/Kit.js';
import { checkKit } from '../../src/check/validateKit.js';
import { formatDate } from '../../src/render/format.js';
import { readPdf, seen, type ReadPdf } from '../helpers/pdf.js';
import { ROOT } from '../helpers/tempKit.js';

// The reference kit built end to end, as a territory forking it would: every défi, workshop and day
// must reach the documents that are about it.
const dir = path.join(ROOT, 'kits', 'capacities');
let kit: Kit;
let result: BuildResult;
const docs = new Map<string, ReadPdf>();
let ics = '';

beforeAll(async () => {
  kit = (await checkKit({ dir })).kit!;
  result = await build({ dir, to: 'memory' });
  for (const f of result.files) {
    if (f.file.endsWith('.pdf')) docs.set(f.file, await readPdf(f.content));
    else ics = f.content.toString('utf8').replace(/\r\n[ \t]/g, '');
  }
}, 180_000);

const flat = (file: string) => docs.get(file)!.flat.join(' ');
const workshopSlots = () => kit.sessions.flatMap((s) => s.days.flatMap((d) => d.slots.filter((slot) => slot.workshop)));

describe('kits/capacities built end to end', () => {
  it('builds every document of the README’s table of documents with no diagnostic', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.file).sort()).toEqual([
      'badges.pdf', 'carnet.pdf', 'cas-usage.pdf', 'defis.pdf', 'deroule.pdf', 'emargement.pdf', 'programme.ics', 'programme.pdf',
    ]);
  });

  it('puts the ten défis on the cards and in the carnet, in their three fils', () => {
    expect(kit.challenges.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(kit.challenges.map((c) => c.thread?.id)).size).toBe(3);
    for (const challenge of kit.challenges) {
      expect(flat('defis.pdf')).toContain(seen(challenge.title));
      expect(flat('carnet.pdf')).toContain(seen(challenge.title));
    }
  });

  it('shows every scheduled workshop in the agenda, the run-sheet, the carnet and the calendar', () => {
    const slots = workshopSlots();
    expect(slots.length).toBeGreaterThanOrEqual(15);
    for (const slot of slots) {
      const title = slot.workshop!.title;
      for (const file of ['programme.pdf', 'deroule.pdf', 'carnet.pdf']) expect(flat(file), `${title} in ${file}`).toContain(seen(title));
      expect(ics).toContain(`SUMMARY:${slot.title.replace(/([,;])/g, '\\$1')}`);
    }
  });

  it('gives each of the five days its agenda section, run-sheet pages and sign-in sheet', () => {
    const days = kit.sessions.flatMap((s) => s.days);
    expect(days).toHaveLength(5);
    for (const day of days) {
      // Headings capitalise the weekday (« Jeudi 11 mars 2027 »), running text does not.
      const date = seen(formatDate('fr', day.date!, 'long')).toLowerCase();
      // « 1er » has a raised « er » (<sup>): pdf.js reads it as its own item, which its text joins with a space.
      const read = (file: string) => flat(file).toLowerCase().replace(/(?<!\d)1 er\b/g, '1er');
      for (const file of ['programme.pdf', 'deroule.pdf', 'emargement.pdf']) expect(read(file), `${day.date} in ${file}`).toContain(date);
    }
    expect(docs.get('emargement.pdf')!.pages).toBeGreaterThanOrEqual(5);
  });

  it('gives every use case its sheet and every person a badge', () => {
    for (const useCase of kit.useCases) expect(flat('cas-usage.pdf')).toContain(seen(useCase.title));
    for (const person of kit.people) expect(flat('badges.pdf')).toContain(seen(person.name));
  });
});
