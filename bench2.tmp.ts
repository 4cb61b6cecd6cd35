import { layoutDocument } from './src/layout/layoutDocument.js';
import { renderPdf } from './src/layout/renderPdf.js';
const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td>${9 + (i % 8)} h ${i % 6}0</td><td><b>Atelier ${i}</b><br/>Construire ensemble un outil commun de gestion des données ${i}</td><td>Salle ${i % 7}</td><td>Claire Bernard, Paul Martin</td></tr>`).join('');
const markup = `<document><footer><right><page-number/> / <page-count/></right></footer><h1>Programme</h1><table><col width="15%"/><col width="*"/><col width="15%"/><col width="25%"/><thead><tr><th>Heure</th><th>Activité</th><th>Salle</th><th>Animation</th></tr></thead>${rows}</table></document>`;
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const { model } = layoutDocument({ markup, file: 'x' });
  const tl = performance.now() - t;
  t = performance.now();
  const pdf = await renderPdf(model!);
  console.log('layout', tl.toFixed(0), 'render', (performance.now() - t).toFixed(0), 'pages', model!.pages.length, 'items', model!.pages.reduce((s, p) => s + p.items.length, 0), 'bytes', pdf.length);
}
