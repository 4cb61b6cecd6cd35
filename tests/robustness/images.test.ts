import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { IMAGE_LIMITS, validateImage, validateImageSync } from '../../src/check/validateImage.js';
import { copyKit, ROOT } from './robustnessHelpers.js';

/**
 * Every image a kit names is validated in the check stage, before anything embeds it: damaged PNGs and JPEGs
 * of every kind, images without pixels and images beyond the pixel limit are located errors at the YAML
 * value that names them (never at the template that draws them); sound images of every PNG colour type,
 * depth and interlacing, baseline and progressive JPEGs, give PDFs that qpdf and poppler read without a word.
 */
const BIN = path.join(ROOT, 'bin/capa.js');
const FIXTURES = path.join(import.meta.dirname, 'images');

function chunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
  return out;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Raw scanlines (filter byte 0, then zero pixels) of an image, counted pixel by pixel for Adam7. */
function scanlines(width: number, height: number, color: number, depth: number, interlace: number): Buffer {
  const bits = (CHANNELS[color] ?? 3) * depth;
  const passes = interlace ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] : [[0, 0, 1, 1]];
  let bytes = 0;
  for (const [x0, y0, dx, dy] of passes) {
    let w = 0;
    let h = 0;
    for (let x = 0; x < width; x++) if (x % dx! === x0) w++;
    for (let y = 0; y < height; y++) if (y % dy! === y0) h++;
    if (w > 0 && h > 0) bytes += h * (1 + Math.ceil((w * bits) / 8));
  }
  return Buffer.alloc(bytes);
}

interface PngOptions {
  width?: number;
  height?: number;
  color?: number;
  depth?: number;
  interlace?: number;
  palette?: boolean;
  data?: Buffer;
}
function png(o: PngOptions = {}): Buffer {
  const { width = 16, height = 8, color = 2, depth = 8, interlace = 0 } = o;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = color;
  ihdr[12] = interlace;
  const palette = o.palette ?? color === 3 ? [chunk('PLTE', Buffer.from([0x1d, 0x4e, 0x89, 0xff, 0xff, 0xff]))] : [];
  const data = o.data ?? deflateSync(scanlines(width, height, color, depth, interlace));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), ...palette, chunk('IDAT', data), chunk('IEND')]);
}

/** A JPEG with its SOF0 frame header rewritten. */
function jpegWithFrame(edit: (sof: Buffer, at: number) => void): Buffer {
  const jpeg = Buffer.from(readFileSync(path.join(FIXTURES, 'baseline.jpg')));
  const at = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  edit(jpeg, at);
  return jpeg;
}
const BASELINE = readFileSync(path.join(FIXTURES, 'baseline.jpg'));
const SOS = BASELINE.indexOf(Buffer.from([0xff, 0xda]));

/** Damaged or refused images, one per kind, with the code and the words the message must hold. */
const BAD: Array<[string, Buffer, string, RegExp]> = [
  ['PNG colour type 7', png({ color: 7 }), 'asset/corrupt', /image PNG abîmée : type de couleur 7 inexistant \(0, 2, 3, 4 ou 6 attendu\)/],
  ['PNG bit depth 13', png({ depth: 13 }), 'asset/corrupt', /profondeur de 13 bits impossible avec le type de couleur 2 \(8, 16 attendu\)/],
  ['PNG bit depth 16 on a palette', png({ color: 3, depth: 16 }), 'asset/corrupt', /profondeur de 16 bits impossible avec le type de couleur 3 \(1, 2, 4, 8 attendu\)/],
  ['PNG cut short', png().subarray(0, 60), 'asset/corrupt', /le fichier s’arrête avant sa fin \(tronqué\)/],
  ['PNG without IEND', png().subarray(0, png().length - 12), 'asset/corrupt', /pas de bloc de fin IEND/],
  ['PNG palette image without PLTE', png({ color: 3, palette: false }), 'asset/corrupt', /image à palette \(type de couleur 3\) sans bloc de palette PLTE/],
  ['PNG with a wrong CRC', (() => { const b = png(); b[b.length - 20] ^= 0xff; return b; })(), 'asset/corrupt', /le bloc IDAT a une somme de contrôle \(CRC\) fausse/],
  ['PNG data too short', png({ data: deflateSync(Buffer.alloc(20)) }), 'asset/corrupt', /font 20 octets au lieu des 392 attendus pour 16 × 8 pixels/],
  ['PNG data that is not zlib', png({ data: Buffer.from('pas du zlib du tout') }), 'asset/corrupt', /les données d’image ne se décompressent pas \(Z_DATA_ERROR\)/],
  ['PNG zip bomb (1 × 1 px, 64 MB of zeros)', png({ width: 1, height: 1, data: deflateSync(Buffer.alloc(64 * 1024 * 1024)) }), 'asset/corrupt', /dépassent les 4 octets attendus pour 1 × 1 pixels/],
  ['PNG unknown row filter', png({ data: deflateSync(Buffer.alloc(392, 9)) }), 'asset/corrupt', /filtre de ligne 9 inconnu \(0 à 4 attendu\)/],
  ['PNG 0 × 0', png({ width: 0, height: 0, data: deflateSync(Buffer.alloc(0)) }), 'asset/no-pixels', /mesure 0 × 0 pixels : une image sans pixel ne s’imprime pas/],
  ['PNG 28,000 × 28,000', png({ width: 28_000, height: 28_000, data: Buffer.alloc(0) }), 'asset/too-many-pixels', /mesure 28000 × 28000 pixels \(784 mégapixels\) : capa accepte au plus 40 mégapixels/],
  ['JPEG 0 × 0', jpegWithFrame((b, at) => b.fill(0, at + 5, at + 9)), 'asset/no-pixels', /mesure 0 × 0 pixels/],
  ['JPEG 65,535 × 65,535', jpegWithFrame((b, at) => b.fill(0xff, at + 5, at + 9)), 'asset/too-many-pixels', /65535 × 65535 pixels \(4[ \u202f]294,8 mégapixels\)/],
  ['JPEG without scan data (no SOS)', Buffer.concat([BASELINE.subarray(0, SOS), Buffer.from([0xff, 0xd9])]), 'asset/corrupt', /image JPEG abîmée : pas de données d’image \(aucun marqueur SOS\)/],
  ['JPEG cut in its scan data', BASELINE.subarray(0, BASELINE.length - 40), 'asset/corrupt', /pas de marqueur de fin \(EOI\) après les données : le fichier est tronqué/],
  ['JPEG cut in its headers', BASELINE.subarray(0, 100), 'asset/corrupt', /le fichier s’arrête avant sa fin/],
  ['JPEG arithmetic coding (SOF9)', jpegWithFrame((b, at) => (b[at + 1] = 0xc9)), 'asset/unsupported', /JPEG de type SOF9 .* capa accepte les JPEG de base ou progressifs en 8 bits/],
  ['JPEG of 12 bits', jpegWithFrame((b, at) => (b[at + 4] = 12)), 'asset/unsupported', /JPEG en 12 bits par composante/],
  ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'asset/bad-format', /n’est ni une image PNG ni une image JPEG/],
];

