#!/usr/bin/env node
import module from 'node:module';
import path from 'node:path';

// Node 22.1+ keeps the compiled modules on disk between runs: less start-up. Node 20 has no such
// cache and skips this. It must be on before the CLI's modules are imported. Node checks each entry
// against the source it compiled, so a stale entry cannot exist: the cache follows CAPA_CACHE_DIR when
// it names a folder (CI keeps one folder), else Node's own (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off). A CAPA_CACHE_DIR capa will not use
// (empty, or in /proc, /sys or /dev, where Node's compile cache spins forever) turns it off too.
const cacheDir = process.env.CAPA_CACHE_DIR;
if (module.enableCompileCache && cacheDir === undefined) module.enableCompileCache();
else if (module.enableCompileCache && cacheDir) {
  const { usableCacheDir } = await import('../lib/kit/usableCacheDir.js');
  if (usableCacheDir(cacheDir)) module.enableCompileCache(path.join(path.resolve(cacheDir), 'compile'));
}

// The command line as `npm run build` bundled it (scripts/bundleCli.mjs): a few files instead of ~75 modules.
const { main } = await import('../lib/bundle/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
