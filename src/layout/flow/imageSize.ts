import { validateImageSync, type ImageCheck } from '../../check/validateImage.js';

/**
 * Pixel size of a PNG or JPEG after full validation (structure, checksums, pixel limit, PNG data inflating
 * to the size its header promises), or the problem found: pdfkit embeds image data as it is, so nothing
 * unchecked may reach it. PNG data found sound is remembered by content hash (check/imageCheckCache), so a
 * logo drawn by every document, or by the next build, is inflated once.
 */
export function imageSize(buf: Buffer): ImageCheck {
  return validateImageSync(buf);
}
