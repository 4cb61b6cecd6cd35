import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { kitParams, propertyRuns, unicodeKit } from './kitArbitraries.js';
import { parsePdf, qpdfCheck } from './pdfChecks.js';

/**
 * Generated valid kits with Unicode text (accents, « », emoji, right-to-left names, long words):
 * building never throws, every PDF parses and passes qpdf, and two builds are byte-identical.
 * A kit may fail only with located layout diagnostics (text too long for its box), never otherwise.
 */
function writeKit(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-prop-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('property: generated Unicode kits build', () => {
  it('never throws; PDFs parse and pass qpdf --check; two builds are identical', async () => {
    await fc.assert(
      fc.asyncProperty(kitParams, async (params) => {
        const dir = writeKit(unicodeKit(params));
        try {
          const first = await build({ dir, to: 'memory' });
          const errors = first.diagnostics.filter((d) => d.severity === 'error');
          // The only admissible failure of a valid kit: a text too big for its box, named and located.
          expect(errors.filter((d) => !d.code.startsWith('layout/') || !d.file || !d.line), JSON.stringify(errors.slice(0, 3))).toEqual([]);
          if (!first.ok) return;
          const second = await build({ dir, to: 'memory' });
          expect(second.files.map((f) => [f.file, f.content.toString('base64')])).toEqual(first.files.map((f) => [f.file, f.content.toString('base64')]));
          for (const f of first.files.filter((x) => x.file.endsWith('.pdf'))) {
            expect(await parsePdf(f.content), f.file).toBe(f.pages);
            const qpdf = qpdfCheck(f.content);
            expect(qpdf, f.file).toMatchObject({ status: 0 });
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: propertyRuns(2), endOnFailure: true },
    );
  }, 600_000_000);
});
