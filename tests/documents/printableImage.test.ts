import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { printableImage } from '../../src/documents/printableImage.js';

/** A PNG of `width` × `height` pixels (colour type 6 unless `colorType` says), pixel colours from their place, alpha from `alpha`. */
function png(width: number, height: number, alpha: (x: number, y: number) => number, colorType: 2 | 4 | 6 = 6): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const grey = colorType === 4;
      image.data[i] = (x * 7) % 256;
      image.data[i + 1] = grey ? image.data[i]! : (y * 13) % 256;
      image.data[i + 2] = grey ? image.data[i]! : (x + y) % 256;
      image.data[i + 3] = alpha(x, y);
    }
  }
  return PNG.sync.write(image, { colorType, inputColorType: 6 });
}

const colourType = (bytes: Buffer) => bytes[25];

describe('images as documents embed them', () => {
  it('a PNG with an alpha channel that is opaque everywhere comes out without it, the same pixels', () => {
    const source = png(40, 30, () => 255);
    expect(colourType(source)).toBe(6);
    const printed = printableImage(source);
    expect(colourType(printed)).toBe(2); // RGB: pdfkit copies its data instead of decoding every pixel
    const [before, after] = [PNG.sync.read(source), PNG.sync.read(printed)];
    expect([after.width, after.height]).toEqual([40, 30]);
    expect(Buffer.compare(after.data, before.data)).toBe(0);
    // Grey with an opaque alpha channel stays grey.
    const grey = png(20, 10, () => 255, 4);
    const greyPrinted = printableImage(grey);
    expect(colourType(greyPrinted)).toBe(0);
    expect(Buffer.compare(PNG.sync.read(greyPrinted).data, PNG.sync.read(grey).data)).toBe(0);
  });

  it('one pixel not fully opaque keeps the alpha channel: a small image passes as it is, a large one is downscaled with it', () => {
    const oneSeeThrough = png(40, 30, (x, y) => (x === 39 && y === 29 ? 254 : 255));
    expect(printableImage(oneSeeThrough).equals(oneSeeThrough)).toBe(true);
    const large = printableImage(png(2000, 20, (x) => (x === 0 ? 0 : 255)));
    expect(colourType(large)).toBe(6);
    expect(PNG.sync.read(large).width).toBe(1600);
    // A large opaque one is downscaled and written without the channel.
    const opaqueLarge = printableImage(png(2000, 20, () => 255));
    expect(colourType(opaqueLarge)).toBe(2);
    expect([PNG.sync.read(opaqueLarge).width, PNG.sync.read(opaqueLarge).height]).toEqual([1600, 16]);
  });

  it('a PNG without an alpha channel passes as it is', () => {
    const rgb = png(40, 30, () => 255, 2);
    expect(printableImage(rgb)).toBe(rgb);
  });
});
