import PDFDocument from 'pdfkit';
import { PNG, type PNGOptions } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { openImage, plainPng } from '../../src/layout/pdf/openImage.js';

/** A `width`×`height` PNG of varied pixels (a gradient with noise, so filters and deflate have work to do). */
function png(width: number, height: number, options: PNGOptions = {}): Buffer {
  const image = new PNG({ width, height });
  let seed = width * 31 + height;
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const p = i / 4;
    image.data[i] = (p % width) * 7 + (seed >> 28);
    image.data[i + 1] = Math.floor(p / width) * 5;
    image.data[i + 2] = (seed >> 20) & 0xff;
    image.data[i + 3] = options.colorType === 6 || options.colorType === 4 ? (seed >> 12) & 0xff : 255;
  }
  return PNG.sync.write(image, { inputColorType: 6, ...options });
}

/** PNG chunks of `bytes` as [type, data] pairs (CRCs dropped). */
function chunks(bytes: Buffer): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (let pos = 8; pos < bytes.length; ) {
    const size = bytes.readUInt32BE(pos);
    out.push([bytes.toString('latin1', pos + 4, pos + 8), bytes.subarray(pos + 8, pos + 8 + size)]);
    pos += size + 12;
  }
  return out;
}

/** A PNG made of `parts` (CRCs are zero: neither pdfkit nor openImage reads them; layout checks them earlier). */
function assemble(parts: Array<[string, Buffer]>): Buffer {
  const body = parts.flatMap(([type, data]) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    return [head, data, Buffer.alloc(4)];
  });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...body]);
}

/** `bytes` with its image data cut into IDAT chunks of at most `size` bytes. */
function splitData(bytes: Buffer, size: number): Buffer {
  return assemble(
    chunks(bytes).flatMap(([type, data]): Array<[string, Buffer]> => {
      if (type !== 'IDAT') return [[type, data]];
      const parts: Array<[string, Buffer]> = [];
      for (let i = 0; i < data.length; i += size) parts.push(['IDAT', data.subarray(i, i + size)]);
      return parts;
    }),
  );
}

/** `bytes` with a chunk inserted before its first IDAT. */
function withChunk(bytes: Buffer, type: string, data: Buffer): Buffer {
  const parts = chunks(bytes);
  parts.splice(parts.findIndex(([t]) => t === 'IDAT'), 0, [type, data]);
  return assemble(parts);
}

/** A PDF drawing `images` twice each on two pages, opened by pdfkit itself or by `openImage`. */
async function pdfOf(images: Buffer[], mode: 'pdfkit' | 'capa'): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const out: Buffer[] = [];
  doc.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  const opened = [];
  for (const bytes of images) {
    const img = mode === 'pdfkit' ? doc.openImage(bytes) : openImage(doc, bytes);
    img.embed(doc);
    // pdfkit decodes images with alpha or a palette mask asynchronously, as renderPdf waits for.
    while ((img as unknown as { image?: unknown }).image != null) await new Promise((r) => setTimeout(r, 1));
    opened.push(img);
  }
  for (let page = 0; page < 2; page++) {
    doc.addPage({ size: 'A4' });
    opened.forEach((img, i) => doc.image(img, 20 + i * 10, 20 + page * 30, { width: 100 }));
  }
  doc.end();
  await ended;
  return Buffer.concat(out);
}

describe('openImage: opaque PNGs embedded without pdfkit decoding them', () => {
  const rgb = png(61, 17, { colorType: 2 });
  const grey = png(40, 9, { colorType: 0 });
  const plain = {
    rgb,
    grey,
    'RGB, 16 bits': png(13, 11, { colorType: 2, bitDepth: 16 }),
    'RGB, data in 5 IDAT chunks': splitData(rgb, Math.ceil(chunks(rgb).find(([t]) => t === 'IDAT')![1].length / 5)),
    'grey with a text chunk': withChunk(grey, 'tEXt', Buffer.from('Title\0capa', 'latin1')),
  };
  const others = {
    'RGB with alpha': png(20, 20, { colorType: 6 }),
    'grey with alpha': png(20, 20, { colorType: 4 }),
    'RGB with a colour key (tRNS)': withChunk(rgb, 'tRNS', Buffer.from([0, 1, 0, 2, 0, 3])),
    'RGB with a suggested palette (PLTE)': withChunk(rgb, 'PLTE', Buffer.from([255, 0, 0, 0, 255, 0])),
  };
  // pngjs writes no interlaced PNG: only the header says so here (pdfkit would decode these rows as garbage).
  const interlaced = (() => {
    const parts = chunks(rgb);
    const header = Buffer.from(parts[0]![1]);
    header[12] = 1;
    return assemble([['IHDR', header], ...parts.slice(1)]);
  })();

  it('writes the same PDF bytes as pdfkit for every PNG it handles', async () => {
    for (const [name, bytes] of Object.entries(plain)) {
      expect(plainPng(bytes), name).toBeDefined();
      expect((await pdfOf([bytes], 'capa')).equals(await pdfOf([bytes], 'pdfkit')), name).toBe(true);
    }
    // Several images in one document, mixed with ones pdfkit opens: labels and object numbers follow the same order.
    const mixed = [plain.rgb, others['RGB with alpha'], plain.grey, plain['RGB, 16 bits'], others['RGB with a colour key (tRNS)']];
    expect((await pdfOf(mixed, 'capa')).equals(await pdfOf(mixed, 'pdfkit'))).toBe(true);
  });

  it('leaves to pdfkit what needs decoding or extra objects, and anything it cannot read', async () => {
    for (const [name, bytes] of Object.entries(others)) {
      expect(plainPng(bytes), name).toBeUndefined();
      expect((await pdfOf([bytes], 'capa')).equals(await pdfOf([bytes], 'pdfkit')), name).toBe(true);
    }
    expect(plainPng(interlaced)).toBeUndefined();
    const cut = rgb.subarray(0, rgb.length - 20);
    expect(plainPng(cut)).toBeUndefined();
    expect(plainPng(Buffer.from('not a png at all, not at all'))).toBeUndefined();
    // No IEND: png-js reads past the end; openImage hands it to pdfkit, which fails as before.
    expect(plainPng(assemble(chunks(rgb).slice(0, -1)))).toBeUndefined();
  });
});
