/**
 * Part of `npm run build` (after tsc): writes the kit schema validator as ajv standalone code to
 * lib/check/kitValidator.generated.cjs, so `capa validate` and `capa build` do not compile the schemas
 * at each start. The file records the schemas' fingerprint; capa ignores it when the schemas changed since.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createSchemaAjv, schemaFingerprint, STANDALONE_FILE } from '../lib/check/schemaValidator.js';

const require = createRequire(import.meta.url);
const standaloneCode = require('ajv/dist/standalone').default;

const { ajv } = createSchemaAjv({ standalone: true });
const validate = ajv.getSchema('capa.schema.json');
if (!validate) throw new Error('capa.schema.json did not compile');
const code = standaloneCode(ajv, validate);
const out = fileURLToPath(new URL(`../lib/check/${STANDALONE_FILE}`, import.meta.url));
writeFileSync(out, `${code}\nmodule.exports.fingerprint = ${JSON.stringify(schemaFingerprint())};\n`);
