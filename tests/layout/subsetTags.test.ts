import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { OutputFile } from '../../src/documents/writeOutputs.js';
import { subsetTag } from '../../src/layout/pdf/subsetTags.js';
import { freshDir } from '../helpers/tempKit.js';

/**
 * Font subset tags (`ABCDEF+Font`): a print shop that merges PDFs takes two fonts with the same tagged name for
 * the same font program. pdfkit names them after the font's resource number (`CZZZZZ+` in every file), so two
 * files had the same name for different subsets.
 */

describe('subsetTag', () => {
  it('is six capital letters, the same for the same subset and different for another', () => {
    const tag = subsetTag('AtkinsonHyperlegibleNext-Bold', [0, 5, 9, 12]);
    expect(tag).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag('AtkinsonHyperlegibleNext-Bold', [0, 5, 9, 12])).toBe(tag);
    expect(subsetTag('AtkinsonHyperlegibleNext-Bold', [0, 5, 9, 13])).not.toBe(tag);
    expect(subsetTag('AtkinsonHyperlegibleNext-Regular', [0, 5, 9, 12])).not.toBe(tag);
  });
});

/** Per tagged font name in a PDF: the sha256 of its embedded font program, read back with qpdf. */
function embeddedFonts(file: string, dir: string): Map<string, string> {
  const qdf = path.join(dir, `${path.basename(file)}.qdf`);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  const text = readFileSync(qdf, 'latin1');
  const objects = new Map<string, string>();
  for (const m of text.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(m[1], m[2]);
  const fonts = new Map<string, string>();
  for (const body of objects.values()) {
    const name = /\/FontName \/([A-Z]{6}\+[^\s/]+)/.exec(body)?.[1];
    const ref = /\/FontFile[23]? (\d+) 0 R/.exec(body)?.[1];
    if (!name || !ref) continue;
    const stream = objects.get(ref)!;
    const data = stream.slice(stream.indexOf('stream\n') + 7, stream.lastIndexOf('endstream'));
    fonts.set(name, createHash('sha256').update(data, 'latin1').digest('hex'));
  }
  return fonts;
}

describe('font subset tags of the reference kit', () => {
  let files: OutputFile[];
  let dir: string;
  beforeAll(async () => {
    const result = await build({ dir: 'kits/capacities', to: 'memory' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    files = result.files.filter((f) => f.file.endsWith('.pdf'));
    dir = freshDir('capa-subsets-');
    for (const f of files) writeFileSync(path.join(dir, f.file), f.content);
  }, 120_000);

  it('never gives two different subsets the same tagged name, in one file or across files', () => {
    expect(files).toHaveLength(7);
    const programs = new Map<string, Set<string>>();
    for (const f of files) {
      const file = path.join(dir, f.file);
      // pdffonts, as a print shop would look: every embedded font is a tagged subset.
      const listed = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]);
      expect(listed.length).toBeGreaterThan(1);
      for (const name of listed) expect(name).toMatch(/^[A-Z]{6}\+/);
      const fonts = embeddedFonts(file, dir);
      expect([...fonts.keys()].sort()).toEqual([...listed].sort());
      for (const [name, sha] of fonts) programs.set(name, (programs.get(name) ?? new Set()).add(sha));
    }
    const shared = [...programs].filter(([, shas]) => shas.size > 1).map(([name]) => name);
    expect(shared).toEqual([]);
    // 7 files, and more names than font faces: the tags do tell the subsets apart.
    expect(new Set([...programs.keys()].map((n) => n.slice(7))).size).toBeLessThan(programs.size);
  });

  it('are the same on the next build (byte-identical files)', async () => {
    const again = await build({ dir: 'kits/capacities', to: 'memory', only: ['cards', 'badges', 'use-cases'] });
    for (const f of again.files) expect(f.content.equals(files.find((g) => g.file === f.file)!.content), f.file).toBe(true);
  }, 120_000);
});
