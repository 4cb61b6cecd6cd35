import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import _Ajv2020 from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';

// Both packages are CommonJS with `exports.default`; under NodeNext the default import is the
// module object for the type checker, while at run time it is the function itself.
const Ajv2020 = _Ajv2020 as unknown as typeof _Ajv2020.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;

/** The JSON Schema files shipped in `schemas/` (what `capa schema --out` writes). */
export const schemaFileNames = ['capa.schema.json', 'kit-part.schema.json'] as const;
export type SchemaFileName = (typeof schemaFileNames)[number];

/** Folder of the JSON Schemas: `schemas/` at the package root (from `src/check` or `lib/check`). */
export const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Read one schema file from `schemas/`. */
export function readSchemaFile(name: SchemaFileName): AnySchemaObject {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as AnySchemaObject;
}

/** An ajv instance with both kit schemas added (strict mode), and the schema objects it holds. */
export function createSchemaAjv(): { ajv: InstanceType<typeof Ajv2020>; schemas: Record<SchemaFileName, AnySchemaObject> } {
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
  /** The `capa.schema.json` object ajv compiled: error `parentSchema`s are objects inside it. */
  schema: AnySchemaObject;
}

let cached: KitValidator | undefined;

/**
 * The compiled kit validator, built once per process. All schema compilation goes through
 * here so it can later be replaced by standalone code generated at build time.
 */
export function getKitValidator(): KitValidator {
  if (!cached) {
    const { ajv, schemas } = createSchemaAjv();
    const schema = schemas['capa.schema.json'];
    const validate = ajv.getSchema('capa.schema.json');
    if (!validate) throw new Error('capa.schema.json did not compile');
    cached = { validate, schema };
  }
  return cached;
}
