import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from '../kit/cacheFile.js';
import { capaCacheDir } from '../kit/cacheFolder.js';
import { imageSize } from '../layout/flow/imageSize.js';
import { exifOrientation, resizeRgba } from './resizeRgba.js';

const require = createRequire(import.meta.url);

/**
 * Photos as a document prints them: at most `maxSide` pixels on their longest side (1,600 px across the
 * 145 mm a photo takes in the carnet is 280 dpi, more than a printer renders), so a carnet with thirty
 * 12-megapixel phone photos stays a few megabytes instead of a hundred. Smaller images pass as they are.
 */
export const PRINT_IMAGE = { maxSide: 1600, jpegQuality: 85 } as const;

/** What a cached image was made by: a change here makes older entries misses. */
const RECIPE = `capa-image-2 max=${PRINT_IMAGE.maxSide} q=${PRINT_IMAGE.jpegQuality} opaque-alpha-dropped`;

/** Any file the cache may hand back: far above a 1,600-pixel image. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * `bytes` as documents embed them: downscaled for print when larger than PRINT_IMAGE.maxSide, a PNG with an
 * alpha channel that is opaque everywhere written without it, else `bytes` itself. pdfkit copies an opaque
 * PNG's data into the PDF as it is, but decodes one with an alpha channel pixel by pixel in JavaScript to
 * split off the mask (~300 ms for the reference kit's photo, in every document that shows it).
 *
 * Decoding takes ~0.5 s, so each result is kept in the cache folder (CAPA_CACHE_DIR) under the hash of its
 * source: the next build reads it back. pngjs and jpeg-js are pure JavaScript (sharp needs a native binary
 * per platform, jimp brings a whole image toolkit); the resampling is an area average (resizeRgba).
 */
export function printableImage(bytes: Buffer): Buffer {
  const checked = imageSize(bytes);
  if (!checked.ok) return bytes; // reported where the image is named (checkAssets, layoutImage)
  const { format, width, height } = checked.info;
  const orientation = format === 'jpeg' ? exifOrientation(bytes) : 1;
  const large = Math.max(width, height) > PRINT_IMAGE.maxSide || orientation !== 1;
  if (!large && !(format === 'png' && alphaChannel(bytes))) return bytes;
  const hash = createHash('sha256').update(RECIPE).update(bytes).digest('hex');
  const remembered = recent.get(hash);
  if (remembered) return remembered;
  const made = cachedOrMade(hash, () => (format === 'jpeg' ? downscaleJpeg(bytes, orientation) : printablePng(bytes, large)), format);
  if (recent.size >= 16) recent.delete(recent.keys().next().value!);
  recent.set(hash, made);
  return made;
}

/** Results of this process, by hash: every document of a build asks for the same photos. */
const recent = new Map<string, Buffer>();

/** Colour types 4 (grey and alpha) and 6 (RGB and alpha), read from IHDR (checked: the first chunk). */
function alphaChannel(png: Buffer): boolean {
  return png[25] === 4 || png[25] === 6;
}

function cachedOrMade(hash: string, make: () => Buffer, format: 'png' | 'jpeg'): Buffer {
  const dir = capaCacheDir();
  const file = dir ? path.join(dir, 'images', `${hash}.${format === 'jpeg' ? 'jpg' : 'png'}`) : undefined;
  const cached = file ? readCacheFile(file, MAX_CACHED_BYTES) : undefined;
  // A damaged entry is made again; a sound one may be any image, as a kit's own image may be.
  if (cached && imageSize(cached).ok) return cached;
  const made = make();
  if (file) writeCacheFile(file, made);
  return made;
}

function downscaleJpeg(bytes: Buffer, orientation: number): Buffer {
  const jpeg = require('jpeg-js') as typeof import('jpeg-js');
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 45, maxMemoryUsageInMB: 1024 });
  const out = resizeRgba({ data: decoded.data, width: decoded.width, height: decoded.height, maxSide: PRINT_IMAGE.maxSide, orientation });
  return Buffer.from(jpeg.encode({ data: out.data, width: out.width, height: out.height }, PRINT_IMAGE.jpegQuality).data);
}

/** A PNG downscaled when `large`, without its alpha channel when that is opaque everywhere; `bytes` when neither applies. */
function printablePng(bytes: Buffer, large: boolean): Buffer {
  const { PNG } = require('pngjs') as typeof import('pngjs');
  const decoded = PNG.sync.read(bytes);
  const out = large ? resizeRgba({ data: decoded.data, width: decoded.width, height: decoded.height, maxSide: PRINT_IMAGE.maxSide, orientation: 1 }) : decoded;
  const pixels = Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength);
  if (!opaque(pixels)) return large ? encode(PNG, out.width, out.height, pixels, {}) : bytes;
  // Grey stays grey (its red, green and blue are equal, which pngjs averages back exactly). Unfiltered rows suit
  // flat drawings (the reference kit's photo: 118 KB, against 163 KB with filters and 130 KB for pdfkit's own
  // colour and mask), filtered rows suit camera photos: a band of rows from the middle, written both ways, chooses.
  const options = (filterType: number): import('pngjs').PNGOptions => ({ colorType: bytes[25] === 4 ? 0 : 2, inputColorType: 6, filterType, deflateStrategy: 0, deflateLevel: 9 });
  const rows = Math.min(out.height, 64);
  const band = pixels.subarray(Math.floor((out.height - rows) / 2) * out.width * 4, (Math.floor((out.height - rows) / 2) + rows) * out.width * 4);
  const [plain, filtered] = [0, -1].map((filterType) => encode(PNG, out.width, rows, band, options(filterType)).length);
  return encode(PNG, out.width, out.height, pixels, options(plain! <= filtered! ? 0 : -1));
}

function encode(PNG: typeof import('pngjs').PNG, width: number, height: number, data: Buffer, options: import('pngjs').PNGOptions): Buffer {
  return PNG.sync.write(Object.assign(new PNG({ width, height }), { data }), options);
}

/** Whether every pixel of RGBA `pixels` is fully opaque. */
function opaque(pixels: Uint8Array): boolean {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
  return true;
}
