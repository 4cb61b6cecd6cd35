import PDFDocument from 'pdfkit';
import { FONT_FILES } from './src/layout/fonts.js';
async function bare() {
  const doc = new PDFDocument({ info: { CreationDate: new Date(0) }, margin: 50 });
  doc.registerFont('t', FONT_FILES.text); doc.registerFont('b', FONT_FILES['text-bold']);
  const chunks: Buffer[] = []; doc.on('data', (c) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  let y = 60;
  for (let i = 0; i < 3000; i++) {
    if (y > 760) { doc.addPage(); y = 60; }
    doc.font('t').fontSize(10).text(`${9 + (i % 8)} h ${i % 6}0`, 50, y, { width: 80 });
    doc.font('b').text(`Atelier ${i}`, 130, y, { width: 200 });
    doc.font('t').text(`Construire ensemble un outil commun de gestion des données ${i}`, 130, y + 13, { width: 200 });
    doc.text(`Salle ${i % 7}`, 340, y, { width: 70 });
    doc.text('Claire Bernard, Paul Martin', 420, y, { width: 130 });
    doc.moveTo(50, y + 40).lineTo(545, y + 40).stroke();
    y += 44;
  }
  doc.end(); await done; return Buffer.concat(chunks).length;
}
for (let k = 0; k < 3; k++) { const t = performance.now(); const n = await bare(); console.log('bare', (performance.now() - t).toFixed(0), n); }
