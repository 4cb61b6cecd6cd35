/**
 * Compiles a Typst source to PDF with the Typst compiler for Node (the peer `npm run bench` compares capa
 * with), in one cold process, with capa's own font files: `node scripts/bench/typst.mjs <in.typ> <out.pdf>`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { FONT_FILES } from '../../lib/layout/fonts/fonts.js';

const [input, out] = process.argv.slice(2);
const fontPaths = [...new Set([FONT_FILES.text, FONT_FILES.fallback].map((f) => path.dirname(path.dirname(f))))];
const compiler = NodeCompiler.create({ workspace: path.dirname(path.resolve(input)), fontArgs: [{ fontPaths }] });
const pdf = compiler.pdf({ mainFileContent: readFileSync(input, 'utf8') });
writeFileSync(out, pdf);
