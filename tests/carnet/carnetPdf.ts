import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build } from '../../src/build.js';
import { checkKit } from '../../src/check/validateKit.js';
import { carnetModel } from '../../src/documents/carnet.js';
import type { Kit } from '../../src/kit/Kit.js';
import type { LoadedKit } from '../../src/kit/LoadedKit.js';
import { layoutDocument } from '../../src/layout/layoutDocument.js';
import type { LayoutModel } from '../../src/layout/model.js';
import { createRenderer } from '../../src/render/createRenderer.js';

/** Helpers of the carnet tests: build in memory, read the PDF back (text, links, outline), copy and edit a kit. */

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a shipped kit in a temp folder, with some files rewritten by `edit(name, content)`. */
export function copyKit(from: string, edit: Record<string, (content: string) => string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-carnet-'));
  made.push(dir);
  cpSync(from, dir, { recursive: true });
  for (const [name, change] of Object.entries(edit)) {
    const abs = path.join(dir, name);
    const before = readFileSync(abs, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${name} changed nothing`);
    writeFileSync(abs, after);
  }
  return dir;
}

/** Build only the carnet, in memory. */
export async function buildCarnet(dir: string) {
  const result = await build({ dir, only: ['carnet'], to: 'memory' });
  return { result, pdf: result.files.find((f) => f.file === 'carnet.pdf')?.content };
}

export interface TocLink {
  /** Top of the link rectangle in PDF units (larger is higher on the page). */
  top: number;
  dest: string;
  /** 0-based page index the named destination points at. */
  target: number;
}

export interface ReadCarnet {
  pages: number;
  /** Text of each page, whitespace collapsed and dot leaders removed. */
  text: string[];
  /** Internal links of each page, top to bottom. */
  links: TocLink[][];
  outline: string[];
}

const collapse = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();
/**
 * Text as tests compare it: spaces collapsed (no-break ones included) and apostrophes straight, since the layout
 * sets French typography (`l'accès` prints as `l’accès`, `n°1` as `n° 1`) and kit data is typed plainly.
 */
export const plain = (s: string) => collapse(s.replace(/’/g, "'").replace(/n°\s*/g, 'n° '));
/** Dot leaders of the contents (`. . . .`) get in the way of reading an entry with its page number. */
const noLeaders = (s: string) => s.replace(/ (?:\. ?){3,}/g, ' ');

export async function readCarnet(pdf: Buffer): Promise<ReadCarnet> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const text: string[] = [];
  const links: TocLink[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text.push(plain(noLeaders(collapse(content.items.map((i) => ('str' in i ? i.str : '')).join(' ')))));
    const found: TocLink[] = [];
    for (const a of await page.getAnnotations()) {
      if (a.subtype !== 'Link' || typeof a.dest !== 'string') continue;
      const dest = await doc.getDestination(a.dest);
      const target = dest ? await doc.getPageIndex(dest[0]) : -1;
      found.push({ top: a.rect[3], dest: a.dest, target });
    }
    links.push(found.sort((a, b) => b.top - a.top));
  }
  type Node = { title: string; items: Node[] };
  const flat = (nodes: Node[]): string[] => nodes.flatMap((o) => [plain(o.title), ...flat(o.items)]);
  const outline = flat(((await doc.getOutline()) ?? []) as Node[]);
  await doc.destroy();
  return { pages: text.length, text, links, outline };
}

/** The resolved and loaded kit of a folder (fails the test when it does not check). */
export async function kitOf(dir: string): Promise<{ kit: Kit; loaded: LoadedKit }> {
  const checked = await checkKit({ dir });
  if (!checked.kit || !checked.loaded) throw new Error(`kit ${dir} did not resolve: ${checked.diagnostics.map((d) => d.code).join(', ')}`);
  return { kit: checked.kit, loaded: checked.loaded };
}

/** The carnet's layout model, made the way `pdfDocument` makes it (without drawing). */
export async function carnetLayout(dir: string): Promise<{ kit: Kit; model: LayoutModel }> {
  const { kit, loaded } = await kitOf(dir);
  const renderer = createRenderer({ kitDir: dir, lang: kit.lang });
  const rendered = renderer.render('carnet/main', { kit, theme: kit.theme, doc: carnetModel(kit, loaded) });
  if (rendered.diagnostics.length) throw new Error(rendered.diagnostics.map((d) => d.message).join('\n'));
  const laid = layoutDocument({ markup: rendered.output, file: 'templates/carnet/main.hbs', assets: (src) => readFileSync(path.join(dir, src)) });
  if (!laid.model) throw new Error(laid.diagnostics.map((d) => d.message).join('\n'));
  return { kit, model: laid.model };
}

/** Text of one page of a layout model, in drawing order. */
export const pageText = (model: LayoutModel, page: number) =>
  plain(model.pages[page].items.map((b) => (b.kind === 'text' ? b.text : '')).filter(Boolean).join(' '));
