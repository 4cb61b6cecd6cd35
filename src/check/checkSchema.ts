import type { AnySchemaObject } from 'ajv/dist/2020.js';
import { fromPointer, type LoadedKit } from '../kit/LoadedKit.js';
import { sortDiagnostics, type Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { didYouMean } from './didYouMean.js';
import { collapseSchemaErrors, type SchemaProblem } from './schemaErrors.js';
import {
  boundsPhrase,
  describeValue,
  formatDefs,
  keyList,
  orList,
  quote,
  quoteValue,
  schemaMessage as msg,
  typeNoun,
  wherePhrase,
} from './schemaMessages.js';
import { getKitValidator } from './schemaValidator.js';

/** Check the merged kit against `capa.schema.json`: one located diagnostic per problem. */
export function checkSchema(kit: LoadedKit, lang: Lang): Diagnostic[] {
  const validator = getKitValidator();
  const { validate } = validator;
  if (validate(kit.data)) return [];
  const schema = validator.schema;
  const ctx: Context = { kit, lang, root: schema, defNames: defNamesOf(schema) };
  const problems = collapseSchemaErrors(validate.errors ?? []);
  return sortDiagnostics(withoutTypoEchoes(problems).map((p) => toDiagnostic(p, ctx)));
}

/**
 * `hots: …` in a session is one mistake, yet ajv reports both the unknown `hots` and the missing
 * `host`: the missing key is dropped when an unknown key of the same object is its near miss.
 */
function withoutTypoEchoes(problems: SchemaProblem[]): SchemaProblem[] {
  const nearMisses = new Set<string>();
  for (const { kind, error } of problems) {
    if (kind !== 'error' || error.keyword !== 'additionalProperties') continue;
    const keys = Object.keys((error.parentSchema?.properties ?? {}) as object);
    const near = didYouMean(String(error.params.additionalProperty), keys);
    if (near !== undefined) nearMisses.add(`${error.instancePath}/${near}`);
  }
  return problems.filter(
    ({ kind, error }) =>
      !(kind === 'error' && error.keyword === 'required' && nearMisses.has(`${error.instancePath}/${String(error.params.missingProperty)}`)),
  );
}

interface Context {
  kit: LoadedKit;
  lang: Lang;
  root: AnySchemaObject;
  /** `$defs` name of a definition object, as ajv hands it back in `parentSchema`. */
  defNames: (schema: unknown) => string | undefined;
}

/**
 * Definitions are recognised by content, not identity: the standalone validator generated at build time
 * holds its own copies of the schema objects. Definitions differ by their titles, so the content is a key.
 */
function defNamesOf(root: AnySchemaObject): (schema: unknown) => string | undefined {
  const names = new Map<string, string>([[JSON.stringify(root), 'Root']]);
  for (const [name, def] of Object.entries((root.$defs ?? {}) as Record<string, object>)) names.set(JSON.stringify(def), name);
  const seen = new Map<unknown, string | undefined>();
  return (schema) => {
    if (schema === null || typeof schema !== 'object') return undefined;
    if (!seen.has(schema)) seen.set(schema, names.get(JSON.stringify(schema)));
    return seen.get(schema);
  };
}

function toDiagnostic(problem: SchemaProblem, ctx: Context): Diagnostic {
  const { lang, kit } = ctx;
  const e = problem.error;
  const path = fromPointer(e.instancePath);
  const defName = ctx.defNames(e.parentSchema);
  const subject = subjectOf(lang, path);
  const at = (code: string, message: string, opts: { key?: string; hint?: string } = {}): Diagnostic => {
    const dataPath = opts.key === undefined ? path : [...path, opts.key];
    const { file, line, column } = kit.locate(dataPath, { key: opts.key !== undefined });
    const pointer = opts.key === undefined ? e.instancePath : `${e.instancePath}/${escapePointer(opts.key)}`;
    const d: Diagnostic = { severity: 'error', code, message, file, line, column, path: pointer };
    if (opts.hint) d.hint = opts.hint;
    return d;
  };

  if (problem.kind === 'either-key') {
    const keys = orList(lang, problem.keys);
    return at('schema/required', msg(lang, 'eitherKey', { keys, where: wherePhrase(lang, defName) }));
  }
  if (problem.kind === 'shape') {
    const branches = (Array.isArray(e.schema) ? e.schema : []) as AnySchemaObject[];
    const consts = branches.filter((b) => 'const' in b).map((b) => String(b.const));
    const expected = branches.map((b) => describeBranch(ctx, b)).join(msg(lang, 'or'));
    const suggestion = typeof e.data === 'string' ? didYouMean(e.data, consts) : undefined;
    const message = msg(lang, 'type', { subject, expected, actual: describeValue(lang, e.data) });
    return at('schema/type', suggestion ? msg(lang, 'withSuggestion', { message, suggestion: quote(lang, suggestion) }) : message);
  }

  const params = e.params as Record<string, unknown>;
  const format = defName ? formatDefs[defName] : undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keys = Object.keys((e.parentSchema?.properties ?? {}) as object);
      const suggestion = didYouMean(key, keys);
      return at(
        'schema/unknown-key',
        msg(lang, 'unknownKey', {
          key: quote(lang, key),
          where: wherePhrase(lang, defName),
          suggestion: suggestion ? quote(lang, suggestion) : '',
          keys: keyList(keys),
        }),
        { key },
      );
    }
    case 'required':
      return at(
        'schema/required',
        msg(lang, 'required', { key: quote(lang, String(params.missingProperty)), where: wherePhrase(lang, defName) }),
      );
    case 'type': {
      const expected = typeNoun(lang, params.type as string);
      const hint = hintFor(lang, defName, e.data);
      let message =
        e.data === null
          ? msg(lang, 'empty', { subject, expected: format ? format.expected[lang] : msg(lang, 'emptyExpected', { expected }) })
          : msg(lang, 'type', { subject, expected, actual: describeValue(lang, e.data) });
      if (format && e.data !== null) message = msg(lang, 'withExpected', { message, expected: format.expected[lang] });
      return at('schema/type', message, { hint });
    }
    case 'enum':
    case 'const': {
      const values = (e.keyword === 'enum' ? params.allowedValues : [params.allowedValue]) as unknown[];
      const names = values.map(String);
      const suggestion = typeof e.data === 'string' ? didYouMean(e.data, names) : undefined;
      return at(
        'schema/enum',
        msg(lang, 'enum', {
          value: quoteValue(lang, e.data),
          subject,
          suggestion: suggestion ? quote(lang, suggestion) : '',
          values: keyList(names),
        }),
      );
    }
  }
  if (format && ['pattern', 'format', 'minimum'].includes(e.keyword)) {
    return at(
      'schema/format',
      msg(lang, 'format', { subject, value: quoteValue(lang, e.data), noun: format.noun[lang], expected: format.expected[lang] }),
    );
  }
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(e.keyword)) {
    const s = e.parentSchema ?? {};
    const bounds = boundsPhrase(lang, {
      min: s.minimum as number | undefined,
      max: s.maximum as number | undefined,
      exclusiveMin: s.exclusiveMinimum as number | undefined,
      exclusiveMax: s.exclusiveMaximum as number | undefined,
    });
    return at('schema/range', msg(lang, 'range', { subject, bounds, value: String(e.data) }));
  }
  // Keywords the schema does not use today; a test keeps the schema to the ones handled above.
  return at('schema/invalid', msg(lang, 'other', { subject, detail: e.message ?? e.keyword }));
}

