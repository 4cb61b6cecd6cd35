import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { tempKit } from '../helpers/tempKit.js';

/** The PDF's objects uncompressed (`qpdf --qdf`), as text. */
function uncompressed(pdf: Buffer): string {
  const dir = tempKit({ 'in.pdf': pdf });
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
  return readFileSync(join(dir, 'out.pdf'), 'latin1');
}

describe('pdfkit opens no default font', () => {
  it('the faces capa draws are named F2, F3… in the page resources, as when pdfkit opened Helvetica as F1', async () => {
    const r = await renderMarkup({ markup: '<document size="A5" lang="fr"><h1>Titre</h1><p>Un paragraphe <b>gras</b>.</p></document>', file: 'x.hbs' });
    expect(r.diagnostics).toEqual([]);
    const text = uncompressed(r.pdf!);
    const used = [...new Set([...text.matchAll(/\/(F\d+) [\d.]+ Tf/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(['F2', 'F3']);
    expect(text).not.toMatch(/\/F1 \d+ 0 R/);
    expect(text).not.toContain('Helvetica');
  });
});
