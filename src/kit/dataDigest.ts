import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a kit file's plain data (what YAML parsing gave), such that two values share a digest only
 * when the checks cannot tell them apart: key order, `-0`, `NaN`, the infinities, a string's exact code units,
 * a prototype-less object and a value reached twice (a YAML alias) all count. JSON would merge `.nan` and
 * `null`, or `-0` and `0`; `v8.serialize` may write the same string one byte or two bytes wide. Undefined for
 * anything but plain data (a Date, a Map…), which is then never taken for unchanged.
 */
export function dataDigest(value: unknown): string | undefined {
  const hash = createHash('sha256');
  const seen = new Map<object, number>();
  const put = (v: unknown): boolean => {
    switch (typeof v) {
      case 'string':
        hash.update(`s${JSON.stringify(v)}`);
        return true;
      case 'number':
        hash.update(`n${Object.is(v, -0) ? '-0' : String(v)};`);
        return true;
      case 'boolean':
        hash.update(v ? 't' : 'f');
        return true;
      case 'undefined':
        hash.update('u');
        return true;
      case 'bigint':
        hash.update(`g${String(v)};`);
        return true;
      case 'object': {
        if (v === null) {
          hash.update('z');
          return true;
        }
        // A value met again is written as a reference to its first place: a shared object is not a copy.
        const again = seen.get(v);
        if (again !== undefined) {
          hash.update(`#${again};`);
          return true;
        }
        seen.set(v, seen.size);
        if (Array.isArray(v)) {
          if (Object.getPrototypeOf(v) !== Array.prototype) return false;
          hash.update(`[${v.length};`);
          for (let i = 0; i < v.length; i++) if (!(i in v) || !put(v[i])) return false;
          hash.update(']');
          return true;
        }
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) return false;
        const keys = Object.keys(v);
        hash.update(`${proto === null ? 'N' : 'O'}${keys.length};`);
        for (const key of keys) {
          hash.update(`${JSON.stringify(key)}:`);
          if (!put((v as Record<string, unknown>)[key])) return false;
        }
        hash.update('}');
        return true;
      }
      default:
        return false;
    }
  };
  return put(value) ? hash.digest('hex') : undefined;
}
