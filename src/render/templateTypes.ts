/**
 * The shape of the data templates receive, as the template checker walks it: read from the model's
 * TypeScript types into `templateModel.generated.ts` (scripts/genTemplateModel.mjs).
 * `any` is data the checker cannot know (a helper's result, a union): everything is allowed on it.
 */
export type FieldType =
  | { k: 'any' }
  | { k: 'value' }
  | { k: 'list'; of: FieldType }
  | { k: 'map'; of: FieldType }
  | { k: 'ref'; name: string }
  | { k: 'obj'; fields: Record<string, FieldType & { optional?: boolean }>; base?: FieldType };

export interface TemplateModel {
  interfaces: Record<string, { extends?: string[]; fields: Record<string, FieldType & { optional?: boolean }> }>;
  /** Document name → the interface passed as `doc`. */
  documents: Record<string, string>;
}

export const ANY: FieldType = { k: 'any' };
export const VALUE: FieldType = { k: 'value' };

/** Fields the data has but templates are not meant to use (diagnostic locations, lookup maps): allowed, never suggested. */
const HIDDEN = new Set(['path', 'byId']);

/** The fields of a type, by name (interfaces with what they extend); undefined when the type has no known fields. */
export function fieldsOf(model: TemplateModel, t: FieldType, depth = 0): Record<string, FieldType> | undefined {
  if (t.k === 'ref') {
    const iface = model.interfaces[t.name];
    if (!iface || depth > 10) return undefined;
    const out: Record<string, FieldType> = {};
    for (const parent of iface.extends ?? []) Object.assign(out, fieldsOf(model, { k: 'ref', name: parent }, depth + 1) ?? {});
    return Object.assign(out, iface.fields);
  }
  if (t.k === 'obj') return { ...(t.base ? fieldsOf(model, t.base, depth + 1) : {}), ...t.fields };
  return undefined;
}

/** A type that is really `any`: a reference to a type the model does not describe (`Lang`, imported types). */
function resolved(model: TemplateModel, t: FieldType): FieldType {
  if (t.k === 'ref' && !model.interfaces[t.name]) return ANY;
  if (t.k === 'obj' && t.base && resolved(model, t.base).k === 'any') return ANY;
  return t;
}

export type Step = { ok: true; type: FieldType } | { ok: false; candidates: string[] };

/** The type of `name` on a value of type `t`, or the names that exist there. */
export function fieldStep(model: TemplateModel, t: FieldType, name: string): Step {
  const r = resolved(model, t);
  switch (r.k) {
    case 'any':
      return { ok: true, type: ANY };
    case 'map':
      return { ok: true, type: r.of };
    case 'list':
      if (name === 'length') return { ok: true, type: VALUE };
      if (/^\d+$/.test(name)) return { ok: true, type: r.of };
      return { ok: false, candidates: ['length'] };
    case 'value':
      // Text has a length; other properties of a text or number are not data.
      return name === 'length' ? { ok: true, type: VALUE } : { ok: false, candidates: [] };
    default: {
      const fields = fieldsOf(model, r) ?? {};
      const found = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
      if (found) return { ok: true, type: found };
      return { ok: false, candidates: Object.keys(fields).filter((f) => !HIDDEN.has(f)) };
    }
  }
}

/** What `#each` over a value of type `t` gives as `this`. */
export function itemType(model: TemplateModel, t: FieldType): FieldType {
  const r = resolved(model, t);
  return r.k === 'list' || r.k === 'map' ? r.of : ANY;
}

/** `t` with more fields (a partial's hash: `{{> follow-up followUp=doc.followUp}}`). */
export function withFields(t: FieldType, fields: Record<string, FieldType>): FieldType {
  return { k: 'obj', fields, base: t };
}

/** A short key for a type, to check each partial once per context it is called with. */
export function typeKey(t: FieldType): string {
  return JSON.stringify(t);
}
