import { isDeepStrictEqual } from 'node:util';
import { KIT_LIMITS } from './kitLimits.js';

/**
 * The data of a kit file after an edit, from its data before the edit, by parsing again only the list items the
 * edit touched; undefined when that cannot be shown to give what a parse of the whole file gives (the caller then
 * parses it whole).
 *
 * Why: a cold process runs yaml's parser in V8's interpreter, at ~6 µs per character (measured: 46 ms of CPU for
 * the 7.6 KB challenges file, 9 ms for one défi of it): `capa validate` after a one-line edit of the reference kit's
 * 47 KB programme took 0.56 s of CPU, 0.39 s this way (measured under load).
 *
 * The shape served is the one kit files have: top-level keys at column 0, one of them holding a block list whose
 * items start with `- ` at one indentation of at least one space. The edited lines (those between the common
 * first and last lines of both texts) must all lie inside that one list, which then is read from the first item
 * they touch to the line before the next item that starts after them (or the end of the list). Those lines,
 * under the list's own key line, are parsed alone by `parse`, once as they were and once as they are:
 * - the lines as they were must give exactly the items the old data holds there, which shows where the items start
 *   and end;
 * - the lines as they are must parse without any problem; what follows them (a line at the list's indentation or
 *   less, or the end) ends whatever they hold in the whole file as it ends it alone: an unclosed quote or bracket
 *   fails alone, and a block scalar that keeps its trailing lines (`|+`) is refused;
 * - nothing in the file may change how lines are read elsewhere: no directive (`%YAML 1.1` reads `yes` as a
 *   boolean), no document marker, no carriage return, no anchor in either version of the lines (an alias after
 *   them would follow it); an alias among the lines fails alone, its anchor being outside;
 * - the key line puts the items at the depth and under the key they have in the file, so the limits on depth and
 *   text length are checked as in the whole file; the list's own item limit is checked on its new length.
 */
export function reparseEdit(opts: { before: string; after: string; value: unknown; parse: (text: string) => unknown }): unknown {
  const { before, after, value } = opts;
  if (before === after || /\r|^(%|---|\.\.\.)/m.test(before) || /\r|^(%|---|\.\.\.)/m.test(after)) return undefined;
  const old = before.split('\n');
  const now = after.split('\n');
  // The edited lines: old[first, oldEnd) became now[first, nowEnd).
  let first = 0;
  while (first < old.length && first < now.length && old[first] === now[first]) first++;
  let same = 0;
  while (same < old.length - first && same < now.length - first && old[old.length - 1 - same] === now[now.length - 1 - same]) same++;
  const oldEnd = old.length - same;
  const nowEnd = now.length - same;

  // The top-level key whose block holds the edit: the last column-0 line before it, if that is `key:` alone.
  let keyLine = first - 1;
  while (keyLine >= 0 && !isTopLevel(old[keyLine]!)) keyLine--;
  const key = keyLine >= 0 ? /^([A-Za-z_][A-Za-z0-9_-]*):[ ]*(#.*)?$/.exec(old[keyLine]!)?.[1] : undefined;
  if (key === undefined) return undefined;
  let blockEnd = keyLine + 1;
  while (blockEnd < old.length && !isTopLevel(old[blockEnd]!)) blockEnd++;
  if (oldEnd > blockEnd || now.slice(first, nowEnd).some(isTopLevel)) return undefined;
  const list = (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;

  // The list's items start at the indentation of the block's first line of content.
  // Indentation is spaces only, as YAML counts it (a tab or another blank there is content).
  const firstContent = old.slice(keyLine + 1, blockEnd).find((l) => !isBlankOrComment(l));
  const indent = firstContent === undefined ? 0 : indentOf(firstContent);
  if (indent === 0 || !isItemStart(firstContent!, indent)) return undefined;
  const itemStart = (line: string) => isItemStart(line, indent);

  // From the item the edit starts in (or the block's start) to the next item starting after the edit.
  // (Lines added at the block's end belong to its last item.)
  let from = Math.min(first, blockEnd - 1);
  while (from > keyLine + 1 && !itemStart(old[from]!)) from--;
  let oldTo = Math.max(oldEnd, from + 1);
  while (oldTo < blockEnd && !itemStart(old[oldTo]!)) oldTo++;
  const nowTo = oldTo - oldEnd + nowEnd;
  let index = 0;
  for (let i = keyLine + 1; i < from; i++) if (itemStart(old[i]!)) index++;
  // Every item of the list starts on such a line, and nothing else does.
  if (old.slice(keyLine + 1, blockEnd).filter(itemStart).length !== list.length) return undefined;

  const was = old.slice(from, oldTo);
  const is = now.slice(from, nowTo);
  if (![was, is].every((lines) => itemsOnly(lines, indent)) || [...was, ...is].some((l) => l.includes('&') || /[|>][1-9]?\+/.test(l))) return undefined;
  const alone = (lines: string[]) => opts.parse([old[keyLine], ...lines, ''].join('\n')) as Record<string, unknown> | undefined;
  const oldItems = listOf(alone(was), key);
  if (!oldItems || !isDeepStrictEqual(oldItems, list.slice(index, index + oldItems.length))) return undefined;
  const newItems = listOf(alone(is), key);
  if (!newItems) return undefined;
  const length = list.length - oldItems.length + newItems.length;
  // A block left with no item at all reads as null, not as an empty list.
  if (length === 0 || length > (key === 'slots' ? KIT_LIMITS.maxSlotsPerDay : KIT_LIMITS.maxItems)) return undefined;
  list.splice(index, oldItems.length, ...newItems);
  return value;
}

/** A line at column 0 that is not a comment nor blank: it ends any block above it. */
function isTopLevel(line: string): boolean {
  return line !== '' && line[0] !== ' ' && line[0] !== '#';
}

/**
 * Whether `lines` are whole items of the list at `indent`: its first line of content starts an item, and any line at
 * that indentation or less is a comment, a blank or an item's start (so the items around keep their reading).
 */
function itemsOnly(lines: string[], indent: number): boolean {
  let content = false;
  for (const line of lines) {
    if (isBlankOrComment(line)) continue;
    const start = isItemStart(line, indent);
    if (!content && !start) return false;
    content = true;
    if (!start && indentOf(line) <= indent) return false;
  }
  return true;
}

function isItemStart(line: string, indent: number): boolean {
  return indentOf(line) === indent && line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ');
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

function isBlankOrComment(line: string): boolean {
  return /^ *(#|$)/.test(line);
}

/** The list under `key` of data parsed alone, when that is all it holds. */
function listOf(data: Record<string, unknown> | undefined, key: string): unknown[] | undefined {
  if (!data || typeof data !== 'object' || Object.keys(data).length !== 1) return undefined;
  const list = data[key];
  // An empty block (only comments) reads as null: no item.
  if (list === null) return [];
  return Array.isArray(list) ? list : undefined;
}
