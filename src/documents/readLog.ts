/**
 * What a computation read of a data graph, so that the watch can tell, without running it again, that it would
 * give the same result from the next build's graph: a template reads the kit through the data it is given, and if
 * every read it made returns the same thing now, its markup is the same (templates and helpers are deterministic).
 *
 * The graph is seen through proxies that write down every property read (`get`, `in`, own-property checks, key
 * lists) with what it returned. A primitive is kept as is; an object as the order in which it was first met, so
 * that the replay also checks that the same reads reach the same objects (a template comparing two défis with
 * `eq`, code looking a thread up with `indexOf`, sees the same identities). Anything the proxies cannot follow soundly — a Map or a class
 * instance (their methods bypass the proxy), a write, an accessor returned as a descriptor — makes the log
 * unusable: the computation is then always run again.
 */

const GET = 0;
const HAS = 1;
const OWN = 2;
const KEYS = 3;

/** An object of the graph: the `n`th met (0 is the root), with its prototype (plain object, array, or none). */
class Met {
  constructor(
    readonly n: number,
    readonly proto: object | null,
  ) {}
}

/** The reads, in the order made: op, object read (its number), key, what came back. */
export interface ReadLog {
  readonly ops: number[];
  readonly on: number[];
  readonly keys: PropertyKey[];
  readonly values: unknown[];
}

/** Beyond this many distinct reads the log costs more memory than it saves time: not kept. */
const MAX_READS = 2_000_000;

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
/** Objects whose every property a proxy sees: plain objects and arrays (not Maps, Dates, class instances). */
const followable = (proto: object | null) => proto === Object.prototype || proto === Array.prototype || proto === null;
/** What a property descriptor tells besides its value. */
const descriptorBits = (d: PropertyDescriptor | undefined) => (d === undefined ? -1 : (d.enumerable ? 1 : 0) | (d.writable ? 2 : 0) | (d.configurable ? 4 : 0));

/**
 * Runs `run` on a recording view of `root`. Reads are logged until `run` returns; the view keeps working after
 * (the markup's source map reads it while locating layout problems), unrecorded. `log` is undefined when the
 * reads could not all be followed.
 */
export function recordReads<T>(root: object, run: (view: object) => T): { result: T; log?: ReadLog } {
  const log: ReadLog = { ops: [], on: [], keys: [], values: [] };
  let recording = true;
  let sound = true;
  const views = new WeakMap<object, object>();
  const numbers = new WeakMap<object, number>();
  /** Per object met, the keys already logged and by which ops (a key read twice returns the same). */
  const logged: Array<Map<PropertyKey, number>> = [];
  let count = 0;

  const view = (target: object): object => {
    const known = views.get(target);
    if (known) return known;
    if (!followable(Object.getPrototypeOf(target))) {
      sound = false;
      return target;
    }
    const n = count++;
    numbers.set(target, n);
    logged.push(new Map());
    const proxy = new Proxy(target, handler(n));
    views.set(target, proxy);
    return proxy;
  };
  /** What the log keeps of a value: the value, or for an object its number (met now if new). */
  const kept = (v: unknown): unknown => {
    if (!isObject(v)) return v;
    view(v);
    return new Met(numbers.get(v) ?? -1, Object.getPrototypeOf(v) as object | null);
  };
  const write = (op: number, n: number, key: PropertyKey, value: unknown) => {
    if (!recording) return;
    const seen = logged[n]!;
    const ops = seen.get(key) ?? 0;
    if (ops & (1 << op)) return;
    seen.set(key, ops | (1 << op));
    log.ops.push(op);
    log.on.push(n);
    log.keys.push(key);
    log.values.push(op === GET ? kept(value) : value);
    if (log.ops.length > MAX_READS) sound = false;
  };
  const unsound = () => {
    if (recording) sound = false;
  };

  const handler = (n: number): ProxyHandler<object> => ({
    get(target, key, receiver) {
      // The proxy as receiver: a getter's own reads go through it too.
      const v = Reflect.get(target, key, receiver) as unknown;
      write(GET, n, key, v);
      if (!isObject(v)) return v;
      // A proxy must give a frozen property's own value: that object then escapes the view.
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      if (d && !d.configurable && !d.writable) {
        unsound();
        return v;
      }
      return view(v);
    },
    has(target, key) {
      const r = Reflect.has(target, key);
      write(HAS, n, key, r);
      return r;
    },
    getOwnPropertyDescriptor(target, key) {
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      write(OWN, n, key, descriptorBits(d));
      if (!d) return d;
      if (!('value' in d)) {
        unsound();
        return d;
      }
      write(GET, n, key, d.value);
      // A non-configurable property must be described as it is: its object value would escape the view.
      if (!isObject(d.value)) return d;
      if (!d.configurable) {
        unsound();
        return d;
      }
      return { ...d, value: view(d.value) };
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      write(KEYS, n, '', keys.slice());
      return keys;
    },
    set: (target, key, value, receiver) => (unsound(), Reflect.set(target, key, value, receiver)),
    defineProperty: (target, key, d) => (unsound(), Reflect.defineProperty(target, key, d)),
    deleteProperty: (target, key) => (unsound(), Reflect.deleteProperty(target, key)),
    setPrototypeOf: (target, proto) => (unsound(), Reflect.setPrototypeOf(target, proto)),
    preventExtensions: (target) => (unsound(), Reflect.preventExtensions(target)),
  });

  const rootView = view(root);
  try {
    const result = run(rootView);
    return sound ? { result, log } : { result };
  } finally {
    recording = false;
  }
}

/**
 * Whether every read of `log`, made again on `root`, returns the same: the same primitives, and objects where it
 * met objects, the same one each time it met the same one (and a different one for a different one).
 */
export function sameReads(log: ReadLog, root: object): boolean {
  const objects: object[] = [root];
  const numberOf = new Map<object, number>([[root, 0]]);
  const same = (got: unknown, want: unknown): boolean => {
    if (!(want instanceof Met)) return Object.is(got, want);
    if (!isObject(got)) return false;
    const known = objects[want.n];
    if (known !== undefined) return known === got;
    if (numberOf.has(got) || Object.getPrototypeOf(got) !== want.proto) return false;
    objects[want.n] = got;
    numberOf.set(got, want.n);
    return true;
  };
  for (let i = 0; i < log.ops.length; i++) {
    const target = objects[log.on[i]!];
    if (target === undefined) return false;
    const key = log.keys[i]!;
    const want = log.values[i];
    switch (log.ops[i]) {
      case GET:
        if (!same(Reflect.get(target, key), want)) return false;
        break;
      case HAS:
        if (Reflect.has(target, key) !== want) return false;
        break;
      case OWN:
        if (descriptorBits(Reflect.getOwnPropertyDescriptor(target, key)) !== want) return false;
        break;
      default: {
        const keys = Reflect.ownKeys(target);
        const old = want as PropertyKey[];
        if (keys.length !== old.length || keys.some((k, j) => k !== old[j])) return false;
      }
    }
  }
  return true;
}
