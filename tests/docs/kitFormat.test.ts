import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import { METHOD_RULES } from '../../src/check/checkMethod.js';
import { createSchemaAjv, readSchemaFile } from '../../src/check/schemaValidator.js';
import { generateKitFormat, kitFormatPaths } from '../../scripts/genDocs.mjs';

const capa = readSchemaFile('capa.schema.json');

/** Every schema node of capa.schema.json with its JSON pointer (annotations and value lists skipped). */
function* walk(node: unknown, pointer = ''): Generator<[AnySchemaObject, string]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  yield [node as AnySchemaObject, pointer];
  for (const [key, value] of Object.entries(node)) {
    if (['enum', 'const', 'examples', 'default', 'required'].includes(key)) continue;
    yield* walk(value, `${pointer}/${key}`);
  }
}

describe('docs/kit-format.*.md', () => {
  test.each(['fr', 'en'] as const)('docs/kit-format.%s.md is what scripts/genDocs.mjs makes from the schema', (lang) => {
    const onDisk = readFileSync(kitFormatPaths[lang], 'utf8');
    // The message says what to run: a stale reference is fixed by regenerating it, never by hand.
    expect(onDisk, `docs/kit-format.${lang}.md is stale: run node scripts/genDocs.mjs`).toBe(generateKitFormat(lang));
  });

  test('every described node of the schema has its English text ($comment) for the English reference', () => {
    const missing: string[] = [];
    for (const [node, pointer] of walk(capa)) {
      if (typeof node.description === 'string' && (typeof node.$comment !== 'string' || node.$comment.length < 10)) missing.push(pointer || '/');
    }
    expect(missing).toEqual([]);
  });

  test('every key whose value is written inline has an example, and every example is valid', () => {
    const { ajv } = createSchemaAjv();
    const objectDefs = new Set(Object.entries(capa.$defs as Record<string, AnySchemaObject>).filter(([, d]) => d.type === 'object').map(([n]) => `#/$defs/${n}`));
    const withoutExample: string[] = [];
    const invalid: string[] = [];
    let checked = 0;
    for (const [node, pointer] of walk(capa)) {
      for (const [key, prop] of Object.entries((node.properties ?? {}) as Record<string, AnySchemaObject>)) {
        const objectLike = objectDefs.has(prop.$ref) || objectDefs.has(prop.items?.$ref) || prop.$ref === '#/$defs/KitInfo';
        const refTarget = typeof prop.$ref === 'string' ? (capa.$defs as Record<string, AnySchemaObject>)[prop.$ref.slice('#/$defs/'.length)] : undefined;
        if (!objectLike && !prop.examples && !refTarget?.examples) withoutExample.push(`${pointer}/properties/${key}`);
      }
      if (!Array.isArray(node.examples)) continue;
      const validate = ajv.getSchema(`capa.schema.json#${pointer}`);
      for (const example of node.examples) {
        checked++;
        if (!validate?.(example)) invalid.push(`${pointer} ${JSON.stringify(example)}`);
      }
    }
    expect(withoutExample).toEqual([]);
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  test('lint.rules lists every method rule capa has, in French and English', () => {
    const rules = ((capa.$defs as Record<string, AnySchemaObject>).Lint.properties as Record<string, AnySchemaObject>).rules;
    const listed = (text: string) => text.slice(text.lastIndexOf(':') + 1).replace(/\.$/, '').split(',').map((r) => r.trim());
    expect(listed(rules.description)).toEqual([...METHOD_RULES]);
    expect(listed(rules.$comment)).toEqual([...METHOD_RULES]);
  });

  test('the reference names every key and gives types, defaults and examples in both languages', () => {
    const fr = generateKitFormat('fr');
    const en = generateKitFormat('en');
    for (const doc of [fr, en]) {
      for (const path of ['`sessions[].days[].slots[]`', '`build.duplex_offset_mm`', '`workshops[].capture`']) expect(doc).toContain(path);
      expect(doc).toContain('`start: "14:00"`');
      expect(doc).toContain('| `lang` |');
    }
    expect(fr).toContain('| `out` | texte |  | `dist` | Dossier où écrire les documents');
    expect(en).toContain('| `out` | text |  | `dist` | Folder the documents are written to');
    expect(fr).toContain('## Créneau — `sessions[].days[].slots[]`');
    expect(en).toContain('At least one of these keys is required: `workshop`, `title`.');
  });
});
