import { deferBrotli } from './deferBrotli.js';
import { inflateNatively } from './nativeInflate.js';

/**
 * The stand-ins capa puts in Node's module cache for packages fontkit loads with it (see each): call it before
 * anything imports fontkit or pdfkit.
 */
export function installFontkitStandIns(): void {
  deferBrotli();
  inflateNatively();
}
