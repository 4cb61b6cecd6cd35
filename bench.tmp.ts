import PDFDocument from 'pdfkit';
import { FONT_FILES } from './src/layout/fonts.js';
import { renderMarkup } from './src/layout/renderMarkup.js';
const paras = Array.from({ length: 1500 }, (_, i) => `Atelier ${i} : construire ensemble un outil commun de gestion des données pour les territoires, avec les élus et les chargés de mission ${i}.`);
const markup = `<document><footer><right><page-number/> / <page-count/></right></footer>${paras.map((p, i) => (i % 20 === 0 ? `<h2>Section ${i}</h2>` : '') + `<p>${p}</p>`).join('')}</document>`;
async function bare() {
  const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
  doc.registerFont('t', FONT_FILES.text); doc.registerFont('b', FONT_FILES['text-bold']);
  const chunks: Buffer[] = []; doc.on('data', (c) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  paras.forEach((p, i) => { if (i % 20 === 0) doc.font('b').fontSize(20).text(`Section ${i}`); doc.font('t').fontSize(10.5).text(p); });
  doc.end(); await done;
}
for (let k = 0; k < 3; k++) {
  let t = performance.now(); await bare(); const tb = performance.now() - t;
  t = performance.now(); const r = await renderMarkup({ markup, file: 'x' }); const tc = performance.now() - t;
  console.log('bare', tb.toFixed(0), 'capa', tc.toFixed(0), 'pages', r.pages);
}
