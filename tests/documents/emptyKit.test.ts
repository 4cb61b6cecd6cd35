import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { DOCUMENTS } from '../../src/defaults.js';
import { resolveStarter } from '../../src/cli/init/starterKits.js';
import { writeStarterKit } from '../../src/cli/init/writeStarterKit.js';
import { readPdf, seen, type ReadPdf } from '../helpers/pdf.js';
import { ROOT, tempKit } from '../helpers/tempKit.js';

/**
 * A kit with nothing to print in some sections (no défis, no people, no sessions…) still builds every document,
 * each a valid PDF of at least one page that says, in the kit's language, which YAML key to fill.
 */

const PDFS = Object.values(DOCUMENTS).filter((f) => f.endsWith('.pdf'));

/** `qpdf --check` exit status on the bytes (0: valid; 2: errors, as for a 0-page file; 3: warnings). */
function qpdfCheck(dir: string, file: string, content: Buffer): number {
  const abs = path.join(dir, `check-${file}`);
  writeFileSync(abs, content);
  try {
    execFileSync('qpdf', ['--check', abs], { stdio: 'pipe' });
    return 0;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
}

/** Builds in memory and checks every PDF: ≥ 1 page (as reported and as pdfjs reads it), qpdf-valid. Returns the read PDFs. */
async function buildAll(dir: string): Promise<{ result: BuildResult; pdfs: Map<string, ReadPdf> }> {
  const result = await build({ dir, to: 'memory', lang: 'en' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.files.map((f) => f.file).sort()).toEqual(Object.values(DOCUMENTS).sort());
  const scratch = tempKit({});
  const pdfs = new Map<string, ReadPdf>();
  for (const f of result.files.filter((f) => f.file.endsWith('.pdf'))) {
    const read = await readPdf(new Uint8Array(f.content));
    expect(read.pages, f.file).toBeGreaterThanOrEqual(1);
    expect(f.pages, f.file).toBe(read.pages);
    expect(qpdfCheck(scratch, f.file, f.content), `qpdf --check ${f.file}`).toBe(0);
    pdfs.set(f.file, read);
  }
  expect([...pdfs.keys()].sort()).toEqual([...PDFS].sort());
  return { result, pdfs };
}

const text = (pdf: ReadPdf | undefined) => (pdf?.flat ?? []).join(' ');

describe('a kit with only capa and kit builds all 8 documents', () => {
  it('in English: every PDF has a page and names the key to fill', async () => {
    const dir = tempKit({ 'capa.yaml': 'capa: 1\nkit:\n  id: mini\n  title: Mini kit\n  lang: en\n' });
    const { pdfs } = await buildAll(dir);
    const notices: Record<string, string> = {
      'defis.pdf': 'No challenge in this kit yet: add them under the “challenges” key (in capa.yaml or an included file such as challenges.yaml), then run capa build again.',
      'badges.pdf': 'No one in this kit yet: add the participants under the “people” key (in capa.yaml or an included file such as participants.yaml), then run capa build again.',
      'cas-usage.pdf': 'This kit describes no use case yet: add them under the “use_cases” key (in capa.yaml or an included file).',
      'emargement.pdf': 'No day is scheduled yet: list them under the “days” key of each session (the “sessions” key, e.g. in programme.yaml).',
      'deroule.pdf': 'No day is scheduled yet: list them under the “days” key of each session (the “sessions” key, e.g. in programme.yaml).',
      'programme.pdf': 'No session is planned yet: add them under the “sessions” key (in capa.yaml or an included file such as programme.yaml).',
      'carnet.pdf': 'No session is planned yet, so there are no workshop pages: add sessions under the “sessions” key (e.g. in programme.yaml), then their workshops under the “workshops” key.',
    };
    for (const [file, notice] of Object.entries(notices)) expect(text(pdfs.get(file)), file).toContain(seen(notice, 'en'));
    // Cut documents with nothing to cut: one plain A4 page with the notice, no crop-marked sheet.
    for (const file of ['defis.pdf', 'badges.pdf']) {
      expect(pdfs.get(file)!.pages, file).toBe(1);
      expect(pdfs.get(file)!.sizes[0]).toEqual([595, 842]);
    }
    expect(pdfs.get('defis.pdf')!.text[0]).toContain('Challenges — Mini kit — sheet 1/1');
  });

  it('in French: the notices are in the kit’s language', async () => {
    const dir = tempKit({ 'capa.yaml': 'capa: 1\nkit:\n  id: mini\n  title: Petit kit\n  lang: fr\n' });
    const { pdfs } = await buildAll(dir);
    expect(text(pdfs.get('defis.pdf'))).toContain(
      seen('Aucun défi dans ce kit pour l’instant : ajoutez-en sous la clé « challenges » (dans capa.yaml ou un fichier inclus, par exemple challenges.yaml), puis relancez capa build.'),
    );
    expect(text(pdfs.get('badges.pdf'))).toContain(seen('Aucune personne dans ce kit pour l’instant : ajoutez les participants sous la clé « people »'));
    expect(text(pdfs.get('cas-usage.pdf'))).toContain(seen('Ce kit ne décrit encore aucun cas d’usage : ajoutez-en sous la clé « use_cases »'));
    expect(text(pdfs.get('emargement.pdf'))).toContain(seen('Aucune journée n’est encore programmée : décrivez-les sous la clé « days » de chaque session'));
    expect(text(pdfs.get('deroule.pdf'))).toContain(seen('Aucune journée n’est encore programmée : décrivez-les sous la clé « days » de chaque session'));
    expect(text(pdfs.get('programme.pdf'))).toContain(seen('Aucune session n’est encore prévue : ajoutez-en sous la clé « sessions »'));
    expect(text(pdfs.get('carnet.pdf'))).toContain(seen('Aucune session n’est encore prévue, donc aucune page d’atelier'));
  });

  it('with --calibration, the défis file keeps its calibration sheets instead of the notice', async () => {
    const dir = tempKit({ 'capa.yaml': 'capa: 1\nkit:\n  id: mini\n  title: Mini kit\n  lang: en\n' });
    const result = await build({ dir, to: 'memory', lang: 'en', only: ['cards'], calibration: true });
    expect(result.ok).toBe(true);
    const read = await readPdf(new Uint8Array(result.files[0].content));
    expect(read.pages).toBe(2);
    expect(text(read)).not.toContain(seen('No challenge in this kit yet', 'en'));
  });
});

describe('the blank starter of `capa init --yes --from blank`', () => {
  it('builds all 8 documents; défis and use cases say what to add', async () => {
    const starter = await resolveStarter({ packageRoot: ROOT, cwd: ROOT, from: 'blank' });
    expect(starter).toEqual({ kind: 'blank', name: 'blank' });
    const dir = path.join(tempKit({}), 'kit');
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    await writeStarterKit({
      packageRoot: ROOT,
      dir,
      capaVersion: version,
      answers: {
        starter: starter!,
        title: 'Programme CAPAcities — Mon territoire',
        lang: 'fr',
        territory: { name: 'Mon territoire', kind: 'mixed', population: 80000, members: [] },
        elected: 'Élue ou élu référent',
        projectLead: 'Chargée ou chargé de mission',
        electedGender: 'n',
        projectLeadGender: 'n',
        date: '2027-01-23',
        visitDate: '2027-01-22',
      },
    });
    const { pdfs } = await buildAll(dir);
    expect(pdfs.get('defis.pdf')!.pages).toBe(1);
    expect(text(pdfs.get('defis.pdf'))).toContain(seen('Aucun défi dans ce kit pour l’instant : ajoutez-en sous la clé « challenges »'));
    expect(text(pdfs.get('cas-usage.pdf'))).toContain(seen('Ce kit ne décrit encore aucun cas d’usage'));
    // The starter has two people: their badges are printed, not the notice.
    expect(text(pdfs.get('badges.pdf'))).toContain(seen('Élue ou élu référent'));
    expect(text(pdfs.get('badges.pdf'))).not.toContain(seen('Aucune personne dans ce kit'));
  });
});
