import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../src/build.js';
import { checkKit } from '../../src/check/validateKit.js';
import { carnetModel } from '../../src/documents/carnet.js';
import type { Kit } from '../../src/kit/Kit.js';
import type { LoadedKit } from '../../src/kit/LoadedKit.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel } from '../../src/layout/flow/model.js';
import { createRenderer } from '../../src/render/createRenderer.js';
import { collapse, outlineTitles, readPdf, type PdfLink } from '../helpers/pdf.js';

/** Helpers of the carnet tests: build in memory, read the PDF back (text, links, outline) as they compare it, lay out. */

/** Build only the carnet, in memory. */
export async function buildCarnet(dir: string) {
  const result = await build({ dir, only: ['carnet'], to: 'memory' });
  return { result, pdf: result.files.find((f) => f.file === 'carnet.pdf')?.content };
}

export interface ReadCarnet {
  pages: number;
  /** Text of each page, whitespace collapsed, dot leaders removed and `plain`. */
  text: string[];
  /** Internal links of each page, top to bottom. */
  links: PdfLink[][];
  /** Every outline title, depth first, `plain`. */
  outline: string[];
}

/**
 * Text as tests compare it: spaces collapsed (no-break ones included) and apostrophes straight, since the layout
 * sets French typography (`l'accès` prints as `l’accès`, `n°1` as `n° 1`) and kit data is typed plainly.
 */
export const plain = (s: string) => collapse(s.replace(/’/g, "'").replace(/n°\s*/g, 'n° '));
/** Dot leaders of the contents (`. . . .`) get in the way of reading an entry with its page number. */
const noLeaders = (s: string) => s.replace(/ (?:\. ?){3,}/g, ' ');

/** The carnet read back with the shared `readPdf`, its texts made `plain`. */
export async function readCarnet(pdf: Buffer): Promise<ReadCarnet> {
  const read = await readPdf(pdf);
  return { pages: read.pages, text: read.text.map((t) => plain(noLeaders(t))), links: read.links, outline: outlineTitles(read.outline).map(plain) };
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
