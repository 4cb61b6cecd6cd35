import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { checkKit } from '../../../src/check/validateKit.js';
import { badgesData } from '../../../src/documents/badges.js';
import { cardsData } from '../../../src/documents/cards.js';
import type { DocumentContext, PrintOptions } from '../../../src/documents/DocumentSpec.js';
import type { Kit } from '../../../src/kit/Kit.js';
import { layoutDocument, type LayoutResult } from '../../../src/layout/layoutDocument.js';
import { createRenderer } from '../../../src/render/createRenderer.js';
import { unhyphenate } from '../../agenda/readPdf.js';

/** Helpers of the cards and badges tests: copy a kit and edit it, lay a cut document out without drawing it. */

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a kit in a temp folder; `edit` changes a file's text (file → new text from old). */
export function copyKit(from: string, edit: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-cards-'));
  made.push(dir);
  cpSync(from, dir, { recursive: true });
  for (const [name, change] of Object.entries(edit)) {
    const abs = path.join(dir, name);
    writeFileSync(abs, change(readFileSync(abs, 'utf8')));
  }
  return dir;
}

/** The layout of `cards` or `badges` for a kit folder, made the way the document module makes it. */
export async function cutLayout(opts: { dir: string; document: 'cards' | 'badges'; print?: PrintOptions }): Promise<LayoutResult & { kit: Kit; markup: string }> {
  const checked = await checkKit({ dir: opts.dir, lang: 'fr' });
  if (!checked.kit) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  const kit = checked.kit;
  const renderer = createRenderer({ kitDir: checked.loaded.dir, lang: kit.lang, messageLang: 'fr' });
  const ctx: DocumentContext = { kit, renderer, messageLang: 'fr', assets: () => undefined, loaded: checked.loaded, print: opts.print };
  const doc = opts.document === 'cards' ? cardsData(ctx) : badgesData(ctx);
  const rendered = renderer.render(`${opts.document}/main`, { kit, theme: kit.theme, doc });
  if (rendered.diagnostics.length) throw new Error(rendered.diagnostics.map((d) => d.message).join('\n'));
  return { ...layoutDocument({ markup: rendered.output, file: `templates/${opts.document}/main.hbs` }), kit, markup: rendered.output };
}

export { seen } from '../../agenda/readPdf.js';

/**
 * Text of each page of a PDF (whitespace collapsed), the same without hyphens (`flat`, to compare with `seen(…)`
 * whatever the hyphenation of narrow card columns) and its outline titles.
 */
export async function pdfText(pdf: Buffer): Promise<{ pages: string[]; flat: string[]; outline: string[]; title: unknown }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/[\s\u00A0\u202F]+/g, ' ').trim());
  }
  const outline = ((await doc.getOutline()) ?? []).map((o) => o.title);
  const title = (await doc.getMetadata()).info as Record<string, unknown>;
  await doc.destroy();
  return { pages, flat: pages.map(unhyphenate), outline, title: title.Title };
}
