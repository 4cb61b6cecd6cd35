import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { FONT_FILES, fontBook, isScriptFace, type FontId } from '../fonts/fonts.js';
import type { DrawableModel } from '../flow/model.js';
import { fixXmpInfo, PDFA_SUBSET } from './pdfaMetadata.js';
import { openFont } from '../fonts/openFont.js';
import { collectPdf, pipePdf, type PdfSink } from './pdfOutput.js';
import { pageBoxes } from './pageBoxes.js';
import { tagSubsets } from './subsetTags.js';
import { addStage } from '../../stageClock.js';
import { GlyphWriter } from './drawGlyphs.js';
import type { Checkpoint } from '../core/checkpoint.js';
import { StructureTree } from './structureTree.js';
import { openImage } from './openImage.js';
import { routeDeflate } from './routeDeflate.js';
import { compareText } from '../../compareText.js';

/** Fixed dates so two builds of the same input are byte-identical (the trailer ID is hashed from them). */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export interface RenderInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
}

/** Entries grouped by page, in their order: a large carnet has hundreds of pages and of outline entries. */
function byPage<T extends { page: number }>(entries: readonly T[]): Map<number, T[]> {
  const pages = new Map<number, T[]>();
  for (const e of entries) {
    const list = pages.get(e.page);
    if (list) list.push(e);
    else pages.set(e.page, [e]);
  }
  return pages;
}

