import { readFileSync, writeFileSync } from 'node:fs';
import { renderMarkup } from './src/layout/renderMarkup.js';
const markup = readFileSync(process.argv[2], 'utf8');
const r = await renderMarkup({ markup, file: 'sample.hbs' });
console.log(r.pages, JSON.stringify(r.diagnostics, null, 1));
if (r.pdf) writeFileSync(process.argv[3], r.pdf);
