import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { OutputFile } from '../../src/documents/writeOutputs.js';
import { openPdf, pageStructures, type StructNode } from '../helpers/pdf.js';
import { copyKit, freshDir } from '../helpers/tempKit.js';

/**
 * The PDF/UA conditions (Matterhorn protocol) that can be checked by a machine from the files, on every PDF of the
 * shipped kits and of an English build of the French reference kit:
 * - 06-001/11-001 the document has a natural language, 06-003 a title, 07-001 shown as the window title
 *   (`DisplayDocTitle`), 01-001 `MarkInfo /Marked true`, 01-003/01-004 every piece of content is tagged or an
 *   artifact (text through pdf.js, paths and images from the content streams through qpdf);
 * - 14-002 the first heading is H1, 14-003 no heading level is skipped (tree order);
 * - 13-004 every Figure has an Alt text; 15-003 every table has header cells;
 * - 11-006 text in another language than the document's carries its own `/Lang`.
 */

interface Checked {
  file: string;
  lang: string;
  title: string;
  /** Every structure element, in tree order. */
  nodes: StructNode[];
  untaggedText: string;
  catalog: string;
  /** Paint operators outside any marked-content sequence. */
  untaggedPaint: number;
  /** Tables of the whole tree (`pdfinfo -struct`: pdf.js shows a split table page by page) and those with a TH. */
  tables: number;
  tablesWithTh: number;
}

/** Counts the tables of a `pdfinfo -struct` tree and those with a header cell (`TH`) inside. */
function tablesOf(tree: string): { tables: number; withTh: number } {
  const lines = tree.split('\n');
  const indent = (l: string) => l.length - l.trimStart().length;
  let tables = 0;
  let withTh = 0;
  lines.forEach((l, i) => {
    if (!/^\s*Table\b/.test(l)) return;
    tables++;
    for (let j = i + 1; j < lines.length && (indent(lines[j]) > indent(l) || !lines[j].trim()); j++) {
      if (/^\s*TH\b/.test(lines[j])) {
        withTh++;
        break;
      }
    }
  });
  return { tables, withTh };
}

const flat = (n: StructNode): StructNode[] => [n, ...n.children.flatMap(flat)];

/** Paint operators (fill, stroke, text, image) drawn outside every `BDC`/`BMC` … `EMC` sequence. */
function untaggedPaint(qdf: string): number {
  let count = 0;
  for (const m of qdf.matchAll(/%% Contents for page \d+\n[\s\S]*?stream\n([\s\S]*?)endstream/g)) {
    let depth = 0;
    for (const op of m[1].split('\n')) {
      if (/ BDC$|^\/\w+ BMC$/.test(op)) depth++;
      else if (op === 'EMC') depth--;
      else if (depth === 0 && /(^| )(f|f\*|S|B|B\*|b|TJ|Tj|Do)$/.test(op)) count++;
    }
  }
  return count;
}

async function check(files: OutputFile[]): Promise<Checked[]> {
  const dir = freshDir('capa-a11y-');
  const out: Checked[] = [];
  for (const f of files.filter((x) => x.file.endsWith('.pdf'))) {
    const pdf = new Uint8Array(f.content);
    const doc = await openPdf(pdf);
    const meta = (await doc.getMetadata()).info as { Language?: string; Title?: string };
    await doc.destroy();
    const pages = await pageStructures(pdf);
    const input = path.join(dir, f.file);
    writeFileSync(input, f.content);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', input, `${input}.qdf`]);
    const qdf = readFileSync(`${input}.qdf`, 'latin1');
    // The catalog with its indirect dictionaries (ViewerPreferences, MarkInfo) written in place.
    const objects = new Map([...qdf.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)].map((m) => [m[1], m[2]]));
    const raw = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o)) ?? '';
    const catalog = raw.replace(/\/(ViewerPreferences|MarkInfo) (\d+) 0 R/g, (_, key: string, id: string) => `/${key} ${objects.get(id) ?? ''}`);
    // A structure element drawn on several pages appears on each: keep the first time it is met.
    out.push({
      file: f.file,
      lang: meta.Language ?? '',
      title: meta.Title ?? '',
      nodes: pages.flatMap((p) => p.top.flatMap(flat)),
      untaggedText: pages.map((p) => p.untagged).join(''),
      catalog,
      untaggedPaint: untaggedPaint(qdf),
      ...(({ tables, withTh }) => ({ tables, tablesWithTh: withTh }))(tablesOf(execFileSync('pdfinfo', ['-struct', input], { encoding: 'utf8' }))),
    });
  }
  return out;
}

/** Heading levels in tree order, a level repeated on consecutive pages (a heading split over a page) counted once. */
const headingLevels = (c: Checked) => c.nodes.filter((n) => /^H[1-6]$/.test(n.role)).map((n) => Number(n.role[1]));

