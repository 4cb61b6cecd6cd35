// `node scripts/packManifest.mjs strip|restore`, run by prepack and postpack.
// The tarball's package.json must have no `prepare` script: npm 11 lists it as an install script when
// someone installs the tarball file (`npm install -g capa-x.tgz` warns "install-scripts … prepare"),
// although it never runs it there. In the repository `prepare` builds lib/ on `npm install`, so it is
// removed only while npm packs, and the file restored byte for byte afterwards (also by the next
// strip, should a pack have failed halfway).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../package.json', import.meta.url));
// Beside package.json: never packed (`files` lists what is), and seen by git should a pack fail halfway.
const saved = fileURLToPath(new URL('../.package.json.packing', import.meta.url));

function restore() {
  if (existsSync(saved)) renameSync(saved, file);
}

const mode = process.argv[2];
if (mode === 'restore') {
  restore();
} else if (mode === 'strip') {
  restore();
  const text = readFileSync(file, 'utf8');
  const pkg = JSON.parse(text);
  writeFileSync(saved, text);
  delete pkg.scripts.prepare;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
} else {
  console.error('usage: node scripts/packManifest.mjs strip|restore');
  process.exit(2);
}
