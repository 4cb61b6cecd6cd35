import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type _Ajv2020 from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import type _addFormats from 'ajv-formats';

type Ajv2020 = typeof _Ajv2020.default;
type AddFormats = typeof _addFormats.default;
const require = createRequire(import.meta.url);

/** The JSON Schema files shipped in `schemas/` (what `capa schema --out` writes). */
export const schemaFileNames = ['capa.schema.json', 'kit-part.schema.json'] as const;
export type SchemaFileName = (typeof schemaFileNames)[number];

/** Folder of the JSON Schemas: `schemas/` at the package root (from `src/check` or `lib/check`). */
export const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Read one schema file from `schemas/`. */
export function readSchemaFile(name: SchemaFileName): AnySchemaObject {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as AnySchemaObject;
}

/**
 * An ajv instance with both kit schemas added (strict mode), and the schema objects it holds.
 * `standalone` keeps the generated source, for `scripts/buildValidator.mjs` (run by `npm run build`).
 */
export function createSchemaAjv(opts: { standalone?: boolean } = {}): { ajv: InstanceType<Ajv2020>; schemas: Record<SchemaFileName, AnySchemaObject> } {
  // Loaded here, not at the top: with the standalone validator a run never needs ajv itself (~80 ms of start-up).
  // Both packages are CommonJS with `exports.default`.
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: Ajv2020 }).default;
  const addFormats = (require('ajv-formats') as { default: AddFormats }).default;
  const ajv = new Ajv2020({
    strict: true,
    // `anyOf: [{required: [workshop]}, {required: [title]}]` names keys declared next to the anyOf,
    // which ajv's strictRequired cannot see (it runs before `properties`); a test checks instead
    // that every required key is a declared property.
    strictRequired: false,
    // Durations are `integer | string` in one `type`, so a bad duration gives one error, not an anyOf.
    allowUnionTypes: true,
    allErrors: true,
    // parentSchema lets diagnostics name the object and list its keys.
    verbose: true,
    ...(opts.standalone ? { code: { source: true } } : {}),
  });
  addFormats(ajv);
  const schemas = {} as Record<SchemaFileName, AnySchemaObject>;
  for (const name of schemaFileNames) {
    schemas[name] = readSchemaFile(name);
    // Keyed by file name, with no `$id` in the files: kit-part's `$ref: capa.schema.json#…` then
    // resolves the same way in ajv and in editors (relative to the schema file itself).
    ajv.addSchema(schemas[name], name);
  }
  return { ajv, schemas };
}

export interface KitValidator {
  /** Validates the merged kit against `capa.schema.json`. */
  validate: ValidateFunction;
  /** The `capa.schema.json` object (as in the file). */
  schema: AnySchemaObject;
}

/** The validator module `npm run build` writes next to the compiled `schemaValidator.js`. */
export const STANDALONE_FILE = 'kitValidator.generated.cjs';

/**
 * The schema files' text, recorded in the standalone validator so a stale one is never used. The text
 * itself rather than a hash of it: comparing two strings costs nothing, where hashing the 45 KB in
 * JavaScript took a few ms of each `capa validate`.
 */
export function schemaFingerprint(): string {
  return schemaFileNames.map((name) => readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')).join('\0');
}

let cached: KitValidator | undefined;

/**
 * The kit validator, once per process: the standalone code generated at build time when it matches the
 * schema files (compiling the schemas costs ~0.2 s of CPU at each start), else compiled now (tests run
 * from `src/`, or schemas edited since the build). Both are the same ajv code, so they report the same errors.
 */
export function getKitValidator(): KitValidator {
  if (!cached) {
    const standalone = loadStandalone();
    if (standalone) {
      // Read only when a kit has schema errors: a valid kit never needs it.
      let schema: AnySchemaObject | undefined;
      cached = {
        validate: standalone,
        get schema() {
          return (schema ??= readSchemaFile('capa.schema.json'));
        },
      };
    } else {
      const { ajv, schemas } = createSchemaAjv();
      const validate = ajv.getSchema('capa.schema.json');
      if (!validate) throw new Error('capa.schema.json did not compile');
      cached = { validate, schema: schemas['capa.schema.json'] };
    }
  }
  return cached;
}

function loadStandalone(): ValidateFunction | undefined {
  const file = fileURLToPath(new URL(`./${STANDALONE_FILE}`, import.meta.url));
  if (!existsSync(file)) return undefined;
  const mod = require(file) as { default: ValidateFunction; fingerprint?: string };
  return mod.fingerprint === schemaFingerprint() ? mod.default : undefined;
}
