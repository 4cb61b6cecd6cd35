import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { DocumentCache } from '../../src/documents/DocumentCache.js';
import { copyDemoKit } from '../cli/cliHelpers.js';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, readPdf } from '../helpers/pdf.js';

const bytesOf = (r: BuildResult) => new Map(r.files.map((f) => [f.file, f.content.toString('base64')]));
const reusedOf = (r: BuildResult) => Object.fromEntries(r.documents.filter((d) => d.pages !== undefined).map((d) => [d.document, d.reused]));

/** Builds `dir` with the watch's cache and without one; both must give the same bytes. */
async function buildBoth(dir: string, cache: DocumentCache) {
  const cached = await build({ dir, to: 'memory', cache });
  const fresh = await build({ dir, to: 'memory' });
  expect(cached.ok, JSON.stringify(cached.diagnostics)).toBe(true);
  expect(bytesOf(cached)).toEqual(bytesOf(fresh));
  return cached;
}

describe('the watch’s document cache', () => {
  it('reuses exactly the PDFs a change does not touch, and their bytes are those of a fresh build', async () => {
    const dir = copyDemoKit();
    const cache = new DocumentCache();
    const first = await buildBoth(dir, cache);
    expect(Object.values(reusedOf(first)).every((r) => r === false)).toBe(true);

    const again = await buildBoth(dir, cache);
    expect(Object.values(reusedOf(again)).every((r) => r === true)).toBe(true);

    // A défi's question is on its card, not on the sign-in sheet or the badges.
    const yaml = join(dir, 'capa.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('qui doit décider de son partage ?', 'qui en décide ?'));
    const edited = await buildBoth(dir, cache);
    const reused = reusedOf(edited);
    expect(reused).toMatchObject({ cards: false, 'sign-in': true, badges: true });
    // Reused means "same bytes as last time": every document the edit changed was drawn again.
    const before = bytesOf(again);
    for (const d of edited.documents.filter((x) => x.pages !== undefined)) {
      expect(d.reused, d.document).toBe(before.get(d.file) === bytesOf(edited).get(d.file));
    }
  }, 120_000);

  it('a rehearsal (the watch’s warm-up) makes every document again, with a fresh build’s bytes, and leaves the cache as it was', async () => {
    const dir = copyDemoKit();
    const cache = new DocumentCache();
    const first = await buildBoth(dir, cache);
    for (let i = 0; i < 2; i++) {
      const rehearsal = await build({ dir, to: 'memory', cache: cache.rehearsal() });
      expect(rehearsal.ok).toBe(true);
      expect(Object.values(reusedOf(rehearsal)).every((r) => r === false)).toBe(true);
      expect(bytesOf(rehearsal)).toEqual(bytesOf(first));
    }
    // What the first build left is what the next build reuses: the very same files, not the rehearsals' copies.
    const again = await buildBoth(dir, cache);
    expect(Object.values(reusedOf(again)).every((r) => r === true)).toBe(true);
    const pdfs = (r: BuildResult) => r.files.filter((f) => f.file.endsWith('.pdf')).map((f) => f.content);
    expect(pdfs(again).every((content, i) => content === pdfs(first)[i])).toBe(true);

    // A rehearsal after an edit, then a build of it: the card is made again from the cache's faces, as a fresh build.
    const yaml = join(dir, 'capa.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('qui doit décider de son partage ?', 'qui en décide ?'));
    const rehearsed = await build({ dir, to: 'memory', cache: cache.rehearsal() });
    const edited = await buildBoth(dir, cache);
    expect(bytesOf(rehearsed)).toEqual(bytesOf(edited));
    expect(reusedOf(edited)).toMatchObject({ cards: false, 'sign-in': true, badges: true });
  }, 120_000);

  it('an edit of each kind of file: exactly the documents that show it are made again, the others are the same bytes, flagged reused', async () => {
    const dir = copyDemoKit();
    const cache = new DocumentCache();
    let last = await buildBoth(dir, cache);
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).toContain(from);
      writeFileSync(join(dir, file), text.replace(from, to));
    };
    const shows = async (file: string, bytes: Buffer, marker: string) =>
      (file.endsWith('.pdf') ? (await readPdf(bytes)).flat.join(' ') : bytes.toString('utf8').replace(/\r\n /g, '')).includes(marker);
    const edits: Array<[string, () => void]> = [
      ['Zanzibar1', () => edit('capa.yaml', "Réunir les détenteurs de données du port", 'Réunir les détenteurs de données Zanzibar1')],
      ['Zanzibar2', () => edit('programme.yaml', "title: Temps d'échange avec l'élue", "title: Temps d'échange Zanzibar2")],
      ['Zanzibar3', () => edit('capa.yaml', 'title: Journée CAPAcities — Port-Exemple', 'title: Journée Zanzibar3')],
      // A forked template, in a folder the kit's templates/ links to: as it was, nothing changes; edited, the badges do.
      ['', () => {
        mkdirSync(join(dir, 'forks', 'badges'), { recursive: true });
        cpSync(join(import.meta.dirname, '../../templates/badges/main.hbs'), join(dir, 'forks/badges/main.hbs'));
        mkdirSync(join(dir, 'templates'));
        symlinkSync('../forks/badges', join(dir, 'templates', 'badges'));
      }],
      ['Zanzibar4', () => edit('forks/badges/main.hbs', '<p size="7" color="#5F6B7A">{{@root.kit.title}}</p>', '<p size="7" color="#5F6B7A">{{@root.kit.title}} Zanzibar4</p>')],
      ['Zanzibar5', () => {
        mkdirSync(join(dir, 'templates', 'i18n'));
        writeFileSync(join(dir, 'templates/i18n/fr.yaml'), 'sign-in:\n  footer: Une signature par demi-journée, Zanzibar5.\n');
      }],
    ];
    for (const [marker, change] of edits) {
      change();
      const next = await buildBoth(dir, cache);
      const before = bytesOf(last);
      const made: string[] = [];
      for (const d of next.documents) {
        const bytes = next.files.find((f) => f.file === d.file)!.content;
        // Made again exactly when it shows the edit; reused, it is the previous file byte for byte.
        const changed = marker !== '' && (await shows(d.file, bytes, marker));
        expect({ marker, document: d.document, reused: d.reused }).toEqual({ marker, document: d.document, reused: !changed });
        if (d.reused) expect(bytes.toString('base64'), d.document).toBe(before.get(d.file));
        else made.push(d.document);
      }
      expect(made.length > 0, marker).toBe(marker !== '');
      last = next;
    }
    // A comment: nothing is made again.
    edit('programme.yaml', 'sessions:', '# a comment\nsessions:');
    expect((await buildBoth(dir, cache)).documents.filter((d) => !d.reused)).toEqual([]);
  }, 180_000);

  it('lays out card faces again when what they read outside their markup changed (the document’s text size, a label)', async () => {
    const dir = copyDemoKit();
    const cache = new DocumentCache();
    mkdirSync(join(dir, 'templates', 'cards'), { recursive: true });
    const main = join(dir, 'templates/cards/main.hbs');
    cpSync(join(import.meta.dirname, '../../templates/cards/main.hbs'), main);
    await buildBoth(dir, cache);
    // A défi edited: one card's face is laid out again, the others are the last build's (FaceCache.ts).
    const yaml = join(dir, 'capa.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('qui doit décider de son partage ?', 'qui en décide ?'));
    expect(reusedOf(await buildBoth(dir, cache))).toMatchObject({ cards: false });
    // Every face's markup as it was, the base text size other: a face taken from the last build would be stale.
    const text = readFileSync(main, 'utf8');
    expect(text).toContain('font-size="10"');
    writeFileSync(main, text.replace('font-size="10"', 'font-size="11"'));
    expect(reusedOf(await buildBoth(dir, cache))).toMatchObject({ cards: false, badges: true });
    // A card's label (its section's title) is outside its faces.
    writeFileSync(main, text.replace('{{t "cards.label" n=card.challenge.number title=card.challenge.title}}', 'Carte {{card.challenge.number}}'));
    expect(reusedOf(await buildBoth(dir, cache))).toMatchObject({ cards: false, badges: true });
  }, 120_000);

  it('draws a document again when an image it shows changed, even though its markup did not', async () => {
    const dir = copyDemoKit();
    const cache = new DocumentCache();
    await buildBoth(dir, cache);
    const logo = join(dir, 'assets', 'logo.png');
    const png = readFileSync(logo);
    // Same size, one colour byte changed in the image data, CRC fixed: still a valid PNG with other pixels.
    const before = bytesOf(await buildBoth(dir, cache));
    writeFileSync(logo, withOtherPixels(png));
    const edited = await buildBoth(dir, cache);
    // The logo is the demo kit's one image: exactly the PDFs that draw an image are made again.
    for (const d of edited.documents.filter((x) => x.pages !== undefined)) {
      const bytes = edited.files.find((f) => f.file === d.file)!.content;
      expect({ document: d.document, reused: d.reused }).toEqual({ document: d.document, reused: !(await drawsImage(bytes)) });
      if (d.reused) expect(bytes.toString('base64'), d.document).toBe(before.get(d.file));
    }
    expect(edited.documents.filter((d) => d.pages !== undefined && !d.reused).length).toBeGreaterThan(0);
    expect(edited.documents.some((d) => d.reused)).toBe(true);
  }, 120_000);
});

/** Whether a page of the PDF paints an image. */
async function drawsImage(pdf: Buffer): Promise<boolean> {
  const doc = await openPdf(pdf);
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const { fnArray } = await (await doc.getPage(n)).getOperatorList();
      if (fnArray.some((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject)) return true;
    }
    return false;
  } finally {
    await doc.destroy();
  }
}

/** The PNG with its first IDAT chunk replaced by the same image data re-compressed with one byte changed. */
function withOtherPixels(png: Buffer): Buffer {
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = Buffer.from(zlib.inflateSync(idat));
  // Byte 0 of each row is its filter type; change a pixel byte of the first row.
  raw[1] = raw[1] ^ 0xff;
  const out = [png.subarray(0, 8)];
  let idatWritten = false;
  for (const c of chunks) {
    if (c.type === 'IDAT') {
      if (idatWritten) continue;
      idatWritten = true;
      out.push(chunk('IDAT', zlib.deflateSync(raw)));
    } else out.push(chunk(c.type, c.data));
  }
  return Buffer.concat(out);

  function chunk(type: string, data: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  }
}
