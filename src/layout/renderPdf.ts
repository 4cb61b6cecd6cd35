import PDFDocument from 'pdfkit';
import { FONT_FILES, fontBook, type FontId } from './fonts.js';
import type { LayoutModel } from './model.js';

/** Fixed dates so two builds of the same input are byte-identical (the trailer ID is hashed from them). */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export interface RenderInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
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

/** Draws a layout model with pdfkit: the only place in capa that issues drawing calls. */
export async function renderPdf(model: LayoutModel, opts: { info?: RenderInfo } = {}): Promise<Buffer> {
  const info = { ...model.info, ...opts.info };
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: model.info.lang,
    displayTitle: true,
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
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const [id, file] of Object.entries(FONT_FILES)) doc.registerFont(id, file);
  // Embed images up front, in a fixed order, and wait for their decoding: objects are then numbered the same every time.
  const images = new Map<string, PDFKit.PDFOpenedImage>();
  for (const [src, bytes] of [...model.images.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const img = doc.openImage(bytes);
    img.embed(doc);
    await decoded(img);
    images.set(src, img);
  }

  const book = fontBook();
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
  let font: FontId | undefined;
  let size = 0;
  let fill = '';

  model.pages.forEach((page, index) => {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    font = undefined;
    size = 0;
    fill = '';
    for (const o of model.outline) {
      if (o.page !== index) continue;
      const parent = levels.slice(0, o.level - 1).reverse().find(Boolean) ?? doc.outline;
      levels[o.level - 1] = parent.addItem(o.title, { top: o.y, left: page.width });
      levels.length = o.level;
    }
    for (const b of page.items) {
      switch (b.kind) {
        case 'text':
          if (b.font !== font) doc.font((font = b.font));
          if (b.size !== size) doc.fontSize((size = b.size));
          if (b.color !== fill) doc.fillColor((fill = b.color));
          // pdfkit places text by the top of the em box; the model holds baselines.
          doc.text(b.text, b.x, b.y - asc(b.font) * b.size, { lineBreak: false });
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
        case 'link':
          doc.link(b.x, b.y, b.width, b.height, b.url);
          break;
        case 'image': {
          const img = images.get(b.src);
          if (img) doc.image(img, b.x, b.y, { width: b.width, height: b.height });
          break;
        }
      }
    }
  });
  doc.end();
  return done;
}
