import { validateImageSync, type ImageCheck } from '../check/validateImage.js';

/**
 * Pixel size of a PNG or JPEG after full validation (structure, checksums, pixel limit, PNG data inflating
 * to the size its header promises), or the problem found: pdfkit embeds image data as it is, so nothing
 * unchecked may reach it.
 */
export function imageSize(buf: Buffer): ImageCheck {
  return validateImageSync(buf);
}