/** Sound images of every kind a PDF can hold. */
const GOOD: Array<[string, Buffer]> = [
  ...[[0, 1], [0, 2], [0, 4], [0, 8], [0, 16], [2, 8], [2, 16], [3, 1], [3, 2], [3, 4], [3, 8], [4, 8], [4, 16], [6, 8], [6, 16]].map(
    ([color, depth]) => [`PNG colour type ${color}, ${depth} bits`, png({ color, depth, width: 13, height: 7 })] as [string, Buffer],
  ),
  ['PNG interlaced (Adam7), RGBA', png({ color: 6, interlace: 1, width: 11, height: 9 })],
  ['PNG interlaced, 1 × 1', png({ color: 0, depth: 1, interlace: 1, width: 1, height: 1 })],
  ['JPEG baseline', BASELINE],
  ['JPEG progressive', readFileSync(path.join(FIXTURES, 'progressive-grey.jpg'))],
];

describe('validateImage: every kind of damage, found before embedding', () => {
  it.each(BAD)('%s → %s', async (_, bytes, code, words) => {
    for (const checked of [await validateImage(bytes), validateImageSync(bytes)]) {
      expect(checked.ok).toBe(false);
      if (checked.ok) return;
      expect(checked.problem.code).toBe(code);
    }
  });

  it.each(GOOD)('%s is accepted, with its size', async (_, bytes) => {
    const checked = await validateImage(bytes);
    expect(checked).toMatchObject({ ok: true });
    expect(validateImageSync(bytes)).toEqual(checked);
  });

  it('the pixel limit is the documented one', () => {
    expect(IMAGE_LIMITS.maxPixels).toBe(40_000_000);
  });
});

/** A kit whose theme.logo (line 8, column 9 of capa.yaml) is `bytes`. */
function kitWithLogo(bytes: Buffer, name = 'assets/logo.bin'): string {
  const kit = copyKit();
  const yaml = readFileSync(path.join(kit, 'capa.yaml'), 'utf8').replace('  primary: "#1D4E89"\n', `  primary: "#1D4E89"\n  logo: ${name}\n`);
  writeFileSync(path.join(kit, 'capa.yaml'), yaml);
  execFileSync('mkdir', ['-p', path.join(kit, path.dirname(name))]);
  writeFileSync(path.join(kit, name), bytes);
  return kit;
}

describe('capa validate: a bad image is located at the YAML value naming it', () => {
  it.each(BAD)('%s', (_, bytes, code, words) => {
    const kit = kitWithLogo(bytes);
    const run = spawnSync(process.execPath, [BIN, 'validate', kit, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, CAPA_LANG: 'fr' } });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; file: string; line: number; column: number; message: string }> };
    expect(report.diagnostics).toHaveLength(1);
    const [d] = report.diagnostics;
    expect(d).toMatchObject({ code, file: 'capa.yaml', line: 8, column: 9 });
    expect(d!.message).toMatch(/^« assets\/logo\.bin » /);
    expect(d!.message).toMatch(words);
  });

  it('the message is in English with --lang en', () => {
    const kit = kitWithLogo(png({ color: 7 }));
    const run = spawnSync(process.execPath, [BIN, 'validate', kit, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, CAPA_LANG: 'en' } });
    const [d] = (JSON.parse(run.stdout) as { diagnostics: Array<{ message: string }> }).diagnostics;
    expect(d!.message).toBe('“assets/logo.bin” is a damaged PNG image: colour type 7 does not exist (0, 2, 3, 4 or 6 expected); export it again from the program that made it');
  });
});

describe('sound images give PDFs that PDF tools read without a word', () => {
  it.each(GOOD)('%s', async (_, bytes) => {
    const kit = kitWithLogo(bytes);
    const out = path.join(kit, 'dist');
    const result = await build({ dir: kit, only: ['agenda'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = path.join(out, 'programme.pdf');
    expect(spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' }).status).toBe(0);
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
    expect(images.split('\n').length).toBeGreaterThan(3);
    const render = spawnSync('pdftoppm', ['-r', '20', '-f', '1', '-l', '1', pdf, path.join(kit, 'page')], { encoding: 'utf8' });
    expect(render.status).toBe(0);
    expect(render.stderr).toBe('');
  });
});
