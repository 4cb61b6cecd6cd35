import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deflater, routeDeflate } from '../../src/layout/pdf/routeDeflate.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { makePng } from './helpers/makePng.js';

/** Node's own function, as this file found it (the route must always put this one back). */
const nodeDeflateSync = zlib.deflateSync;

/** Deterministic bytes: `seed` picks the stream, `kind` how compressible it is. */
function bytes(seed: number, length: number, kind: 'text' | 'noise' | 'runs'): Buffer {
  let x = seed * 2654435761 + 1;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  const out = Buffer.alloc(length);
  const words = ['BT', '/F2', '10', 'Tf', 'Tm', 'TJ', 'ET', '(Atelier)', '-250', 'q', 'Q', 're', 'f'];
  if (kind === 'noise') for (let i = 0; i < length; i++) out[i] = next();
  else if (kind === 'runs') for (let i = 0; i < length; i++) out[i] = Math.floor(i / (1 + (seed % 97))) & 0xff;
  else {
    let text = '';
    while (text.length < length) text += `${words[next() % words.length]} ${next()}.${next() % 100}\n`;
    out.write(text.slice(0, length), 'latin1');
  }
  return out;
}

afterEach(() => {
  expect(zlib.deflateSync).toBe(nodeDeflateSync);
});

describe('Deflater: one zlib engine for many streams', () => {
  it('uses a kept engine on this Node (if Node changes its internals, this says so before memory does)', () => {
    const d = new Deflater();
    expect(d.reusesEngine).toBe(true);
    d.close();
    expect(d.reusesEngine).toBe(false);
  });

  it('gives the bytes of zlib.deflateSync for empty, tiny, large and incompressible inputs', () => {
    const d = new Deflater();
    const inputs = [
      Buffer.alloc(0),
      Buffer.from([0]),
      Buffer.from('q\n1 0 0 -1 0 842 cm\nQ\n', 'latin1'),
      bytes(1, 20_000, 'text'),
      // Larger than the engine's output room, compressed and not: the result comes out in several writes.
      bytes(2, 300_000, 'noise'),
      bytes(3, 5_000_000, 'text'),
      bytes(4, 2_000_000, 'runs'),
      // A view into a larger buffer, not at its start.
      bytes(5, 90_000, 'text').subarray(1_234, 80_001),
      new Uint8Array(bytes(6, 4_096, 'noise')),
    ];
    for (const input of inputs) {
      const out = d.deflate(input);
      expect(Buffer.isBuffer(out)).toBe(true);
      expect(out.equals(nodeDeflateSync(input))).toBe(true);
      expect(zlib.inflateSync(out).equals(Buffer.from(input.buffer, input.byteOffset, input.byteLength))).toBe(true);
    }
    d.close();
  });

  it('stays equal to zlib.deflateSync over many streams in a row: nothing of one stream reaches the next', () => {
    const d = new Deflater();
    const kinds = ['text', 'noise', 'runs'] as const;
    for (let i = 0; i < 600; i++) {
      // Sizes from nothing to past the output room, in an order that follows a big stream with small ones.
      const size = [0, 1, 17, 700, 4_000, 20_000, 70_000, 150_000][(i * 7) % 8];
      const input = bytes(i, size, kinds[i % 3]);
      expect(d.deflate(input).equals(nodeDeflateSync(input)), `stream ${i} (${size} bytes, ${kinds[i % 3]})`).toBe(true);
    }
    d.close();
  });
});

describe('routeDeflate', () => {
  it("routes zlib.deflateSync(bytes) while held and gives Node's function back when released", () => {
    const input = bytes(7, 30_000, 'text');
    const spy = vi.spyOn(Deflater.prototype, 'deflate');
    try {
      const release = routeDeflate();
      expect(zlib.deflateSync).not.toBe(nodeDeflateSync);
      expect(zlib.deflateSync(input).equals(nodeDeflateSync(input))).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      // Calls with options, or with a string, are Node's own.
      expect(zlib.deflateSync(input, { level: 9 }).equals(nodeDeflateSync(input, { level: 9 }))).toBe(true);
      expect(zlib.deflateSync('texte').equals(nodeDeflateSync('texte'))).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      release();
      release();
      expect(zlib.deflateSync).toBe(nodeDeflateSync);
      expect(zlib.deflateSync(input).equals(nodeDeflateSync(input))).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('sends a Deflater without an engine to Node\'s own function, not back into the route', () => {
    const input = bytes(9, 30_000, 'text');
    const closed = new Deflater();
    closed.close();
    const spy = vi.spyOn(Deflater.prototype, 'deflate');
    const release = routeDeflate();
    try {
      expect(closed.deflate(input).equals(nodeDeflateSync(input))).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('is shared by documents drawn at the same time, released in any order', () => {
    const input = bytes(8, 10_000, 'runs');
    const first = routeDeflate();
    const second = routeDeflate();
    first();
    // The second document still draws through the route, with a live engine.
    expect(zlib.deflateSync).not.toBe(nodeDeflateSync);
    expect(zlib.deflateSync(input).equals(nodeDeflateSync(input))).toBe(true);
    second();
    expect(zlib.deflateSync).toBe(nodeDeflateSync);
  });
});

/** Every stream of a pdfkit file, as written between `stream` and `endstream` (pdfkit puts /Length first). */
function flateStreams(pdf: Buffer): Buffer[] {
  const streams: Buffer[] = [];
  const text = pdf.toString('latin1');
  const re = /<<\n\/Length (\d+)\n\/Filter \/FlateDecode\n[^]*?>>\nstream\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const length = Number(m[1]);
    streams.push(pdf.subarray(start, start + length));
    expect(text.slice(start + length, start + length + 10)).toBe('\nendstream');
    re.lastIndex = start + length;
  }
  return streams;
}

describe('a PDF drawn through the route', () => {
  it('holds, for every compressed stream, the bytes zlib.deflateSync gives for its content', async () => {
    const markup = `<document size="A4" title="Flux" lang="fr">
      <footer><right>page <page-number/> / <page-count/></right></footer>
      <img src="logo.png" alt="Logo" width="30mm"/>
      ${Array.from({ length: 40 }, (_, i) => `<h2>Atelier ${i}</h2><p>Écrire, dessiner, <b>relire</b> : ${'texte '.repeat(60)}</p>`).join('\n')}
    </document>`;
    const png = makePng(120, 60);
    const spy = vi.spyOn(Deflater.prototype, 'deflate');
    try {
      const r = await renderMarkup({ markup, file: 'flux.hbs', assets: () => png });
      expect(r.diagnostics).toEqual([]);
      expect(r.pages).toBeGreaterThan(3);
      const streams = flateStreams(r.pdf!);
      // Pages, font programs and their maps, the image and its alpha channel.
      expect(streams.length).toBeGreaterThan(r.pages + 4);
      for (const s of streams) expect(nodeDeflateSync(zlib.inflateSync(s)).equals(s)).toBe(true);
      // pdfkit's streams went through the kept engine (each page's content at least).
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(r.pages + 2);
    } finally {
      spy.mockRestore();
    }
  });
});
