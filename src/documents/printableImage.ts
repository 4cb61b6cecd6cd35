import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { capaCacheDir } from '../kit/yamlCache.js';
import { imageSize } from '../layout/imageSize.js';
import { exifOrientation, resizeRgba } from './resizeRgba.js';

const require = createRequire(import.meta.url);

/**
 * Photos as a document prints them: at most `maxSide` pixels on their longest side (1,600 px across the
 * 145 mm a photo takes in the carnet is 280 dpi, more than a printer renders), so a carnet with thirty
 * 12-megapixel phone photos stays a few megabytes instead of a hundred. Smaller images pass as they are.
 */
export const PRINT_IMAGE = { maxSide: 1600, jpegQuality: 85 } as const;

/** What a cached image was made by: a change here makes older entries misses. */
const RECIPE = `capa-image-1 max=${PRINT_IMAGE.maxSide} q=${PRINT_IMAGE.jpegQuality}`;

/**
 * `bytes` downscaled for print when the image is larger than PRINT_IMAGE.maxSide, else `bytes` itself.
 * Decoding a photo takes ~0.5 s, so each result is kept in the cache folder (CAPA_CACHE_DIR) under the hash
 * of its source: the next build reads it back. pngjs and jpeg-js are pure JavaScript (sharp needs a native
 * binary per platform, jimp brings a whole image toolkit); the resampling is an area average (resizeRgba).
 */
export function printableImage(bytes: Buffer): Buffer {
  const checked = imageSize(bytes);
  if (!checked.ok) return bytes; // reported where the image is named (checkAssets, layoutImage)
  const { format, width, height } = checked.info;
  const orientation = format === 'jpeg' ? exifOrientation(bytes) : 1;
  if (Math.max(width, height) <= PRINT_IMAGE.maxSide && orientation === 1) return bytes;
  const hash = createHash('sha256').update(RECIPE).update(bytes).digest('hex');
  const remembered = recent.get(hash);
  if (remembered) return remembered;
  const made = cachedOrMade(hash, bytes, format, orientation);
  if (recent.size >= 16) recent.delete(recent.keys().next().value!);
  recent.set(hash, made);
  return made;
}

/** Results of this process, by hash: every document of a build asks for the same photos. */
const recent = new Map<string, Buffer>();

function cachedOrMade(hash: string, bytes: Buffer, format: 'png' | 'jpeg', orientation: number): Buffer {
  const dir = capaCacheDir();
  const file = dir ? path.join(dir, 'images', `${hash}.${format === 'jpeg' ? 'jpg' : 'png'}`) : undefined;
  if (file) {
    try {
      const cached = readFileSync(file);
      if (imageSize(cached).ok) return cached;
    } catch {
      // not made yet
    }
  }
  const made = downscale(bytes, format, orientation);
  if (file) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, made);
      renameSync(temp, file);
    } catch {
      // A read-only cache only means the next build decodes again.
    }
  }
  return made;
}

function downscale(bytes: Buffer, format: 'png' | 'jpeg', orientation: number): Buffer {
  if (format === 'jpeg') {
    const jpeg = require('jpeg-js') as typeof import('jpeg-js');
    const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 45, maxMemoryUsageInMB: 1024 });
    const out = resizeRgba({ data: decoded.data, width: decoded.width, height: decoded.height, maxSide: PRINT_IMAGE.maxSide, orientation });
    return Buffer.from(jpeg.encode({ data: out.data, width: out.width, height: out.height }, PRINT_IMAGE.jpegQuality).data);
  }
  const { PNG } = require('pngjs') as typeof import('pngjs');
  const decoded = PNG.sync.read(bytes);
  const out = resizeRgba({ data: decoded.data, width: decoded.width, height: decoded.height, maxSide: PRINT_IMAGE.maxSide, orientation: 1 });
  // RGBA even when opaque: pdfkit then recompresses the colour and the (tiny) mask apart, which made the
  // reference kit's photo 130 KB in the PDF against 230 KB for the same pixels written as RGB.
  return PNG.sync.write(Object.assign(new PNG({ width: out.width, height: out.height }), { data: Buffer.from(out.data) }));
}
