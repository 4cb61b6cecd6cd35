import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { loadKit } from '../../src/kit/loadKit.js';
import { ROOT, scratch } from './robustnessHelpers.js';

/**
 * Every PDF built from the shipped kits, checked by tools that are not capa's: qpdf (structure),
 * pdffonts (every font embedded, no Type 3) and pdftotext (text extractable, accents intact).
 * `.ci/run` installs qpdf and poppler-utils.
 */
const run = (cmd: string, args: string[]) => {
  try {
    return { status: 0, out: execFileSync(cmd, args, { encoding: 'utf8' }) };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, out: `${e.stdout}${e.stderr}` };
  }
};

describe.each(['demo', 'capacities'])('kits/%s: PDFs pass independent validators', (name) => {
  const dir = path.join(ROOT, 'kits', name);
  let result: BuildResult;
  let pdfs: Array<{ file: string; abs: string }>;
  let title: string;
  beforeAll(async () => {
    result = await build({ dir, to: 'memory' });
    const out = scratch();
    pdfs = result.files.filter((f) => f.file.endsWith('.pdf')).map((f) => {
      const abs = path.join(out, f.file);
      writeFileSync(abs, f.content);
      return { file: f.file, abs };
    });
    title = ((await loadKit({ dir })).data.kit as { title: string }).title;
  });

  it('builds, with several PDFs', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(pdfs.map((p) => p.file)).toContain('programme.pdf');
    expect(pdfs.length).toBeGreaterThanOrEqual(3);
  });

  it('qpdf --check finds no problem (exit 0, not even a warning)', () => {
    for (const p of pdfs) {
      const r = run('qpdf', ['--check', p.abs]);
      expect([p.file, r.status, r.out.includes('No syntax or stream encoding errors found')], r.out).toEqual([p.file, 0, true]);
    }
  });

  it('pdffonts: every font is embedded, none is Type 3', () => {
    for (const p of pdfs) {
      const r = run('pdffonts', [p.abs]);
      expect(r.status, r.out).toBe(0);
      // name, type (may hold spaces: "CID TrueType"), encoding, emb, sub, uni, object ID.
      const rows = r.out.split('\n').slice(2).filter((l) => l.trim());
      expect(rows.length, p.file).toBeGreaterThan(0);
      for (const row of rows) {
        const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(row);
        expect(m, `${p.file}: ${row}`).not.toBeNull();
        expect([p.file, m![1], m![4], /Type 3/.test(m![2])]).toEqual([p.file, m![1], 'yes', false]);
      }
    }
  });

  it('pdftotext: text is extractable and accents come out intact', () => {
    for (const p of pdfs) {
      const r = run('pdftotext', ['-enc', 'UTF-8', p.abs, '-']);
      expect(r.status, r.out).toBe(0);
      const text = r.out.normalize('NFC');
      expect(text.replace(/\s/g, '').length, p.file).toBeGreaterThan(50);
      expect(text, p.file).not.toContain('\uFFFD');
      expect(/[éèêàçôî]/.test(text), `${p.file} has no accented letter`).toBe(true);
    }
    const agenda = run('pdftotext', ['-enc', 'UTF-8', pdfs.find((p) => p.file === 'programme.pdf')!.abs, '-']).out;
    expect(agenda.replace(/\s+/g, ' ')).toContain(title);
  });
});
