import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../kit/isInside.js';
import { printableImage } from './printableImage.js';

/**
 * The images documents may draw (`<img src>`): files inside the kit folder only (a kit is untrusted input),
 * read when asked; a missing or outside file is `undefined` (the layout reports it). Each is read once per build:
 * documents share the logo and photos, and the watch's cache asks for each image of every document it reuses
 * (the same Buffer also lets it hash each image once).
 */
export function kitAssets(kitDir: string): (src: string) => Buffer | undefined {
  const realKitDir = realpathSync(kitDir);
  const images = new Map<string, Buffer | undefined>();
  const read = (src: string) => {
    const abs = path.resolve(kitDir, src);
    if (path.isAbsolute(src) || !isInside(realKitDir, abs)) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch {
      return undefined;
    }
    // Large photos are drawn downscaled (and cached): the carnet stays printable and small.
    return printableImage(bytes);
  };
  return (src) => {
    if (!images.has(src)) images.set(src, read(src));
    return images.get(src);
  };
}
