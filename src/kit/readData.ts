/**
 * Defensive readers for the merged kit data. The resolved model is built after the schema
 * check, but it must never throw on odd data (a kit checked with errors still gets a model
 * for the checks that follow), so every value is read through these.
 */

export type Rec = Record<string, unknown>;

/** A written object whose keys are those of its `KitFile` type, with values not yet trusted. */
export type Loose<T> = { [K in keyof T]?: unknown };

/**
 * An object of the data (or `{}`), typed by the `KitFile` type it should be so that a
 * misspelled key does not compile, while every value must still be checked when read.
 */
export function rec<T = Rec>(value: unknown): Loose<T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose<T>) : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A list of strings; other items are dropped. */
export function strList(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

/** Resolve a list of ids through a map, dropping unknown ones (the reference check reports them) and duplicates. */
export function refs<T>(value: unknown, byId: Map<string, T>): T[] {
  const out: T[] = [];
  for (const id of strList(value)) {
    const item = byId.get(id);
    if (item && !out.includes(item)) out.push(item);
  }
  return out;
}

/** Index items by id, keeping the first of duplicates (the reference check reports the others). */
export function indexById<T extends { id: string }>(items: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

export function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Set `obj[key]` as an own data property, whatever the key: a kit's `__proto__` key is data, never the
 * object's prototype (an assignment would change the prototype and hide the key from every check).
 */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Append every item of `items` to `target`: `push(...items)` overflows the stack past ~100,000 items. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
