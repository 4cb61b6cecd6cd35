import { createHash } from 'node:crypto';
import { validateImageSync, type ImageCheck } from '../check/validateImage.js';

/** Results by content hash: a logo drawn by several documents (or rebuilt by --watch) is inflated once. */
const checked = new Map<string, ImageCheck>();
const KEEP = 64;

/**
 * Pixel size of a PNG or JPEG after full validation (structure, checksums, pixel limit, PNG data inflating
 * to the size its header promises), or the problem found: pdfkit embeds image data as it is, so nothing
 * unchecked may reach it.
 */
export function imageSize(buf: Buffer): ImageCheck {
  const key = createHash('sha256').update(buf).digest('hex');
  let result = checked.get(key);
  if (!result) {
    result = validateImageSync(buf);
    if (checked.size >= KEEP) checked.delete(checked.keys().next().value!);
    checked.set(key, result);
  }
  return result;
}
