import * as zlib from 'node:zlib';
import { createInflate, inflateSync } from 'node:zlib';
import { imageDebug, imageHash, rememberSound, soundBefore as remembered } from './imageCheckCache.js';
import type { ImageDetail } from './imageMessages.js';

/**
 * Full validation of a PNG or JPEG before anything embeds it: pdfkit copies image data into the PDF as it is,
 * so a damaged file gives a broken PDF with exit 0, and a huge one eats gigabytes while being drawn.
 *
 * Hand-written rather than a library: pngjs and jpeg-js decode every pixel into memory (4 bytes a pixel
 * before any check of the size), and header readers (image-size) check nothing past the header. Here PNG
 * chunks, CRCs, IHDR and PLTE are read as the specification says, and the image data is inflated as a
 * stream whose output is counted and thrown away (never more than expected: a zip bomb stops at once);
 * JPEG markers are walked from SOI to SOS, then EOI is looked for.
 */

/** At most 40 megapixels an image. A whole A4 page at 300 pixels per inch is 8.7 MP, a print logo far less;
 * 40 MP still lets through a 24 MP camera photo as it is, and bounds what pdfkit decodes (alpha PNGs: 160 MB). */
export const IMAGE_LIMITS = { maxPixels: 40_000_000 } as const;

export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

export interface ImageProblem {
  code: 'asset/bad-format' | 'asset/no-pixels' | 'asset/too-many-pixels' | 'asset/corrupt' | 'asset/unsupported';
  format?: 'png' | 'jpeg';
  detail?: ImageDetail;
  params?: Record<string, string | number>;
}

export type ImageCheck = { ok: true; info: ImageInfo } | { ok: false; problem: ImageProblem };

/** zlib.crc32 arrived in Node 20.15; the table below serves older Node 20 releases. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 =
  (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ??
  ((data: Uint8Array) => {
    let c = 0xffffffff;
    for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  });

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** The image formats documents can embed, told by their first bytes. */
export function imageFormat(head: Buffer): 'png' | 'jpeg' | undefined {
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Everything but the inflating of PNG data: the structure, and what the data must inflate to. */
interface Inspected {
  check: ImageCheck;
  png?: { idat: Buffer[]; rows: Array<{ bytes: number; count: number }> };
}

const fail = (code: ImageProblem['code'], format: 'png' | 'jpeg', detail?: ImageDetail, params?: ImageProblem['params']): Inspected => ({
  check: { ok: false, problem: { code, format, detail, params } },
});

function sizeProblem(format: 'png' | 'jpeg', width: number, height: number): Inspected | undefined {
  if (width === 0 || height === 0) return fail('asset/no-pixels', format, undefined, { width, height });
  if (width * height > IMAGE_LIMITS.maxPixels) return fail('asset/too-many-pixels', format, undefined, { width, height, max: IMAGE_LIMITS.maxPixels });
  return undefined;
}

function inspectPng(buf: Buffer): Inspected {
  let header: { width: number; height: number; depth: number; color: number; interlace: number } | undefined;
  let palette = false;
  let ended = false;
  const idat: Buffer[] = [];
  let i = 8;
  while (i < buf.length) {
    if (i + 12 > buf.length) return fail('asset/corrupt', 'png', 'truncated');
    const length = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return fail('asset/corrupt', 'png', 'badChunk', { offset: i });
    if (i + 12 + length > buf.length) return fail('asset/corrupt', 'png', 'truncated');
    const data = buf.subarray(i + 8, i + 8 + length);
    if ((crc32(buf.subarray(i + 4, i + 8 + length)) >>> 0) !== buf.readUInt32BE(i + 8 + length)) return fail('asset/corrupt', 'png', 'chunkCrc', { chunk: type });
    i += 12 + length;
    if (!header && type !== 'IHDR') return fail('asset/corrupt', 'png', 'firstNotIhdr');
    if (type === 'IHDR') {
      if (header || length !== 13) return fail('asset/corrupt', 'png', 'firstNotIhdr');
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8]!, color: data[9]!, interlace: data[12]! };
      const allowed = BIT_DEPTHS[header.color];
      if (!allowed) return fail('asset/corrupt', 'png', 'colorType', { value: header.color });
      if (!allowed.includes(header.depth)) return fail('asset/corrupt', 'png', 'bitDepth', { value: header.depth, type: header.color, allowed: allowed.join(', ') });
      if (data[10] !== 0) return fail('asset/corrupt', 'png', 'headerField', { field: 'compression', value: data[10]!, allowed: '0' });
      if (data[11] !== 0) return fail('asset/corrupt', 'png', 'headerField', { field: 'filter', value: data[11]!, allowed: '0' });
      if (header.interlace > 1) return fail('asset/corrupt', 'png', 'headerField', { field: 'interlace', value: header.interlace, allowed: '0, 1' });
      if (header.width > 0x7fffffff || header.height > 0x7fffffff) return fail('asset/corrupt', 'png', 'headerField', { field: 'width × height', value: `${header.width} × ${header.height}`, allowed: '< 2³¹' });
      const size = sizeProblem('png', header.width, header.height);
      if (size) return size;
    } else if (type === 'PLTE') {
      const max = header?.color === 3 ? 2 ** header.depth : 256;
      if (length === 0 || length % 3 !== 0 || length / 3 > max) return fail('asset/corrupt', 'png', 'badPalette', { bytes: length, max });
      palette = true;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!header) return fail('asset/corrupt', 'png', 'truncated');
  if (header.color === 3 && !palette) return fail('asset/corrupt', 'png', 'noPalette');
  if (idat.length === 0) return fail('asset/corrupt', 'png', 'noData');
  if (!ended) return fail('asset/corrupt', 'png', 'noEnd');
  const bitsPerPixel = CHANNELS[header.color]! * header.depth;
  const rowBytes = (w: number) => Math.ceil((w * bitsPerPixel) / 8) + 1;
  const passes: Array<readonly [number, number, number, number]> = header.interlace ? [...ADAM7] : [[0, 0, 1, 1]];
  const rows = passes
    .map(([x0, y0, dx, dy]) => ({ w: Math.max(0, Math.ceil((header!.width - x0) / dx)), h: Math.max(0, Math.ceil((header!.height - y0) / dy)) }))
    .filter((p) => p.w > 0 && p.h > 0)
    .map((p) => ({ bytes: rowBytes(p.w), count: p.h }));
  return { check: { ok: true, info: { format: 'png', width: header.width, height: header.height } }, png: { idat, rows } };
}

