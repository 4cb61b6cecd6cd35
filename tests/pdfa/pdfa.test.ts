import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'capa-pdfa-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The PDF rewritten by qpdf with every stream uncompressed and no object streams, so its dictionaries can be read. */
function expanded(pdf: Buffer, name: string): string {
  const input = path.join(work, `${name}.pdf`);
  const output = path.join(work, `${name}.qdf.pdf`);
  writeFileSync(input, pdf);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', input, output]);
  return readFileSync(output, 'latin1');
}

/** `qpdf --check` output; it throws (non-zero exit) when the file is damaged. */
const qpdfCheck = (pdf: Buffer, name: string) => {
  const file = path.join(work, `${name}.check.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
};

function expectPdfA2a(text: string): void {
  // XMP identification of the profile (ISO 19005-2, level A).
  expect(text).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect(text).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
  // The sRGB output intent with its embedded ICC profile.
  expect(text).toMatch(/\/OutputIntents \[\s*\d+ 0 R\s*\]/);
  expect(text).toMatch(/\/S \/GTS_PDFA1/);
  expect(text).toMatch(/\/DestOutputProfile \d+ 0 R/);
  expect(text).toContain('(sRGB IEC61966-2.1)');
  // Level A: tagged, with a language and a structure tree.
  expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
  expect(text).toMatch(/\/Marked true/);
  expect(text).toMatch(/\/Lang \(fr\)/);
  expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
  // The Info dates mirrored in XMP, as ISO 19005 requires.
  expect(text).toContain('<xmp:CreateDate>2000-01-01T00:00:00Z</xmp:CreateDate>');
  expect(text).toContain('<xmp:ModifyDate>2000-01-01T00:00:00Z</xmp:ModifyDate>');
}

describe('PDF/A output', () => {
  it('marks a rendered document as PDF/A-2a with an sRGB output intent, and qpdf finds no damage', async () => {
    const r = await renderMarkup({ markup: '<document title="Sud &amp; Co &lt;2027&gt;"><h1>Titre</h1><p>Texte</p></document>', file: 'x.hbs', pdfa: true });
    const text = expanded(r.pdf!, 'small');
    expectPdfA2a(text);
    // A title with & and < stays valid XML in the metadata.
    expect(text).toContain('<rdf:li xml:lang="x-default">Sud &#38; Co &#60;2027&#62;</rdf:li>');
    expect(qpdfCheck(r.pdf!, 'small')).toContain('No syntax or stream encoding errors found');
  });

  it('leaves ordinary builds without the PDF/A identification', async () => {
    const r = await renderMarkup({ markup: '<document><p>Texte</p></document>', file: 'x.hbs' });
    const text = expanded(r.pdf!, 'plain');
    expect(text).not.toContain('pdfaid');
    expect(text).not.toContain('/OutputIntents');
  });

  it('builds every PDF of the demo kit as PDF/A-2a with `pdfa: true`', async () => {
    const result = await build({ dir: path.join(root, 'kits/demo'), to: 'memory', lang: 'en', pdfa: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdfs = result.files.filter((f) => f.file.endsWith('.pdf'));
    expect(pdfs.map((f) => f.file).sort()).toEqual(['badges.pdf', 'cas-usage.pdf', 'carnet.pdf', 'defis.pdf', 'deroule.pdf', 'emargement.pdf', 'programme.pdf'].sort());
    for (const f of pdfs) {
      const name = path.basename(f.file, '.pdf');
      expectPdfA2a(expanded(f.content as Buffer, name));
      expect(qpdfCheck(f.content as Buffer, name)).toContain('No syntax or stream encoding errors found');
    }
  }, 120_000);
});
