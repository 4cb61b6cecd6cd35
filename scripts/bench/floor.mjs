/**
 * The floor any pdfkit-based tool pays: draws the given text runs (same strings, fonts, sizes and places
 * as capa's document) with bare pdfkit, no kit, no layout, no tagging. `node scripts/bench/floor.mjs runs.json out.pdf`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const [input, out] = process.argv.slice(2);
const { fonts, pages } = JSON.parse(readFileSync(input, 'utf8'));
const doc = new PDFDocument({ autoFirstPage: false, compress: true });
const chunks = [];
doc.on('data', (c) => chunks.push(c));
const done = new Promise((resolve) => doc.on('end', resolve));
for (const [id, file] of Object.entries(fonts)) doc.registerFont(id, file);
for (const page of pages) {
  doc.addPage({ size: [page.width, page.height], margin: 0 });
  for (const [font, size, color, x, y, text] of page.runs) {
    doc.font(font).fontSize(size).fillColor(color);
    // Same placement rule as capa: pdfkit places text by the top of the em box, the runs hold baselines.
    doc.text(text, x, y - (doc._font.ascender / 1000) * size, { lineBreak: false });
  }
}
doc.end();
await done;
writeFileSync(out, Buffer.concat(chunks));
