import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../../src/kit/loadKit.js';
import { checkAssets } from '../../src/check/checkAssets.js';
import { printableImage } from '../../src/documents/printableImage.js';
import { exifOrientation, resizeRgba } from '../../src/documents/resizeRgba.js';
import { runCli } from '../cli/cliHelpers.js';
import { openPdf } from '../helpers/pdf.js';
import { freshDir, ROOT, tempKit } from '../helpers/tempKit.js';

const CAPTION = 'La maquette du comité data externe : une table ronde, un siège par membre, la tour des données et un pont vers le coin des usagers';

interface Node {
  role?: string;
  alt?: string;
  children?: Node[];
}
const figures = (n: Node): Node[] => [...(n.role === 'Figure' ? [n] : []), ...(n.children ?? []).flatMap(figures)];

describe('photos of a capture in the carnet', () => {
  it('the reference kit’s photo is printed downscaled, with its caption and credit, as a Figure whose alt text is the caption', async () => {
    const out = freshDir('capa-photos-');
    const r = runCli(['build', path.join(ROOT, 'kits', 'capacities'), '--only', 'carnet', '--out', out]);
    expect(r.code).toBe(0);
    const file = path.join(out, 'carnet.pdf');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('La maquette du comité data externe');
    expect(text).toMatch(/coin des usagers — Photo : Dessin capa, CC BY-NC 4\.0/);
    // The 2,400 × 1,600 px drawing is embedded at 1,600 px wide (PRINT_IMAGE.maxSide), not as it is.
    const listed = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n');
    const images = listed.filter((l) => / image /.test(l));
    expect(images.some((l) => /\s1600\s+1067\s+rgb/.test(l))).toBe(true);
    expect(images.some((l) => /\s2400\s/.test(l))).toBe(false);
    // Its alpha channel is opaque everywhere, so it is embedded without one: no soft mask (which pdfkit makes by
    // decoding every pixel).
    expect(listed.filter((l) => / smask /.test(l))).toEqual([]);

    const doc = await openPdf(new Uint8Array(readFileSync(file)));
    const alts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) alts.push(...figures(((await (await doc.getPage(n)).getStructTree()) ?? {}) as Node).map((f) => f.alt ?? ''));
    await doc.destroy();
    expect(alts).toContain(CAPTION);
    // Downscaled once: the result is in the cache folder the tests use.
    expect(readdirSync(path.join(process.env.CAPA_CACHE_DIR!, 'images')).some((f) => f.endsWith('.png'))).toBe(true);
  });

  it('a photo is checked like the logo: missing, outside the kit, not an image — located at its src', async () => {
    const PNG = readFileSync(path.join(ROOT, 'kits', 'demo', 'assets', 'logo.png'));
    const kit = (src: string, files: Record<string, string | Buffer> = {}) =>
      tempKit({ 'capa.yaml': `capa: 1\nworkshops:\n  - id: w\n    title: W\n    capture:\n      photos:\n        - src: ok.png\n          caption: Bien\n        - src: ${src}\n          caption: Une photo\n`, 'ok.png': PNG, ...files });
    const check = async (dir: string) => (await checkAssets(await loadKit({ dir }), 'en')).map((d) => [d.code, d.line, d.column, d.path]);
    expect(await check(kit('absent.jpg'))).toEqual([['asset/missing', 9, 16, '/workshops/0/capture/photos/1/src']]);
    expect(await check(kit('../x.png'))).toEqual([['asset/outside-kit', 9, 16, '/workshops/0/capture/photos/1/src']]);
    expect(await check(kit('x.png', { 'x.png': 'pas une image' }))).toEqual([['asset/bad-format', 9, 16, '/workshops/0/capture/photos/1/src']]);
  });

  it('small images pass as they are; a photo stored sideways (EXIF orientation 6) is turned upright', () => {
    const logo = readFileSync(path.join(ROOT, 'kits', 'demo', 'assets', 'logo.png'));
    expect(printableImage(logo)).toBe(logo);
    // 2 × 1 pixels, red then blue, shown turned a quarter clockwise: 1 × 2, red on top.
    const data = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]);
    const upright = resizeRgba({ data, width: 2, height: 1, maxSide: 10, orientation: 6 });
    expect([upright.width, upright.height]).toEqual([1, 2]);
    expect([...upright.data]).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
    // 4 × 2 averaged down to 2 × 1.
    const grey = resizeRgba({ data: new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]), width: 4, height: 2, maxSide: 2, orientation: 1 });
    expect([...grey.data]).toEqual([128, 128, 128, 255, 128, 128, 128, 255]);
    expect(exifOrientation(Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'))).toBe(1);
  });

  it('a large JPEG photo is re-encoded as a 1,600-pixel JPEG', async () => {
    const jpeg = (await import('jpeg-js')).default;
    const width = 2000;
    const height = 1000;
    const data = Buffer.alloc(width * height * 4, 200);
    const big = Buffer.from(jpeg.encode({ data, width, height }, 90).data);
    const small = printableImage(big);
    const decoded = jpeg.decode(small);
    expect([decoded.width, decoded.height]).toEqual([1600, 800]);
    expect(small.length).toBeLessThan(big.length);
  });
});
