#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps the compiled modules on disk between runs (in os.tmpdir()/node-compile-cache,
// or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): faster start-up. Node 20 has
// no such cache and skips this. It must be on before the CLI's modules are imported.
module.enableCompileCache?.();

const { main } = await import('../lib/cli/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