function inspectJpeg(buf: Buffer): Inspected {
  let frame: ImageInfo | undefined;
  let i = 2;
  for (;;) {
    if (i + 2 > buf.length) return fail('asset/corrupt', 'jpeg', 'truncated');
    if (buf[i] !== 0xff) return fail('asset/corrupt', 'jpeg', 'badMarker', { offset: i });
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xd8 || marker === 0x00) return fail('asset/corrupt', 'jpeg', marker === 0xd9 ? 'noScan' : 'badMarker', { offset: i });
    if (i + 4 > buf.length) return fail('asset/corrupt', 'jpeg', 'truncated');
    const length = buf.readUInt16BE(i + 2);
    if (length < 2) return fail('asset/corrupt', 'jpeg', 'badMarker', { offset: i });
    if (i + 2 + length > buf.length) return fail('asset/corrupt', 'jpeg', 'truncated');
    const seg = buf.subarray(i + 4, i + 2 + length);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (frame) return fail('asset/corrupt', 'jpeg', 'badFrame');
      if (seg.length < 6 || seg.length !== 6 + 3 * seg[5]!) return fail('asset/corrupt', 'jpeg', 'badFrame');
      if (marker > 0xc2) return fail('asset/unsupported', 'jpeg', 'jpegProcess', { kind: marker - 0xc0 });
      if (seg[0] !== 8) return fail('asset/unsupported', 'jpeg', 'jpegPrecision', { bits: seg[0]! });
      if (![1, 3, 4].includes(seg[5]!)) return fail('asset/unsupported', 'jpeg', 'jpegComponents', { n: seg[5]! });
      frame = { format: 'jpeg', width: seg.readUInt16BE(3), height: seg.readUInt16BE(1) };
      const size = sizeProblem('jpeg', frame.width, frame.height);
      if (size) return size;
    }
    i += 2 + length;
    if (marker === 0xda) {
      if (!frame) return fail('asset/corrupt', 'jpeg', 'noFrame');
      // Entropy-coded data follows the scan header; the image ends with EOI (trailing bytes after it are tolerated).
      const end = buf.lastIndexOf(Buffer.from([0xff, 0xd9]));
      if (end <= i) return fail('asset/corrupt', 'jpeg', end === i ? 'noScan' : 'noEoi');
      return { check: { ok: true, info: frame } };
    }
  }
}

function inspect(buf: Buffer): Inspected {
  const format = imageFormat(buf);
  if (format === 'png') return inspectPng(buf);
  if (format === 'jpeg') return inspectJpeg(buf);
  return { check: { ok: false, problem: { code: 'asset/bad-format' } } };
}

/** Counts inflated bytes against the expected rows and checks every row's filter byte, chunk by chunk. */
class RowCounter {
  total = 0;
  private row = 0;
  private offset = 0;
  private pass = 0;
  problem?: ImageProblem;
  constructor(private readonly rows: Array<{ bytes: number; count: number }>, readonly expected: number, private readonly info: ImageInfo) {}

