import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPdf } from './pdf.js';

/**
 * The layout-quality checker: reads every page of built PDFs (pdfjs text positions, the structure tree, and a
 * low-resolution raster for what is drawn) and lists what a typesetter would reject. Each finding names its rule,
 * document and page. Rules:
 * - `near-empty-page`: a page holds less than `NEAR_EMPTY` of the body height when its content could have moved
 *   (it continues the page before, or it and the next page, both opening with a heading of one level below H1, fit on one);
 * - `heading-at-page-end`: the last heading of a page is followed there by fewer than two lines while the rest of
 *   its section goes on to the next page (which does not open with a heading of its level or higher);
 * - `table-split-one-row`: a table split across pages leaves a single row on one side;
 * - `ellipsis-in-label`: a label cut short with "…" (a text that ends with it outside running text);
 * - `hyphen-in-heading`: a heading or table header line that ends with a hyphen (a word broken in it);
 * - `heading-level-skip`: a heading more than one level below the one before (H1 → H3).
 */

export const RULES = ['near-empty-page', 'heading-at-page-end', 'table-split-one-row', 'ellipsis-in-label', 'hyphen-in-heading', 'heading-level-skip'] as const;
export type Rule = (typeof RULES)[number];

export interface Finding {
  rule: Rule;
  file: string;
  /** 1-based page. */
  page: number;
  detail: string;
}

/** Below this share of the body height a page counts as near-empty (the engine balances at 40 % of what it places; this measures ink, a little lower). */
export const NEAR_EMPTY = 0.35;
/** Imposed documents (cut cards, badges) have no flowing pages to balance. */
const IMPOSED = new Set(['defis.pdf', 'badges.pdf', 'cards.pdf']);

interface Block {
  role: string;
  /** Text lines (distinct baselines) and the lowest baseline, top-down in points. */
  lines: number;
  /** For tables: body rows with text on this page. */
  rows: number;
  text: string;
}

interface PageRead {
  blocks: Block[];
  /** Headings in reading order: level and text. */
  headings: Array<{ level: number; text: string }>;
  /** Text of labels (artifacts and figure text), and of heading and header lines with the line they end. */
  labels: string[];
  headLines: Array<{ role: string; text: string }>;
  /** Top of the first and bottom of the last body content (points from the top), from the raster. */
  inkBottom: number;
  bodyTop: number;
  height: number;
}

