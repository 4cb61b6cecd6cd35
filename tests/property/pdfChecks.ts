import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** pdf.js parses the file and reads the text of every page; returns the page count. */
export async function parsePdf(content: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(content), verbosity: 0, isEvalSupported: false }).promise;
  try {
    for (let i = 1; i <= doc.numPages; i++) await (await doc.getPage(i)).getTextContent();
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** `qpdf --check` on the bytes: its exit status and what it said (0 = no problem found). */
export function qpdfCheck(content: Buffer): { status: number; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-qpdf-'));
  try {
    const file = path.join(dir, 'f.pdf');
    writeFileSync(file, content);
    try {
      return { status: 0, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }) };
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      return { status: e.status, output: `${e.stdout}${e.stderr}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, as pdf.js extracts it (one string, pages joined by a newline). */
export async function pdfText(content: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(content), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const items = (await (await doc.getPage(i)).getTextContent()).items as Array<{ str?: string }>;
      pages.push(items.map((t) => t.str ?? '').join(' '));
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}
