/**
 * Part of `npm run build` (after tsc): compiles capa's built-in templates (templates/**.hbs) with the
 * renderer's own Handlebars setup and writes them to lib/render/builtinTemplates.generated.cjs, so a
 * build does not compile them at each start. Each template records its text's fingerprint; capa
 * compiles at run time any template that changed since (or all of them when the file is missing).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRECOMPILED_FILE, precompileBuiltins } from '../lib/render/builtinTemplates.js';
import { builtinTemplatesDir } from '../lib/render/createRenderer.js';

const out = fileURLToPath(new URL(`../lib/render/${PRECOMPILED_FILE}`, import.meta.url));
writeFileSync(out, precompileBuiltins(builtinTemplatesDir()));
