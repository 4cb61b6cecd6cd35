/**
 * Shrinks RGBA pixels so that the longest side is at most `maxSide`, each output pixel the average of the
 * source pixels it covers (a box filter: no aliasing when shrinking, which is all printing needs), turning
 * the image upright as its EXIF `orientation` (1–8) says on the way. Hand-written: a few lines, where an
 * image library would bring decoders capa already has.
 */
export function resizeRgba(opts: { data: Uint8Array; width: number; height: number; maxSide: number; orientation: number }): { data: Uint8Array; width: number; height: number } {
  const { data, width: sw, height: sh, orientation } = opts;
  const swap = orientation >= 5; // 5–8 turn the image a quarter
  const [ow, oh] = swap ? [sh, sw] : [sw, sh];
  const scale = Math.min(1, opts.maxSide / Math.max(ow, oh));
  const width = Math.max(1, Math.round(ow * scale));
  const height = Math.max(1, Math.round(oh * scale));
  const out = new Uint8Array(width * height * 4);
  // Source position of upright pixel (u, v), in upright coordinates of size ow × oh.
  const source = (u: number, v: number): number => {
    let x: number, y: number;
    switch (orientation) {
      case 2: [x, y] = [ow - 1 - u, v]; break;
      case 3: [x, y] = [ow - 1 - u, oh - 1 - v]; break;
      case 4: [x, y] = [u, oh - 1 - v]; break;
      case 5: [x, y] = [v, u]; break;
      case 6: [x, y] = [v, ow - 1 - u]; break;
      case 7: [x, y] = [oh - 1 - v, ow - 1 - u]; break;
      case 8: [x, y] = [oh - 1 - v, u]; break;
      default: [x, y] = [u, v];
    }
    return (y * sw + x) * 4;
  };
  for (let y = 0; y < height; y++) {
    const v0 = Math.floor((y * oh) / height);
    const v1 = Math.max(v0 + 1, Math.floor(((y + 1) * oh) / height));
    for (let x = 0; x < width; x++) {
      const u0 = Math.floor((x * ow) / width);
      const u1 = Math.max(u0 + 1, Math.floor(((x + 1) * ow) / width));
      let r = 0, g = 0, b = 0, a = 0;
      for (let v = v0; v < v1; v++) {
        for (let u = u0; u < u1; u++) {
          const i = source(u, v);
          r += data[i]!; g += data[i + 1]!; b += data[i + 2]!; a += data[i + 3]!;
        }
      }
      const n = (v1 - v0) * (u1 - u0);
      const o = (y * width + x) * 4;
      out[o] = Math.round(r / n); out[o + 1] = Math.round(g / n); out[o + 2] = Math.round(b / n); out[o + 3] = Math.round(a / n);
    }
  }
  return { data: out, width, height };
}

/** The EXIF orientation of a JPEG (1 when it has none): phones store a photo sideways and say so here. */
export function exifOrientation(jpeg: Buffer): number {
  let i = 2;
  while (i + 4 < jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    const size = jpeg.readUInt16BE(i + 2);
    if (marker === 0xda) break; // image data: no EXIF after this
    if (marker === 0xe1 && jpeg.toString('latin1', i + 4, i + 10) === 'Exif\0\0') {
      const tiff = i + 10;
      const le = jpeg.toString('latin1', tiff, tiff + 2) === 'II';
      const u16 = (at: number) => (at + 2 <= jpeg.length ? (le ? jpeg.readUInt16LE(at) : jpeg.readUInt16BE(at)) : 0);
      const u32 = (at: number) => (at + 4 <= jpeg.length ? (le ? jpeg.readUInt32LE(at) : jpeg.readUInt32BE(at)) : 0);
      const ifd = tiff + u32(tiff + 4);
      const count = u16(ifd);
      for (let k = 0; k < count && k < 500; k++) {
        const entry = ifd + 2 + k * 12;
        if (u16(entry) === 0x0112) {
          const value = u16(entry + 8);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    }
    i += 2 + size;
  }
  return 1;
}