/** Waits until pdfkit has finished decoding an image (PNGs with alpha decode asynchronously). */
async function decoded(img: PDFKit.PDFOpenedImage): Promise<void> {
  // PNG images keep their decoder in `image` until finalised; JPEGs are embedded synchronously.
  const png = img as unknown as { image?: unknown };
  // Bounded: layout already checked the data inflates, so this only guards against a pdfkit surprise.
  for (let tries = 0; png.image != null; tries++) {
    if (tries > 10_000) throw new Error(`image ${img.label} was not decoded`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

export interface RenderPdfOptions {
  info?: RenderInfo;
  tagged?: boolean;
  pdfa?: boolean;
  /** The caller hands a model of `Page[]` over: each page's boxes are dropped once drawn. */
  release?: boolean;
  /** Called between pages: lets a signal handler run during a long drawing (see checkpoint.ts). */
  checkpoint?: Checkpoint;
  /** Where the bytes go as they are written (a file of the build); without it, the PDF is returned in memory. */
  sink?: PdfSink;
}

/** Draws a layout model with pdfkit: the only place in capa that issues drawing calls. */
export function renderPdf(model: DrawableModel, opts: RenderPdfOptions & { sink: PdfSink }): Promise<void>;
export function renderPdf(model: DrawableModel, opts?: RenderPdfOptions): Promise<Buffer>;
export async function renderPdf(model: DrawableModel, opts: RenderPdfOptions = {}): Promise<Buffer | void> {
  const started = performance.now();
  // pdfkit compresses each stream through one reused zlib engine while this document is drawn (routeDeflate.ts).
  const unroute = routeDeflate();
  try {
    const pdf = await drawPdf(model, opts);
    addStage('draw', started);
    return pdf;
  } finally {
    unroute();
  }
}

async function drawPdf(model: DrawableModel, opts: RenderPdfOptions): Promise<Buffer | void> {
  const info = { ...model.info, ...opts.info };
  const tagged = opts.tagged ?? true;
  const doc = new PDFDocument({
    autoFirstPage: false,
    tagged,
    compress: true,
    pdfVersion: '1.7',
    // No default font: pdfkit would open Helvetica (its metrics and 1,220 kerning pairs) for each document, and capa
    // draws only its own fonts. The count below keeps their names (F2, F3…) as they were with Helvetica as F1.
    ...({ font: null } as object),
    lang: model.info.lang,
    displayTitle: true,
    // Archiving (`capa build --pdfa`): see pdfaMetadata.ts for the profile chosen.
    ...(opts.pdfa ? { subset: PDFA_SUBSET } : {}),
    // pdfkit hashes every info value into the file ID: absent fields must be left out, not undefined.
    info: {
      ...(info.title ? { Title: info.title } : {}),
      ...(info.author ? { Author: info.author } : {}),
      ...(info.subject ? { Subject: info.subject } : {}),
      ...(info.keywords ? { Keywords: info.keywords } : {}),
      Creator: 'capa',
      Producer: 'capa',
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  (doc as unknown as { _fontCount: number })._fontCount = 1;
  fixXmpInfo(doc, { pdfa: opts.pdfa ?? false });
  const done = opts.sink ? pipePdf(doc, opts.sink) : collectPdf(doc);

  // Faces are registered on first use, as pdfkit opens (and embeds) only the faces a document uses.
  const registered = new Set<FontId>();
  const useFont = (f: FontId) => {
    if (!registered.has(f)) {
      doc.registerFont(f, openFont(FONT_FILES[f]));
      registered.add(f);
    }
    doc.font(f);
  };
  const book = fontBook();
  const glyphs = new GlyphWriter(doc, book);
  // Embed images up front, in a fixed order, and wait for their decoding: objects are then numbered the same every time.
  const images = new Map<string, PDFKit.PDFOpenedImage>();
  for (const [src, bytes] of [...model.images.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    const img = openImage(doc, bytes);
    img.embed(doc);
    await decoded(img);
    images.set(src, img);
  }

  const ascender = new Map<FontId, number>();
  const asc = (f: FontId) => {
    let a = ascender.get(f);
    if (a === undefined) {
      a = book.ascender(f);
      ascender.set(f, a);
    }
    return a;
  };
  const levels: PDFKit.PDFOutline[] = [];
  const tree = tagged ? new StructureTree(doc, model) : undefined;
  let font: FontId | undefined;
  let size = 0;
  let fill = '';

  const destinations = byPage(model.destinations ?? []);
  const outline = byPage(model.outline);
  // Pages may be made as they are read (renderMarkup's): each is drawn, then let go.
  let index = 0;
  for (const page of model.pages) {
    if (opts.checkpoint) await opts.checkpoint();
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    tree?.pageAdded();
    // pdfkit has no API for the trim: prepress software reads it from the page dictionary.
    Object.assign(doc.page.dictionary.data, pageBoxes(page));
    font = undefined;
    size = 0;
    fill = '';
    for (const d of destinations.get(index) ?? []) doc.addNamedDestination(d.name, 'XYZ', 0, d.y, 0);
    for (const o of outline.get(index) ?? []) {
      const parent = levels.slice(0, o.level - 1).reverse().find(Boolean) ?? doc.outline;
      levels[o.level - 1] = parent.addItem(o.title, { top: o.y, left: page.width });
      levels.length = o.level;
    }
    // Consecutive boxes of one structure element (or of artifacts) share one marked-content sequence.
    let open: string | undefined;
    let content: PDFKit.PDFStructureContent | undefined;
    let owner: number | undefined;
    const close = () => {
      if (open === undefined) return;
      doc.endMarkedContent();
      if (content && owner !== undefined) tree?.content(owner, content);
      open = undefined;
      content = undefined;
    };
    for (const b of page.items) {
      if (tree && b.kind !== 'link') {
        const key = b.role === 'Artifact' || b.node === undefined ? 'artifact' : String(b.node);
        if (key !== open) {
          close();
          open = key;
          owner = key === 'artifact' ? undefined : b.node;
          if (owner === undefined) doc.markContent('Artifact');
          else content = doc.markStructureContent(model.structure.role(owner));
        }
      }
      switch (b.kind) {
        case 'text':
          if (b.outline) {
            // Drawn as a shape inside the paragraph's marked content: seen on paper, absent from the text layer.
            doc.save().translate(b.x, b.y).scale(b.size, -b.size).path(book.outline(b.text, b.font)).fill(b.color).restore();
            break;
          }
          if (b.font !== font) useFont((font = b.font));
          if (b.size !== size) doc.fontSize((size = b.size));
          if (b.color !== fill) doc.fillColor((fill = b.color));
          // pdfkit places text by the top of the em box; the model holds baselines.
          // A space ending the line is written after the text: drawn from `b.x`, it is invisible and moves nothing.
          if (isScriptFace(b.font) && book.reorders(b.text, b.font)) {
            // Glyphs out of text order (Devanagari's short i) or dropped (skin tones): the text layer spells it out.
            doc.markContent('Span', { actual: b.trailingSpace ? `${b.text} ` : b.text });
            glyphs.text(b.trailingSpace ? `${b.text} ` : b.text, b.font, b.x, b.y - asc(b.font) * b.size);
            doc.endMarkedContent();
          } else glyphs.text(b.trailingSpace ? `${b.text} ` : b.text, b.font, b.x, b.y - asc(b.font) * b.size);
          break;
        case 'rect':
          if (b.radius) doc.roundedRect(b.x, b.y, b.width, b.height, b.radius);
          else doc.rect(b.x, b.y, b.width, b.height);
          if (b.fill && b.stroke) doc.lineWidth(b.lineWidth ?? 0.75).fillAndStroke(b.fill, b.stroke);
          else if (b.fill) doc.fill(b.fill);
          else if (b.stroke) doc.lineWidth(b.lineWidth ?? 0.75).stroke(b.stroke);
          fill = '';
          break;
        case 'line':
          doc.moveTo(b.x1, b.y1).lineTo(b.x2, b.y2).lineWidth(b.lineWidth).stroke(b.color);
          break;
        case 'link': {
          const opts = tree && b.node !== undefined ? { structParent: tree.annotationParent(b.node) } : {};
          if (b.dest) doc.goTo(b.x, b.y, b.width, b.height, b.dest, opts);
          else doc.link(b.x, b.y, b.width, b.height, b.url, opts);
          break;
        }
        case 'image': {
          const img = images.get(b.src);
          if (img) doc.image(img, b.x, b.y, { width: b.width, height: b.height });
          break;
        }
      }
    }
    close();
    if (opts.release) page.items = [];
    index++;
  }
  // Never a 0-page file (invalid PDF): layoutDocument always yields a page, this guards hand-made models.
  if (index === 0) doc.addPage({ size: 'A4', margin: 0 });
  tree?.end();
  tagSubsets(doc);
  doc.end();
  return done;
}
