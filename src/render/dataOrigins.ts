import type HandlebarsNS from 'handlebars';
import type { DataPath } from '../kit/LoadedKit.js';
import { plainText } from '../plainText.js';

type HandlebarsEnv = typeof HandlebarsNS;

/**
 * Which kit value an expression printed, so a layout problem caused by data (a row taller than a page
 * because of a long name) is reported at the YAML value, not at the template that placed it.
 *
 * Compiled templates call two hidden functions: every last part of a data path goes through `track`
 * (`{{slot.room}}` records the slot object and `room`), and every `{{expression}}` output goes through
 * `out`, which escapes it like Handlebars and puts an origin marker (U+FDD2, id, U+FDD1) in front when
 * a lookup was recorded. Only object and key are kept: which value inside is the culprit is decided
 * when a diagnostic needs it (`dataPathIn`), from the model objects' `path` (where they were written).
 */

/**
 * Reached by compiled code as `helpers.__capaData.track(…)` / `.out(…)`: an object, not a function, so
 * Handlebars hands it over as is (functions are wrapped to receive an options object last).
 */
export const DATA_HELPER = '__capaData';
export const DATA_OPEN = '\uFDD2';

/** Handlebars' escaping for XML, completed: what XML cannot hold is left out (see `plainText`). */
export function escapeForMarkup(escape: (s: string) => string, value: unknown): string {
  return plainText(escape(value as string));
}

/** The lookups recorded for one render: origin id → (object, key). */
export interface DataOrigins {
  parents: object[];
  keys: string[];
}

/** Per Handlebars environment: the origins of the render under way. */
const trackers = new WeakMap<object, { origins: DataOrigins; parent?: object; key?: string }>();

/** Register the two helpers compiled templates call (see `installSourceMarkers`, `installStrictLookups`). */
export function installDataOrigins(hb: HandlebarsEnv): void {
  const state: { origins: DataOrigins; parent?: object; key?: string } = { origins: { parents: [], keys: [] } };
  trackers.set(hb, state);
  const escape = hb.Utils.escapeExpression;
  const track = (parent: unknown, key: unknown) => {
    if (typeof parent === 'object' && parent !== null && typeof key === 'string') {
      state.parent = parent;
      state.key = key;
    }
    return parent;
  };
  const out = (value: unknown) => {
    const text = escapeForMarkup(escape, value);
    const parent = state.parent;
    state.parent = undefined;
    // Only lookups that can lead to a written value: an object that knows where it was written, or a list.
    if (parent === undefined || text === '') return text;
    const v = (parent as Record<string, unknown>)[state.key ?? ''];
    if (!Array.isArray((parent as { path?: unknown }).path) && !Array.isArray(v)) return text;
    const id = state.origins.parents.push(parent) - 1;
    state.origins.keys.push(state.key ?? '');
    return `${DATA_OPEN}${id.toString(36)}\uFDD1${text}`;
  };
  (hb.helpers as Record<string, unknown>)[DATA_HELPER] = Object.freeze({ track, out });
}

/** Start recording a new render; returns the origins its markers refer to. */
export function beginDataOrigins(hb: HandlebarsEnv): DataOrigins {
  const state = trackers.get(hb);
  const origins: DataOrigins = { parents: [], keys: [] };
  if (state) {
    state.origins = origins;
    state.parent = undefined;
  }
  return origins;
}

/** `endUsers` → `end_users`: the model's keys are the written ones in camelCase. */
function writtenKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function pathOf(v: unknown): DataPath | undefined {
  const p = typeof v === 'object' && v !== null ? (v as { path?: unknown }).path : undefined;
  return Array.isArray(p) ? (p as DataPath) : undefined;
}

/** Own values only: a model object's prototype is never reached. */
function own(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * The written value an origin printed that is longest in `printed` (the escaped output of that expression), as a
 * path into the kit data; undefined when nothing written is found there (a computed value, a label).
 */
export function dataPathIn(
  origins: DataOrigins,
  id: number,
  printed: string,
  escape: (s: string) => string,
): { path: DataPath; length: number } | undefined {
  const parent = origins.parents[id];
  const key = origins.keys[id];
  if (!parent || key === undefined) return undefined;
  let best: { path: DataPath; length: number } | undefined;
  const consider = (text: unknown, path: DataPath | undefined) => {
    if (!path || (typeof text !== 'string' && typeof text !== 'number')) return;
    const s = String(text);
    if (s === '' || (best && best.length >= s.length) || !printed.includes(escape(s))) return;
    best = { path, length: s.length };
  };
  const value = own(parent, key);
  const base = pathOf(parent);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const itemPath = pathOf(item);
      if (itemPath) {
        for (const k of Object.keys(item as object)) if (k !== 'id' && k !== 'path') consider(own(item as object, k), [...itemPath, writtenKey(k)]);
      } else consider(item, base ? [...base, writtenKey(key), i] : undefined);
    });
  } else consider(value, base ? [...base, writtenKey(key)] : undefined);
  return best;
}
