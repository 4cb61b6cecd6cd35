#!/usr/bin/env node
import { createRequire } from 'node:module';
import path from 'node:path';

// The compiled code of the command line, kept in capa's cache folder (CAPA_CACHE_DIR, else the platform's; an empty
// CAPA_CACHE_DIR, or one in /proc, /sys or /dev, turns it off) after a command's first run on a kit, one set per
// command and kit (the first two arguments that are not options; the current folder when there is no second):
// lib/cli/codeCache.js says what it keeps and why. It must be in place before the command line is loaded.
const { capaCacheDir } = await import('../lib/kit/cacheFolder.js');
const cacheDir = capaCacheDir();
if (cacheDir) {
  const { keepCompiledCode } = await import('../lib/cli/codeCache.js');
  const [command = '', kit = '.'] = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  keepCompiledCode(cacheDir, `${command}\0${path.resolve(kit)}`);
}

// The command line as `npm run build` bundled it (scripts/bundleCli.mjs): a few CommonJS files instead of ~75 modules.
const { main } = createRequire(import.meta.url)('../lib/bundle/main.cjs');

main(process.argv).then((code) => {
  process.exitCode = code;
});