/** « population », « l'élément 2 de « documents » », « le kit ». */
function subjectOf(lang: Lang, path: Array<string | number>): string {
  const last = path[path.length - 1];
  if (last === undefined) return msg(lang, 'theKit');
  if (typeof last === 'string') return quote(lang, last);
  const parent = path[path.length - 2];
  return parent === undefined
    ? msg(lang, 'item', { n: last + 1 })
    : msg(lang, 'itemOf', { n: last + 1, parent: quote(lang, String(parent)) });
}

/** What one `anyOf` branch accepts, for « doit être « all » ou une liste d'identifiants ». */
function describeBranch(ctx: Context, branch: AnySchemaObject): string {
  const { lang } = ctx;
  if ('const' in branch) return quote(lang, String(branch.const));
  if (Array.isArray(branch.enum)) return orList(lang, branch.enum.map(String));
  if (typeof branch.$ref === 'string' && branch.$ref.startsWith('#/$defs/')) {
    const name = branch.$ref.slice('#/$defs/'.length);
    if (name === 'RefList') return msg(lang, 'listOfIds');
    const format = formatDefs[name];
    if (format) return format.noun[lang];
    const def = (ctx.root.$defs as Record<string, AnySchemaObject> | undefined)?.[name];
    if (def?.type) return typeNoun(lang, def.type as string);
  }
  return branch.type ? typeNoun(lang, branch.type as string) : '?';
}

function hintFor(lang: Lang, defName: string | undefined, value: unknown): string | undefined {
  if (defName === 'Color' && value === null) return msg(lang, 'hintColor');
  if (defName === 'Time' && typeof value === 'number') return msg(lang, 'hintTime');
  return undefined;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

