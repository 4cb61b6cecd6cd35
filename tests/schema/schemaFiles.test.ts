import { describe, expect, test } from 'vitest';
import _Ajv2020 from 'ajv/dist/2020.js';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';
import { createSchemaAjv, getKitValidator, readSchemaFile } from '../../src/check/schemaValidator.js';

const Ajv2020 = _Ajv2020 as unknown as typeof _Ajv2020.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;

const capa = readSchemaFile('capa.schema.json');
const part = readSchemaFile('kit-part.schema.json');
const defs = capa.$defs as Record<string, AnySchemaObject>;

/** Every schema object inside `node`, with its JSON pointer. */
function* walk(node: unknown, pointer = ''): Generator<[AnySchemaObject, string]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as AnySchemaObject;
  yield [schema, pointer];
  for (const [key, value] of Object.entries(schema)) {
    if (['enum', 'const', 'examples', 'default', 'required'].includes(key)) continue;
    if (key === 'properties' || key === '$defs') {
      for (const [name, sub] of Object.entries(value as object)) yield* walk(sub, `${pointer}/${key}/${name}`);
    } else yield* walk(value, `${pointer}/${key}`);
  }
}

/** Follow a local or capa.schema.json `$ref` to its schema. */
function deref(ref: string): AnySchemaObject {
  const [, fragment] = ref.split('#');
  let node: unknown = capa;
  for (const step of fragment.slice(1).split('/')) node = (node as Record<string, unknown>)[step];
  if (!node) throw new Error(`dangling $ref ${ref}`);
  return node as AnySchemaObject;
}

