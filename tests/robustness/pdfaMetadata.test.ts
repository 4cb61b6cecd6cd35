import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { plainText } from '../../src/plainText.js';

/**
 * Control characters in a document title (a kit title is untrusted text) never reach the XMP packet nor the
 * Info dictionary: the XMP of the produced PDF is parsed by a strict XML parser (expat, through Python's
 * standard library), and the Info title is read back by pdfjs.
 */
const HOSTILE = 'Sud\u0001\u0007\u001b[2J\u007f\u0085\uFFFE & Co\tété\uD800 ✓';
const CLEAN = 'Sud[2J & Co\tété ✓';

/** The XMP packet of a PDF: pdfkit writes its metadata stream uncompressed. */
function xmpOf(pdf: Buffer): string {
  const text = pdf.toString('utf8');
  const start = text.indexOf('<x:xmpmeta');
  const end = text.indexOf('</x:xmpmeta>');
  expect(start).toBeGreaterThan(0);
  return text.slice(start, end + '</x:xmpmeta>'.length);
}

/** Parse with expat (strict XML 1.0); returns the dc:title text, or the parser's error. */
function parseXml(xml: string): { status: number | null; out: string } {
  const script = [
    'import sys, xml.etree.ElementTree as E',
    'root = E.fromstring(sys.stdin.buffer.read())',
    "t = root.find('.//{http://purl.org/dc/elements/1.1/}title//{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li')",
    "sys.stdout.buffer.write(t.text.encode('utf-8'))",
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { input: Buffer.from(xml, 'utf8') });
  return { status: run.status, out: run.status === 0 ? run.stdout.toString('utf8') : run.stderr.toString('utf8') };
}

describe('document info with control characters', () => {
  it('plainText keeps text, tab and line breaks, drops controls and lone surrogates', () => {
    expect(plainText(HOSTILE)).toBe(CLEAN);
    expect(plainText('a\nb\r\nc 😀')).toBe('a\nb\r\nc 😀');
  });

  it.each([true, false])('--pdfa %s: the XMP is well-formed XML holding the cleaned title; Info has it too', async (pdfa) => {
    const escaped = HOSTILE.replace(/&/g, '&amp;');
    const r = await renderMarkup({ markup: `<document title="${escaped}"><h1>Titre</h1><p>Texte</p></document>`, file: 'x.hbs', pdfa });
    expect(r.pdf).toBeDefined();
    const parsed = parseXml(xmpOf(r.pdf!));
    expect(parsed.status, parsed.out).toBe(0);
    expect(parsed.out).toBe(CLEAN);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(r.pdf!) }).promise;
    const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toBe(CLEAN);
    await doc.destroy();
  });
});
