import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { layoutStreamed } from './pages/layoutDocument.js';
import type { Checkpoint } from './core/checkpoint.js';
import type { SourceField } from './pages/layoutFurniture.js';
import { renderPdf, type RenderInfo } from './pdf/renderPdf.js';
import type { PdfSink } from './pdf/pdfOutput.js';
import type { MarkupSource } from './markup/parseMarkup.js';
import type { FaceCache } from './pages/FaceCache.js';

export interface RenderMarkupOptions {
  /** The markup: one string, or its parts in order (`Renderer.renderParts`), read once as the layout goes. */
  markup: MarkupSource;
  /** The same markup once more, for a document with a `<toc>` (see `LayoutDocumentOptions.again`). */
  again?: () => MarkupSource;
  /** Template file the markup comes from, named in diagnostics. */
  file: string;
  /** Image bytes for `<img src>`; the caller restricts it to the kit's assets. */
  assets?: (src: string) => Buffer | undefined;
  /** Overrides the `<document>` metadata (title, author, subject, keywords). */
  info?: RenderInfo;
  /** Language of diagnostic messages. */
  lang?: Lang;
  /** Produce PDF/A (`capa build --pdfa`). */
  pdfa?: boolean;
  /**
   * Maps a markup line/column back to the template place that produced it (the render stage's source map).
   * Diagnostics are then reported there instead of at `file` and the markup position.
   */
  locate?: (line: number, column: number, opts?: { content?: boolean }) => { file: string; line: number; column: number; path?: string } | undefined;
  /** Kit values the markup prints, so text that cannot fit is reported at its field. */
  fields?: SourceField[];
  /** Awaited between blocks and pages, so that a long document can be interrupted (see checkpoint.ts). */
  checkpoint?: Checkpoint;
  /** Where the PDF's bytes go as they are drawn (a file of the build); without it, `pdf` holds them. */
  sink?: PdfSink;
  /** Boxes of finished pages kept in memory before the rest wait in a temporary file (pageStore.ts); tests lower it. */
  pageBudget?: number;
  /** Card faces of the last layout of this document, reused when unchanged (the watch; see FaceCache.ts). */
  faces?: FaceCache;
}

/** Problems an element's text can cause (too long to fit): the renderer may know which kit value it printed there. */
const CAUSED_BY_TEXT = new Set(['layout/row-too-tall', 'layout/block-too-tall', 'layout/overflow']);

export interface RenderMarkupResult {
  /** Absent when there are diagnostics, or when the bytes went to `sink`. */
  pdf?: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
}

function relocate(d: Diagnostic, locate: NonNullable<RenderMarkupOptions['locate']>): Diagnostic {
  if (d.line === undefined || d.column === undefined) return d;
  const place = locate(d.line, d.column, { content: CAUSED_BY_TEXT.has(d.code) });
  if (!place) return d;
  const path = d.path ?? place.path;
  return { ...d, file: place.file, line: place.line, column: place.column, ...(path !== undefined ? { path } : {}) };
}

/**
 * Markup → checked, laid out and drawn PDF. Diagnostics instead of a PDF when the markup or layout has problems.
 * Pages are made and drawn one at a time once the layout is done (see layoutDocument.ts, pageStore.ts).
 */
export async function renderMarkup(opts: RenderMarkupOptions): Promise<RenderMarkupResult> {
  const { model, diagnostics } = await layoutStreamed(opts, opts.checkpoint);
  if (!model || diagnostics.length) {
    model?.close();
    return { pages: 0, diagnostics: opts.locate ? diagnostics.map((d) => relocate(d, opts.locate!)) : diagnostics };
  }
  try {
    const drawing = { info: opts.info, pdfa: opts.pdfa, checkpoint: opts.checkpoint };
    const pages = model.pageCount;
    if (opts.sink) {
      await renderPdf(model, { ...drawing, sink: opts.sink });
      return { pages, diagnostics: [] };
    }
    return { pdf: await renderPdf(model, drawing), pages, diagnostics: [] };
  } finally {
    model.close();
  }
}