describe('the JSON Schemas', () => {
  test('both compile with ajv in strict mode and are valid draft 2020-12 schemas', () => {
    const plain = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(plain);
    plain.addSchema(capa, 'capa.schema.json').addSchema(part, 'kit-part.schema.json');
    expect(typeof plain.getSchema('capa.schema.json')).toBe('function');
    expect(typeof plain.getSchema('kit-part.schema.json')).toBe('function');
    expect(plain.validateSchema(capa)).toBe(true);
    expect(plain.validateSchema(part)).toBe(true);
    expect(capa.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(part.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const { ajv } = createSchemaAjv();
    const validatePart = ajv.getSchema('kit-part.schema.json');
    expect(validatePart?.({ sessions: [] })).toBe(true);
    expect(validatePart?.({ sessions: [{ id: 's' }] })).toBe(false);
    expect(validatePart?.({ sesions: [] })).toBe(false);
  });

  test('the validator is compiled once and reused', () => {
    expect(getKitValidator()).toBe(getKitValidator());
  });

  test('every property has a French title and description (editors show them as help)', () => {
    const missing: string[] = [];
    let count = 0;
    for (const [schema, pointer] of walk(capa)) {
      for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, AnySchemaObject>)) {
        count++;
        const where = `${pointer}/properties/${name}`;
        if (typeof prop.title !== 'string' || prop.title.trim() === '') missing.push(`${where} title`);
        if (typeof prop.description !== 'string' || prop.description.length < 10) missing.push(`${where} description`);
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(100);
    // French: accents and French words, never the English key repeated.
    expect(deref('#/$defs/Session/properties/host').title).toBe('Territoire hôte');
  });

  test('every object forbids unknown keys, except lint.rules whose names are checked with did-you-mean', () => {
    const open: string[] = [];
    for (const [schema, pointer] of walk(capa)) {
      if (schema.type === 'object' && schema.additionalProperties !== false) open.push(pointer);
    }
    expect(open).toEqual(['/$defs/Lint/properties/rules']);
    expect(deref('#/$defs/Lint/properties/rules').additionalProperties).toEqual({ enum: ['off', 'warn', 'error'] });
    expect(part.additionalProperties).toBe(false);
  });

  test('every required key (also in anyOf branches) is a declared property', () => {
    const wrong: string[] = [];
    for (const [schema, pointer] of walk(capa)) {
      // anyOf branches holding only `required` are checked against their parent's properties.
      if (Object.keys(schema).join() === 'required') continue;
      const declared = Object.keys((schema.properties ?? {}) as object);
      const lists = [schema.required, ...((schema.anyOf ?? []) as AnySchemaObject[]).map((b) => b.required)];
      for (const key of lists.flat().filter((k): k is string => typeof k === 'string')) {
        if (!declared.includes(key)) wrong.push(`${pointer} ${key}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(capa.required).toEqual(['capa', 'kit']);
  });

  test('uses only keywords checkSchema turns into specific diagnostics', () => {
    const handled = new Set([
      // `$comment` holds the English description (docs/kit-format.en.md); ajv and editors ignore it.
      '$schema', '$id', '$defs', '$ref', 'title', 'description', '$comment', 'examples', 'default',
      'type', 'properties', 'additionalProperties', 'required', 'items', 'anyOf', 'enum', 'const',
      'pattern', 'format', 'minimum', 'maximum',
    ]);
    const used = new Set<string>();
    for (const [schema] of walk(capa)) for (const key of Object.keys(schema)) used.add(key);
    expect([...used].filter((k) => !handled.has(k))).toEqual([]);
  });

  test('kit-part.schema.json has the same top-level keys, each a $ref into capa.schema.json, with nothing required', () => {
    const props = part.properties as Record<string, AnySchemaObject>;
    expect(Object.keys(props)).toEqual(Object.keys(capa.properties as object));
    for (const [key, prop] of Object.entries(props)) {
      // Relative to the file itself, so editors resolve it next to kit-part.schema.json.
      expect(prop).toEqual({ $ref: `capa.schema.json#/properties/${key}` });
      expect(deref(prop.$ref as string)).toBe((capa.properties as Record<string, unknown>)[key]);
    }
    expect(part.required).toBeUndefined();
    // No $id: a relative $ref then resolves against the file's own location in every tool.
    expect(capa.$id).toBeUndefined();
    expect(part.$id).toBeUndefined();
  });

  test('every local $ref points at an existing definition', () => {
    for (const [schema] of walk(capa)) if (typeof schema.$ref === 'string') expect(() => deref(schema.$ref as string)).not.toThrow();
  });

  test('enums are exactly those of the kit format (docs/kit-format.en.md)', () => {
    expect(deref('#/$defs/Territory/properties/kind').enum).toEqual(['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed']);
    expect(deref('#/$defs/Organisation/properties/type').enum).toEqual(['company', 'national-partner', 'facilitator', 'other']);
    expect(deref('#/$defs/Person/properties/role').enum).toEqual([
      'elected', 'project-lead', 'company-rep', 'partner-rep', 'facilitator', 'staff', 'observer',
    ]);
    expect(deref('#/$defs/Slot/properties/kind').enum).toEqual([
      'workshop', 'plenary', 'informal', 'meal', 'break', 'visit', 'elected', 'retro', 'other',
    ]);
    expect(deref('#/$defs/KitInfo/properties/lang').enum).toEqual(['fr', 'en']);
    expect((deref('#/$defs/Build/properties/documents').items as AnySchemaObject).enum).toEqual([
      'agenda', 'run-sheet', 'cards', 'carnet', 'use-cases', 'sign-in', 'badges', 'calendar',
    ]);
  });
});

describe('value rules', () => {
  const { validate } = getKitValidator();
  const base = { capa: 1, kit: { id: 'k', title: 'Kit' } };
  const ok = (extra: Record<string, unknown>) => validate({ ...base, ...extra });
  const day = (slot: Record<string, unknown>) => ({
    sessions: [{ id: 's', title: 'S', host: 't', days: [{ date: '2027-05-12', start: '09:00', slots: [slot] }] }],
  });

  test.each([
    ['a', true], ['pays-portuaire', true], ['session-3', true], ['2027', true],
    ['Pays', false], ['pays_portuaire', false], ['-pays', false], ['pays-', false], ['pays--x', false], ['', false],
  ])('id %j is valid: %s', (id, expected) => {
    expect(ok({ threads: [{ id, title: 'T' }] })).toBe(expected);
  });

  test.each([
    ['2027-05-12', true], ['2028-02-29', true], ['2027-02-29', false], ['2027-13-01', false], ['2027-5-12', false], ['12/05/2027', false],
  ])('date %j is valid: %s', (date, expected) => {
    expect(ok({ follow_up: { date } })).toBe(expected);
  });

  test.each([
    ['09:00', true], ['00:00', true], ['23:59', true], ['24:00', false], ['9:00', false], ['09:60', false], ['09h00', false],
  ])('time %j is valid: %s', (start, expected) => {
    expect(ok(day({ title: 'x', start }))).toBe(expected);
  });

  test.each([
    [90, true], [1, true], ['90', true], ['1h30', true], ['1h', true], ['45min', true], ['2h05', true], ['0h30', true],
    [0, false], [-5, false], [1.5, false], ['0', false], ['0h', false], ['1h60', false], ['1h5', false], ['1 h', false], ['90m', false], ['', false],
  ])('duration %j is valid: %s', (duration, expected) => {
    expect(ok(day({ title: 'x', duration }))).toBe(expected);
  });

  test.each([
    ['#1D4E89', true], ['#f4a', true], ['#1d4e8', false], ['1D4E89', false], ['#GGGGGG', false], ['blue', false],
  ])('colour %j is valid: %s', (color, expected) => {
    expect(ok({ threads: [{ id: 't', title: 'T', color }] })).toBe(expected);
  });

  test('capa accepts any integer but nothing else', () => {
    expect(validate({ ...base, capa: 7 })).toBe(true);
    expect(validate({ ...base, capa: 1.5 })).toBe(false);
    expect(validate({ ...base, capa: '1' })).toBe(false);
    expect(validate({ kit: base.kit })).toBe(false);
  });

  test('lint.rules accepts any rule name with off|warn|error', () => {
    expect(ok({ lint: { rules: { 'site-visit': 'off', 'made-up': 'error' } } })).toBe(true);
    expect(ok({ lint: { rules: { 'site-visit': 'on' } } })).toBe(false);
  });

  test('attends is all or a list of ids; maturity 1..5; population positive', () => {
    const person = (attends: unknown) => ({ people: [{ id: 'p', name: 'P', organisation: 'o', role: 'staff', attends }] });
    expect(ok(person('all'))).toBe(true);
    expect(ok(person(['s1', 's2']))).toBe(true);
    expect(ok(person('s1'))).toBe(false);
    const useCase = (maturity: number) => ({ use_cases: [{ id: 'u', territory: 't', title: 'U', end_users: [], maturity }] });
    expect(ok(useCase(5))).toBe(true);
    expect(ok(useCase(6))).toBe(false);
    expect(ok(useCase(0))).toBe(false);
    const territory = (population: number) => ({ territories: [{ id: 't', name: 'T', kind: 'rural', population }] });
    expect(ok(territory(50000))).toBe(true);
    expect(ok(territory(0))).toBe(false);
  });

  test('a slot needs a workshop or a title; build options bleed and duplex_offset_mm', () => {
    expect(ok(day({ workshop: 'w' }))).toBe(true);
    expect(ok(day({ kind: 'meal' }))).toBe(false);
    expect(ok({ build: { bleed_mm: 0, duplex_offset_mm: { x: 1.5, y: -0.5 } } })).toBe(true);
    expect(ok({ build: { bleed_mm: -1 } })).toBe(false);
    expect(ok({ build: { duplex_offset_mm: { x: 1, z: 2 } } })).toBe(false);
  });
});
