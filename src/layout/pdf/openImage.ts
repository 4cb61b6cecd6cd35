/** The PNG file signature. */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An opaque PNG as pdfkit embeds it: its compressed data as it is, with the predictor that undoes PNG's filters. */
interface PlainPng {
  width: number;
  height: number;
  bits: number;
  colors: 1 | 3;
  data: Buffer;
}

/**
 * `doc.openImage(bytes)`, quicker for the usual PNG (grey or colour, no alpha, no palette, not interlaced, which is
 * what printableImage makes of an opaque photo): pdfkit's PNG reader (png-js) copies the image data into a JavaScript
 * array byte by byte, ~20 ms and 4 MB of garbage for the reference kit's 118 KB photo. This writes the same objects,
 * in the same order and with the same bytes, as pdfkit does for such a PNG; any other image goes to pdfkit.
 */
export function openImage(doc: PDFKit.PDFDocument, bytes: Buffer): PDFKit.PDFOpenedImage {
  const png = plainPng(bytes);
  if (!png) return doc.openImage(bytes);
  const internals = doc as unknown as { _imageCount: number; ref(data: Record<string, unknown>): PdfRef };
  const label = `I${++internals._imageCount}`;
  const image: PDFKit.PDFOpenedImage & { obj?: PdfRef } = {
    width: png.width,
    height: png.height,
    label,
    embed(document: PDFKit.PDFDocument) {
      if (image.obj) return;
      const d = document as unknown as typeof internals;
      // pdfkit's PNGImage.embed and finalize for an image without alpha, palette or transparency.
      const obj = d.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: png.bits, Width: png.width, Height: png.height, Filter: 'FlateDecode' });
      image.obj = obj;
      const params = d.ref({ Predictor: 15, Colors: png.colors, BitsPerComponent: png.bits, Columns: png.width });
      obj.data.DecodeParms = params;
      params.end();
      obj.data.ColorSpace = png.colors === 1 ? 'DeviceGray' : 'DeviceRGB';
      obj.end(png.data);
    },
  };
  return image;
}

interface PdfRef {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}

/**
 * The parts of `bytes` pdfkit would use, when it is a PNG pdfkit copies without decoding and without extra objects:
 * colour type 0 or 2, not interlaced, no PLTE (pdfkit would make an RGB image with a suggested palette indexed) and no
 * tRNS (a colour key). Chunk lengths are checked against the file; checksums are not read, as pdfkit reads none.
 * Anything else, or anything odd, is `undefined`: pdfkit then opens it as before.
 */
export function plainPng(bytes: Buffer): PlainPng | undefined {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let pos = 8;
  let header: Omit<PlainPng, 'data'> | undefined;
  const parts: Buffer[] = [];
  while (pos + 8 <= bytes.length) {
    const size = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const start = pos + 8;
    if (size > 0x7fffffff || start + size + 4 > bytes.length) return undefined;
    if (type === 'IHDR') {
      if (header || size !== 13) return undefined;
      const colorType = bytes[start + 9];
      if ((colorType !== 0 && colorType !== 2) || bytes[start + 12] !== 0) return undefined;
      header = { width: bytes.readUInt32BE(start), height: bytes.readUInt32BE(start + 4), bits: bytes[start + 8]!, colors: colorType === 0 ? 1 : 3 };
    } else if (!header || type === 'PLTE' || type === 'tRNS') {
      return undefined;
    } else if (type === 'IDAT') {
      parts.push(bytes.subarray(start, start + size));
    } else if (type === 'IEND') {
      return parts.length ? { ...header, data: Buffer.concat(parts) } : undefined;
    }
    pos = start + size + 4;
  }
  return undefined;
}
