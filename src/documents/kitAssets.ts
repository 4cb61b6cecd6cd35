import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../kit/isInside.js';
import { printableImage } from './printableImage.js';

/**
 * The images documents may draw (`<img src>`): files inside the kit folder only (a kit is untrusted input),
 * read when asked; a missing or outside file is `undefined` (the layout reports it).
 */
export function kitAssets(kitDir: string): (src: string) => Buffer | undefined {
  const realKitDir = realpathSync(kitDir);
  return (src) => {
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
}
