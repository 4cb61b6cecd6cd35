/**
 * Prints the lowest WCAG contrast of text found in each PDF of a folder, and every run below the rule:
 * `npx tsx scripts/measureContrast.ts <dist folder>`. The measurement is the contrast test's (tests/helpers/pdfContrast.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { measureTextContrast } from '../tests/helpers/pdfContrast.js';

async function main(dir: string): Promise<void> {
  let least: { ratio: number; where: string } = { ratio: Infinity, where: '' };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()) {
    const runs = await measureTextContrast(readFileSync(path.join(dir, file)));
    const below = runs.filter((r) => r.ratio < r.min);
    const min = runs.reduce((m, r) => (r.ratio < m.ratio ? r : m), runs[0]);
    console.log(`${file}: ${runs.length} text runs, lowest ${min.ratio.toFixed(2)}:1, ${below.length} below the rule`);
    for (const r of below) console.log(`  p${r.page} "${r.text.slice(0, 30)}" ${r.color} on ${r.background}: ${r.ratio.toFixed(2)} < ${r.min} (${r.size} pt${r.bold ? ' bold' : ''})`);
    if (min.ratio < least.ratio) least = { ratio: min.ratio, where: `${file} p${min.page} "${min.text.slice(0, 30)}" ${min.color} on ${min.background}, ${min.size} pt` };
  }
  console.log(`lowest: ${least.ratio.toFixed(2)}:1 (${least.where})`);
}

await main(process.argv[2] ?? 'dist');