  feed(chunk: Buffer): boolean {
    this.total += chunk.length;
    if (this.total > this.expected) {
      this.problem = { code: 'asset/corrupt', format: 'png', detail: 'dataTooLong', params: { expected: this.expected, width: this.info.width, height: this.info.height } };
      return false;
    }
    let at = 0;
    while (at < chunk.length) {
      const current = this.rows[this.pass]!;
      if (this.offset === 0 && chunk[at]! > 4) {
        this.problem = { code: 'asset/corrupt', format: 'png', detail: 'rowFilter', params: { value: chunk[at]! } };
        return false;
      }
      const step = Math.min(current.bytes - this.offset, chunk.length - at);
      at += step;
      this.offset += step;
      if (this.offset === current.bytes) {
        this.offset = 0;
        if (++this.row === current.count) {
          this.row = 0;
          this.pass++;
        }
      }
    }
    return true;
  }

  finish(): ImageCheck {
    if (this.problem) return { ok: false, problem: this.problem };
    if (this.total !== this.expected) {
      return { ok: false, problem: { code: 'asset/corrupt', format: 'png', detail: 'dataSize', params: { got: this.total, expected: this.expected, width: this.info.width, height: this.info.height } } };
    }
    return { ok: true, info: this.info };
  }
}

/** What the data check accepts: a change to it (or to the pixel limit) makes the verdicts kept on disk misses. */
const CHECK_VERSION = `capa-png-data-1 maxPixels=${IMAGE_LIMITS.maxPixels}`;

/** Whether these bytes' data was found sound before (this process or an earlier run), for the size their header gives. */
function soundBefore(hash: string, info: ImageInfo): boolean {
  const known = remembered(hash, CHECK_VERSION);
  return known !== undefined && known.width === info.width && known.height === info.height;
}

const inflateProblem = (err: unknown): ImageCheck => ({
  ok: false,
  problem: { code: 'asset/corrupt', format: 'png', detail: 'inflate', params: { reason: (err as { code?: string }).code ?? String(err) } },
});

/**
 * Validate an image completely, its PNG data inflated as a stream: memory stays small whatever the file holds.
 * Sound PNG data is remembered by content hash (imageCheckCache: in this process and in the cache folder), so the
 * watch's rebuilds and every document drawing the same logo inflate it once.
 */
export async function validateImage(buf: Buffer): Promise<ImageCheck> {
  const { check, png } = inspect(buf);
  if (!check.ok || !png) return check;
  const hash = imageHash(buf);
  if (soundBefore(hash, check.info)) return check;
  imageDebug('inflating %s', hash);
  const result = await inflateStreamed(png, check.info);
  if (result.ok) rememberSound(hash, CHECK_VERSION, check.info);
  return result;
}

function inflateStreamed(png: NonNullable<Inspected['png']>, info: ImageInfo): Promise<ImageCheck> {
  const counter = new RowCounter(png.rows, png.rows.reduce((s, r) => s + r.bytes * r.count, 0), info);
  return new Promise<ImageCheck>((resolve) => {
    const inflate = createInflate();
    let settled = false;
    const settle = (result: ImageCheck) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (!counter.feed(chunk)) settle(counter.finish());
    });
    inflate.on('error', (err) => settle(counter.problem ? counter.finish() : inflateProblem(err)));
    inflate.on('end', () => settle(counter.finish()));
    for (const part of png.idat) inflate.write(part);
    inflate.end();
  });
}

/**
 * The same validation, synchronous, for the layout step (images a template names itself): the inflated data
 * is held at once, capped one byte past what the header promises, so a zip bomb still stops there.
 */
export function validateImageSync(buf: Buffer): ImageCheck {
  const { check, png } = inspect(buf);
  if (!check.ok || !png) return check;
  const hash = imageHash(buf);
  if (soundBefore(hash, check.info)) return check;
  imageDebug('inflating %s', hash);
  const result = inflateAtOnce(png, check.info);
  if (result.ok) rememberSound(hash, CHECK_VERSION, check.info);
  return result;
}

function inflateAtOnce(png: NonNullable<Inspected['png']>, info: ImageInfo): ImageCheck {
  const expected = png.rows.reduce((s, r) => s + r.bytes * r.count, 0);
  const counter = new RowCounter(png.rows, expected, info);
  let data: Buffer;
  try {
    data = inflateSync(Buffer.concat(png.idat), { maxOutputLength: expected + 1 });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return inflateProblem(err);
    const { width, height } = info;
    return { ok: false, problem: { code: 'asset/corrupt', format: 'png', detail: 'dataTooLong', params: { expected, width, height } } };
  }
  counter.feed(data);
  return counter.finish();
}
