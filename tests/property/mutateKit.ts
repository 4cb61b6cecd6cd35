import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/**
 * Mutations of a valid kit. `invalid` ones always make it wrong (validate must report an error);
 * the byte-level ones (random bytes, truncation) may or may not: they only must never crash.
 */
export type Mutation =
  | { kind: 'delete-required'; pick: number }
  | { kind: 'change-type'; pick: number }
  | { kind: 'break-reference'; pick: number }
  | { kind: 'swap-times'; pick: number }
  | { kind: 'insert-bytes'; file: number; at: number; bytes: number[] }
  | { kind: 'truncate'; file: number; at: number };

export const INVALID_KINDS = new Set(['delete-required', 'change-type', 'break-reference', 'swap-times']);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-required' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('change-type' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('break-reference' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap-times' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('insert-bytes' as const), file: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

/** Keys every item of these lists must have (docs/kit-format.en.md), by top-level key. */
const REQUIRED: Record<string, string[]> = {
  territories: ['id', 'name', 'kind'],
  organisations: ['id', 'name', 'type'],
  people: ['id', 'name', 'organisation', 'role'],
  use_cases: ['id', 'territory', 'title'],
  threads: ['id', 'title'],
  challenges: ['id', 'number', 'thread', 'title', 'question'],
  workshops: ['id', 'title'],
  sessions: ['id', 'days'],
};
/** References by top-level key: the item key naming another item. */
const REFERENCES: Record<string, string[]> = {
  people: ['organisation'],
  use_cases: ['territory'],
  challenges: ['thread'],
  sessions: ['host'],
};

type Path = Array<string | number>;
interface Place {
  file: string;
  path: Path;
}

/** Every (file, path) of a list item key among `keys` per top-level list. */
function itemKeys(files: Record<string, string>, table: Record<string, string[]>): Place[] {
  const out: Place[] = [];
  for (const file of Object.keys(files).sort()) {
    const data = parseDocument(files[file]).toJS() as Record<string, unknown> | null;
    if (!data) continue;
    for (const [top, keys] of Object.entries(table)) {
      const list = data[top];
      if (!Array.isArray(list)) continue;
      list.forEach((item: Record<string, unknown>, i) => {
        for (const key of keys) if (item && key in item) out.push({ file, path: [top, i, key] });
      });
    }
  }
  return out;
}

/** Every scalar leaf of every file, with its path. */
function scalarLeaves(files: Record<string, string>): Place[] {
  const out: Place[] = [];
  for (const file of Object.keys(files).sort()) {
    const walk = (node: unknown, path: Path) => {
      if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
      else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, i]));
      else if (isScalar(node) && path.length > 0) out.push({ file, path });
    };
    walk(parseDocument(files[file]).contents, []);
  }
  return out;
}

/** Slots written with both `start` and `end` (meals): swapping them makes the end come first. */
function timedSlots(files: Record<string, string>): Place[] {
  const out: Place[] = [];
  for (const file of Object.keys(files).sort()) {
    const data = parseDocument(files[file]).toJS() as { sessions?: Array<{ days?: Array<{ slots?: Array<Record<string, unknown>> }> }> } | null;
    data?.sessions?.forEach((s, si) => s.days?.forEach((d, di) => d.slots?.forEach((slot, k) => {
      if (typeof slot.start === 'string' && typeof slot.end === 'string' && slot.start < slot.end) out.push({ file, path: ['sessions', si, 'days', di, 'slots', k] });
    })));
  }
  return out;
}

function edit(files: Record<string, string>, file: string, change: (doc: ReturnType<typeof parseDocument>) => void): Record<string, string> {
  const doc = parseDocument(files[file]);
  change(doc);
  return { ...files, [file]: doc.toString() };
}

/** Apply one mutation; undefined when the kit has nothing it can apply to. */
export function mutate(files: Record<string, string>, m: Mutation): Record<string, string | Buffer> | undefined {
  const names = Object.keys(files).sort();
  switch (m.kind) {
    case 'delete-required': {
      const places = itemKeys(files, REQUIRED);
      const p = places[m.pick % places.length];
      return p && edit(files, p.file, (doc) => doc.deleteIn(p.path));
    }
    case 'change-type': {
      const places = scalarLeaves(files);
      const p = places[m.pick % places.length];
      // A mapping where the schema wants a scalar (or a list of scalars) is wrong wherever it is.
      return p && edit(files, p.file, (doc) => doc.setIn(p.path, doc.createNode({ oops: [1, 2] })));
    }
    case 'break-reference': {
      const places = itemKeys(files, REFERENCES);
      const p = places[m.pick % places.length];
      return p && edit(files, p.file, (doc) => doc.setIn(p.path, 'personne-inconnue-zz'));
    }
    case 'swap-times': {
      const places = timedSlots(files);
      const p = places[m.pick % places.length];
      return p && edit(files, p.file, (doc) => {
        const slot = doc.getIn(p.path) as Node & { get(k: string): unknown; set(k: string, v: unknown): void };
        const [start, end] = [slot.get('start'), slot.get('end')];
        slot.set('start', end);
        slot.set('end', start);
      });
    }
    case 'insert-bytes': {
      const name = names[m.file % names.length];
      const bytes = Buffer.from(files[name]);
      const at = Math.floor(m.at * bytes.length);
      return { ...files, [name]: Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]) };
    }
    case 'truncate': {
      const name = names[m.file % names.length];
      const bytes = Buffer.from(files[name]);
      return { ...files, [name]: bytes.subarray(0, Math.floor(m.at * bytes.length)) };
    }
  }
}
