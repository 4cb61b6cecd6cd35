import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { createSchemaAjv } from '../../src/check/schemaValidator.js';
import { validKit } from './schemaTestKit.js';

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: unknown, v: ValidateFunction) => string }).default;

/** The standalone module `npm run build` writes (scripts/buildValidator.mjs), loaded from its source. */
function standaloneValidator(): ValidateFunction {
  const { ajv } = createSchemaAjv({ standalone: true });
  const code = standaloneCode(ajv, ajv.getSchema('capa.schema.json')!);
  const module = { exports: {} as { default: ValidateFunction } };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports.default;
}

/** What diagnostics are made from: everything but object identity. */
const shape = (errors: ErrorObject[] | null | undefined) => JSON.parse(JSON.stringify(errors ?? []));

describe('the standalone kit validator generated at build time', () => {
  const compiled = createSchemaAjv().ajv.getSchema('capa.schema.json')!;
  const standalone = standaloneValidator();
  const base = parse(validKit) as Record<string, unknown>;
  const variants: Record<string, unknown> = {
    valid: base,
    'unknown key': { ...base, themes: {} },
    'wrong type': { ...base, capa: 'one' },
    'missing key': { capa: 1 },
    'bad enum and format': { ...base, kit: { ...(base.kit as object), lang: 'de' }, theme: { primary: 'blue' } },
  };

  test.each(Object.entries(variants))('reports the same errors as the schema compiled at run time: %s', (_name, data) => {
    const a = compiled(data);
    const errorsA = shape(compiled.errors);
    const b = standalone(data);
    expect(b).toBe(a);
    expect(shape(standalone.errors)).toEqual(errorsA);
    if (_name !== 'valid') expect(errorsA.length).toBeGreaterThan(0);
  });
});
