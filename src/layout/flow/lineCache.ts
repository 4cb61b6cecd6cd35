import type { Box, Role } from './model.js';

/** What the cache reads of inlineLayout's options (declared here so that this file need not import the line breaker). */
interface RunStyle {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  link?: string;
  linkNode?: number;
  rise?: number;
}
type Run = { text: string; style: RunStyle } | { br: true; style: RunStyle };
interface Lines {
  height: number;
  width: number;
  boxes: Box[];
}
interface LineOptions {
  runs: Run[];
  width: number;
  align?: string;
  lineHeight?: number;
  role: Role;
  node?: number;
  lang?: string;
}

/** Past this many texts the cache starts again (the reference kit breaks about 1,900 different ones). */
const MAX_ENTRIES = 50_000;
const cache = new Map<string, { node?: number; lines: Lines[] }>();

/**
 * `breakLines(opts)`, from the lines of an earlier call with the same text, styles and column in this process when
 * there was one. A build breaks the same texts again and again: a workshop's title and place in the programme, the
 * running sheet and the booklet, a card's text at each size tried while fitting it, cells that repeat ("Oui", a
 * time), the furniture of every page; half the calls of the reference kit repeat one before them. Lines depend only
 * on what the key holds (the font book is the process's), and the structure element they belong to (`node`) is
 * set on a copy. Texts with links are broken each time: each `<a>` makes a structure element of its own.
 */
export function cachedLines<O extends LineOptions, L extends Lines>(opts: O, breakLines: (opts: O) => L[]): L[] {
  const key = keyOf(opts);
  if (key === undefined) return breakLines(opts);
  const hit = cache.get(key);
  if (hit) return copyLines(hit.lines, hit.node, opts.node) as L[];
  const lines = breakLines(opts);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  // Kept as a copy: the caller moves and recolours the boxes it gets.
  cache.set(key, { node: opts.node, lines: copyLines(lines, opts.node, opts.node) });
  return lines;
}

/** Everything the lines depend on, or undefined for a text with a link. */
function keyOf(opts: LineOptions): string | undefined {
  let key = `${opts.width}|${opts.align ?? ''}|${opts.lineHeight ?? ''}|${opts.role}|${opts.lang ?? ''}`;
  for (const run of opts.runs) {
    const s = run.style;
    if (s.link !== undefined || s.linkNode !== undefined) return undefined;
    key += `|${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}${s.color},${s.size},${s.rise ?? 0}`;
    // The text's length first: no text can pass for the end of a key and the start of another.
    key += 'br' in run ? '/' : `:${run.text.length}:${run.text}`;
  }
  return key;
}

/** Fresh lines and boxes, those of structure element `from` given to `to`. */
function copyLines(lines: Lines[], from: number | undefined, to: number | undefined): Lines[] {
  return lines.map((l) => ({ ...l, boxes: l.boxes.map((b) => (b.node === from ? { ...b, node: to } : { ...b })) }));
}