function expectPdfUa(c: Checked, lang: string): void {
  expect(c.lang, c.file).toBe(lang);
  expect(c.title.length, c.file).toBeGreaterThan(3);
  expect(c.catalog, c.file).toMatch(/\/DisplayDocTitle true/);
  expect(c.catalog, c.file).toMatch(/\/StructTreeRoot \d+ 0 R/);
  expect(c.catalog, c.file).toMatch(/\/MarkInfo <<\s*\/Marked true/);
  expect(c.untaggedText, c.file).toBe('');
  expect(c.untaggedPaint, c.file).toBe(0);
  const levels = headingLevels(c);
  expect(levels.length, `${c.file} has headings`).toBeGreaterThan(0);
  expect(levels[0], `${c.file} starts with H1`).toBe(1);
  const skips = levels.flatMap((l, i) => (i > 0 && l > levels[i - 1] + 1 ? [`H${levels[i - 1]}→H${l}`] : []));
  expect(skips, c.file).toEqual([]);
  for (const n of c.nodes) if (n.role === 'Figure') expect(n.alt, `${c.file}: a figure without Alt`).toBeTruthy();
  expect(c.tablesWithTh, `${c.file}: tables without TH`).toBe(c.tables);
}

describe.each([
  { kit: 'kits/capacities', lang: 'fr', cards: 10, badges: 21 },
  { kit: 'kits/demo', lang: 'fr', cards: 2, badges: 6 },
])('PDF/UA conditions on $kit', ({ kit, lang, cards, badges }) => {
  let checked: Checked[];
  beforeAll(async () => {
    const result = await build({ dir: kit, to: 'memory' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    checked = await check(result.files);
  }, 240_000);

  it('hold for every PDF: language, title shown, marked, all content tagged, headings from H1 without skips, Alt, TH', () => {
    expect(checked).toHaveLength(7);
    for (const c of checked) expectPdfUa(c, lang);
    // Kit text in the documents' language needs no /Lang of its own.
    for (const c of checked) expect(c.nodes.filter((n) => n.lang).map((n) => n.lang), c.file).toEqual([]);
  });

  it('title covers with H1 and head each card and badge with its own section and H1', () => {
    const by = (f: string) => checked.find((c) => c.file === f)!;
    for (const f of ['programme.pdf', 'carnet.pdf']) expect(by(f).nodes.find((n) => /^H\d$/.test(n.role))?.role).toBe('H1');
    // pdf.js lists a section on each page it has content on: the front's holds the heading, the back's none.
    for (const [f, count] of [['defis.pdf', cards], ['badges.pdf', badges]] as const) {
      const sections = by(f).nodes.filter((n) => n.role === 'Sect');
      expect(sections.filter((s) => s.children.filter((n) => n.role === 'H1').length === 1), f).toHaveLength(count);
      expect(sections.every((s) => s.children.filter((n) => /^H\d$/.test(n.role)).length <= 1), f).toBe(true);
    }
  });
});

describe('an English build of the French reference kit (kit.lang: en, kit.content_lang: fr)', () => {
  let checked: Checked[];
  beforeAll(async () => {
    const dir = copyKit('kits/capacities', { 'capa.yaml': (y) => y.replace(/^ {2}lang: fr$/m, '  lang: en\n  content_lang: fr') });
    const result = await build({ dir, to: 'memory' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    checked = await check(result.files);
  }, 240_000);

  it('is an English document whose French kit text carries /Lang fr, and capa’s own labels none', () => {
    for (const c of checked) expectPdfUa(c, 'en');
    const cards = checked.find((c) => c.file === 'defis.pdf')!;
    for (const s of cards.nodes.filter((n) => n.role === 'Sect' && n.children.some((c) => c.role === 'H1'))) {
      // The défi's title (its heading), its question, prompts and use cases are the kit's French.
      expect(s.children.find((n) => n.role === 'H1')?.lang).toBe('fr');
      expect(s.children.filter((n) => n.role === 'L').every((l) => l.lang === 'fr')).toBe(true);
      // "Challenge no." and the other labels are capa's English: no /Lang of their own.
      const label = s.children.find((n) => /^Challenge no\.[\s\u00A0]*\d*$/.test(n.text));
      expect(label, s.text.slice(0, 60)).toBeDefined();
      expect(label!.lang).toBeUndefined();
    }
    const sheets = checked.find((c) => c.file === 'cas-usage.pdf')!;
    const titles = sheets.nodes.filter((n) => n.role === 'H1');
    expect(titles.length).toBe(7);
    expect(titles.every((n) => n.lang === 'fr')).toBe(true);
    expect(sheets.nodes.filter((n) => n.role === 'H2').every((n) => n.lang === undefined)).toBe(true);
    const carnet = checked.find((c) => c.file === 'carnet.pdf')!;
    expect(carnet.nodes.find((n) => n.role === 'H1')).toMatchObject({ lang: 'fr', text: 'Expédition CAPAcities 2027' });
  });
});