interface RawNode {
  role?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

interface Item {
  str: string;
  y: number;
  h: number;
  x: number;
  w: number;
}

/** Reads one PDF's pages for the checks. */
export async function readPages(file: string): Promise<PageRead[]> {
  const data = new Uint8Array(readFileSync(file));
  const ink = inkRows(file);
  const doc = await openPdf(data);
  const pages: PageRead[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.view[3] - page.view[1];
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, Item[]>();
      const artifacts: Item[] = [];
      const stack: Array<{ id?: string; artifact: boolean }> = [];
      for (const it of content.items) {
        if ('type' in it) {
          const tag = (it as { tag?: string }).tag;
          if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') stack.push({ id: it.id ?? undefined, artifact: tag === 'Artifact' });
          else if (it.type === 'endMarkedContent') stack.pop();
          continue;
        }
        if (!it.str.trim()) continue;
        const item = { str: it.str, y: height - it.transform[5], h: it.height, x: it.transform[4], w: it.width };
        const top = stack[stack.length - 1];
        if (!top || top.artifact || !top.id) artifacts.push(item);
        else byId.set(top.id, [...(byId.get(top.id) ?? []), item]);
      }
      const tree = (await page.getStructTree()) as RawNode | null;
      const root = (tree?.children ?? []).find((c) => c.role === 'Document') ?? tree ?? {};
      const itemsOf = (node: RawNode): Item[] =>
        (node.children ?? []).flatMap((c) => (c.role !== undefined ? itemsOf(c) : c.type === 'content' && c.id ? byId.get(c.id) ?? [] : []));
      const read: PageRead = { blocks: [], headings: [], labels: [], headLines: [], inkBottom: 0, bodyTop: Infinity, height };
      const visit = (node: RawNode, top: boolean) => {
        const role = node.role ?? '';
        const items = itemsOf(node);
        if (/^H[1-6]$/.test(role) && items.length) read.headings.push({ level: Number(role[1]), text: items.map((i) => i.str).join('') });
        if ((/^H[1-6]$/.test(role) || role === 'TH') && items.length) for (const line of linesOf(items)) read.headLines.push({ role, text: line });
        if (role === 'Figure') for (const i of items) read.labels.push(i.str);
        if (top && items.length) {
          const rows = role === 'Table' ? (node.children ?? []).filter((r) => r.role === 'TR' && itemsOf(r).length && hasDataCell(r)).length : 0;
          read.blocks.push({ role, lines: linesOf(items).length, rows, text: items.map((i) => i.str).join(' ').slice(0, 60) });
          for (const i of items) read.bodyTop = Math.min(read.bodyTop, i.y - i.h);
        }
        for (const c of node.children ?? []) if (c.role !== undefined) visit(c, false);
      };
      for (const c of root.children ?? []) if (c.role !== undefined) visit(c, true);
      for (const a of artifacts) read.labels.push(a.str);
      // The drawn bottom of the body: the lowest ink above the footer (the highest artifact text in the bottom fifth).
      const footer = Math.min(height, ...artifacts.filter((a) => a.y > height * 0.8).map((a) => a.y - a.h - 2));
      read.inkBottom = ink[n - 1]?.(footer) ?? 0;
      pages.push(read);
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

const hasDataCell = (row: RawNode) => (row.children ?? []).some((c) => c.role === 'TD');

/** The text of each line (items grouped by baseline, left to right). */
function linesOf(items: Item[]): string[] {
  const rows = new Map<number, Item[]>();
  for (const i of items) {
    const key = [...rows.keys()].find((k) => Math.abs(k - i.y) < 1.5) ?? i.y;
    rows.set(key, [...(rows.get(key) ?? []), i]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r.sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
}

const RES = 24;

/** For each page: a function giving the lowest inked row (points from the top) above a limit, from a grey raster. */
function inkRows(file: string): Array<(limit: number) => number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-quality-'));
  try {
    execFileSync('pdftoppm', ['-r', String(RES), '-gray', file, path.join(dir, 'p')]);
    return readdirSync(dir)
      .sort()
      .map((name) => {
        const buf = readFileSync(path.join(dir, name));
        // PGM (P5): magic, size, max value, then one byte per pixel.
        const head = buf.subarray(0, 40).toString('latin1').split(/\s+/);
        const [w, h] = [Number(head[1]), Number(head[2])];
        const px = buf.subarray(buf.length - w * h);
        const scale = 72 / RES;
        return (limit: number) => {
          for (let y = Math.min(h - 1, Math.floor(limit / scale)); y >= 0; y--) {
            for (let x = 0; x < w; x++) if (px[y * w + x] < 235) return (y + 1) * scale;
          }
          return 0;
        };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isHeading = (role: string) => /^H[1-6]$/.test(role);

/** Checks the PDFs of a built kit folder; `label` names the kit in findings. */
export async function checkBuilt(dir: string): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()) {
    const pages = await readPages(path.join(dir, name));
    const add = (rule: Rule, page: number, detail: string) => out.push({ rule, file: name, page, detail });
    checkHeadingLevels(pages, add);
    pages.forEach((p, k) => {
      for (const l of p.labels) if (/…\s*$/.test(l)) add('ellipsis-in-label', k + 1, l);
      for (const l of p.headLines) if (/\p{L}[-\u2010\u00ad]$/u.test(l.text.trim())) add('hyphen-in-heading', k + 1, `${l.role}: ${l.text.trim()}`);
    });
    if (IMPOSED.has(name)) continue;
    checkFlow(pages, add);
  }
  return out;
}

type Add = (rule: Rule, page: number, detail: string) => void;

function checkHeadingLevels(pages: PageRead[], add: Add): void {
  let prev = 0;
  pages.forEach((p, k) => {
    for (const h of p.headings) {
      if (h.level > prev + 1) add('heading-level-skip', k + 1, `H${prev || '–'} → H${h.level} “${h.text.slice(0, 40)}”`);
      prev = h.level;
    }
  });
}

/**
 * How full each page is: from the highest body text of the document to the page's lowest ink, over the same
 * from the highest text to the lowest ink of the fullest page (0 to 1).
 */
export function fills(pages: PageRead[]): number[] {
  const top = Math.min(...pages.map((p) => p.bodyTop).filter(Number.isFinite));
  const bottom = Math.max(...pages.map((p) => p.inkBottom));
  return pages.map((p) => Math.max(0, (p.inkBottom - top) / (bottom - top)));
}

function checkFlow(pages: PageRead[], add: Add): void {
  const top = Math.min(...pages.map((p) => p.bodyTop).filter(Number.isFinite));
  const filled = fills(pages);
  const fill = (p: PageRead) => filled[pages.indexOf(p)];
  const firstHeading = (p: PageRead) => (p.blocks[0] && isHeading(p.blocks[0].role) ? Number(p.blocks[0].role[1]) : undefined);
  pages.forEach((p, k) => {
    const last = k === pages.length - 1;
    // Near-empty pages that could have been avoided (the cover, page 1, is what it is).
    if (process.env.CAPA_QUALITY_FILLS) console.log(`fill ${k + 1} ${Math.round(fill(p) * 100)}`);
    if (k > 0 && p.inkBottom > top && fill(p) < NEAR_EMPTY) {
      const continues = firstHeading(p) === undefined;
      const next = pages[k + 1];
      // Two short sections of one level (H2 and below: chapters may open a page) could have shared a page.
      const merges = next !== undefined && (firstHeading(p) ?? 1) > 1 && firstHeading(next) === firstHeading(p) && fill(p) + fill(next) < 0.9;
      if (continues || merges) add('near-empty-page', k + 1, `${Math.round(fill(p) * 100)} % — ${p.blocks[0]?.text ?? '(no text)'}`);
    }
    // The last heading of a page keeps two lines of what follows.
    if (!last) {
      const at = p.blocks.map((b) => isHeading(b.role)).lastIndexOf(true);
      if (at >= 0) {
        const after = p.blocks.slice(at + 1).reduce((s, b) => s + (b.role === 'Figure' || b.role === 'Table' ? Math.max(2, b.lines) : b.lines), 0);
        // What follows went on to the next page (it opens with no heading as high as this one): the heading was left behind.
        const level = Number(p.blocks[at].role[1]);
        const opens = pages[k + 1].blocks.slice(0, 2).some((b) => isHeading(b.role) && Number(b.role[1]) <= level);
        if (after < 2 && !opens) add('heading-at-page-end', k + 1, `“${p.blocks[at].text}” then ${after} line(s)`);
      }
    }
    // A table that goes on to the next page keeps two rows on each side.
    const next = pages[k + 1];
    const tail = p.blocks[p.blocks.length - 1];
    const head = next?.blocks[0];
    if (tail?.role === 'Table' && head?.role === 'Table') {
      if (tail.rows === 1) add('table-split-one-row', k + 1, `one row before the break: ${tail.text}`);
      if (head.rows === 1) add('table-split-one-row', k + 2, `one row after the break: ${head.text}`);
    }
  });
}

/** Counts of findings per rule. */
export function countByRule(findings: Finding[]): Record<Rule, number> {
  const counts = Object.fromEntries(RULES.map((r) => [r, 0])) as Record<Rule, number>;
  for (const f of findings) counts[f.rule]++;
  return counts;
}

/** Builds a kit folder with the real CLI into `out` (throws with the report when the build fails). */
export function buildKit(kit: string, out: string, root: string): void {
  execFileSync(process.execPath, [path.join(root, 'bin', 'capa.js'), 'build', kit, '--out', out, '--quiet'], { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
}
