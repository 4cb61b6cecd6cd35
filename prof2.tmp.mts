import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { glob } from 'tinyglobby';
const dir = process.argv[2];
let t = Date.now();
for (const f of await glob('**/*.yaml', { cwd: dir })) {
  const t1 = Date.now();
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(`${dir}/${f}`, 'utf8'), { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const t2 = Date.now();
  doc.toJS({ maxAliasCount: 100 });
  console.log(f, t2 - t1, Date.now() - t2);
}
console.log('all', Date.now() - t);
