import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fills, readPages } from '../helpers/layoutQuality.js';
import { readPdf, seen, type ReadPdf } from '../helpers/pdf.js';
import { copyKit, freshDir } from '../helpers/tempKit.js';

/**
 * The pagination defects once seen in the reference kit's documents, each checked on the built PDFs: running heads
 * that say which session and day a page continues, note lines that fill a workshop page, a day without workshop
 * that does not take a page alone, sign-in sheets without a page of blank rows.
 */

async function built(dir: string, only: string[]): Promise<Map<string, Buffer>> {
  const result = await build({ dir, only: only as never, to: 'memory' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(result.files.map((f) => [f.file, f.content as Buffer]));
}

describe('the reference kit', () => {
  let files: Map<string, Buffer>;
  let deroule: ReadPdf;
  let carnet: ReadPdf;
  beforeAll(async () => {
    files = await built('kits/capacities', ['run-sheet', 'carnet', 'sign-in']);
    deroule = await readPdf(files.get('deroule.pdf')!);
    carnet = await readPdf(files.get('carnet.pdf')!);
  }, 120_000);

  it('run sheet: every page says the session and day it belongs to', () => {
    const day = /(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+(er)? \S+ 2027/i;
    for (const [k, page] of deroule.flat.entries()) {
      // The day's title is on its first page; a continuation page has it in the running head only.
      expect(page, `page ${k + 1}`).toMatch(day);
      expect(page.split(seen('Déroulé — équipe d’animation'))[1] ?? '', `running head of page ${k + 1}`).toMatch(day);
    }
  });

  it('carnet: every session page says its session (and day) in the running head', () => {
    const first = carnet.flat.findIndex((t) => t.includes('Session 1 — '));
    const keys = carnet.flat.findIndex((t) => t.includes('Les clés du succès'));
    for (let k = first; k < keys; k++) expect(carnet.flat[k], `page ${k + 1}`).toMatch(/Carnet d’ateliers Session \d( · \S+ \d+(er)? \S+ 2027)?/);
  });

  it('carnet: a page of questions to answer is ruled down to its foot', async () => {
    const dir = freshDir('capa-carnet-');
    writeFileSync(path.join(dir, 'carnet.pdf'), files.get('carnet.pdf')!);
    const full = fills(await readPages(path.join(dir, 'carnet.pdf')));
    // Pages whose body ends with a question of a workshop not yet held (no outcome on it or the next page): the
    // question's lines follow it, and what the page left blank became lines too.
    const outcome = (k: number) => (carnet.flat[k] ?? '').includes('Ce qui en est ressorti');
    const asking = carnet.flat.flatMap((t, k) => (/\?\s*Expédition CAPAcities 2027 · Carnet d’ateliers/.test(t) && !outcome(k) && !outcome(k + 1) ? [k] : []));
    expect(asking.length).toBeGreaterThan(10);
    for (const k of asking) expect(full[k], `page ${k + 1}`).toBeGreaterThan(0.93);
  });

  it('sign-in: no page holds only blank rows; each group’s last sheet has its walk-in rows', async () => {
    const read = await readPdf(files.get('emargement.pdf')!);
    for (const [k, page] of read.flat.entries()) {
      expect(page, `page ${k + 1}`).toMatch(/\(exemple\)/);
      const body = page.split('Nom Fonction Signature')[1] ?? '';
      expect(body.trim().startsWith(seen('Participants non inscrits')), `page ${k + 1} starts with the walk-in rows`).toBe(false);
    }
  });
});

describe('a day without workshop', () => {
  it('shares its carnet page with what follows instead of leaving it mostly blank', async () => {
    const dir = copyKit('kits/demo', {
      'programme.yaml': (t) =>
        t.replace(
          '\n\nworkshops:',
          '\n      - date: 2027-04-16\n        start: "09:00"\n        slots:\n          - { title: Bilan en plénière, kind: plenary, duration: 60 }\n\nworkshops:',
        ),
    });
    const files = await built(dir, ['carnet']);
    const read = await readPdf(files.get('carnet.pdf')!);
    const at = read.flat.findIndex((t) => t.includes(seen('Aucun atelier n’est programmé ce jour-là.')));
    expect(at).toBeGreaterThan(0);
    // The end matter (success keys) follows on the same page rather than after a page 80 % blank.
    expect(read.flat[at]).toContain('Les clés du succès');
  });
});
