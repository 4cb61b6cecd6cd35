#!/usr/bin/env node
import { createRequire } from 'node:module';

// The compiled code of the command line, kept in capa's cache folder (CAPA_CACHE_DIR, else the platform's; an empty
// CAPA_CACHE_DIR, or one in /proc, /sys or /dev, turns it off) after each command's first run, one set per command
// (its first argument that is not an option): lib/cli/codeCache.js says what it keeps and why. It must be in place
// before the command line is loaded.
const { capaCacheDir } = await import('../lib/kit/cacheFolder.js');
const cacheDir = capaCacheDir();
if (cacheDir) {
  const { keepCompiledCode } = await import('../lib/cli/codeCache.js');
  keepCompiledCode(cacheDir, process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? '');
}

// The command line as `npm run build` bundled it (scripts/bundleCli.mjs): a few CommonJS files instead of ~75 modules.
const { main } = createRequire(import.meta.url)('../lib/bundle/main.cjs');

main(process.argv).then((code) => {
  process.exitCode = code;
});
