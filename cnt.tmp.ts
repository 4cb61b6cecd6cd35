import { layoutDocument } from './src/layout/layoutDocument.js';
const rows = Array.from({ length: 30 }, (_, i) => `<tr><td>${9 + (i % 8)} h ${i % 6}0</td><td><b>Atelier ${i}</b><br/>Construire ensemble un outil commun de gestion des données ${i}</td><td>Salle ${i % 7}</td><td>Claire Bernard, Paul Martin</td></tr>`).join('');
const markup = `<document><table><col width="15%"/><col width="*"/><col width="15%"/><col width="25%"/>${rows}</table></document>`;
const { model } = layoutDocument({ markup, file: 'x' });
const c: Record<string, number> = {};
for (const b of model!.pages[0].items) c[b.kind] = (c[b.kind] ?? 0) + 1;
console.log(c, model!.pages[0].items.filter(b => b.kind === 'text').slice(0, 8).map(b => b.kind === 'text' && b.text));
