import { Parser } from 'htmlparser2';
import type { Diagnostic } from '../../report/Diagnostic.js';
import type { Lang } from '../../report/messages.js';
import { orList, quote } from '../../report/messages.js';
import { expectedMessage, layoutMessage } from '../core/layoutMessages.js';
import type { MarkupElement, MarkupNode, MarkupText, Position } from './markupNode.js';
import { typesetMarkup, typesetter } from './typesetMarkup.js';
import { runToEnd } from '../core/checkpoint.js';
import { parseBool, parseColor, parseLength, parseNumber, parseWidth } from '../core/units.js';
import { FURNITURE, VOCABULARY, type AttrKind, type ElementSpec } from './vocabulary.js';

export type { MarkupElement, MarkupNode, MarkupText, Position } from './markupNode.js';

export interface ParseMarkupResult {
  root?: MarkupElement;
  diagnostics: Diagnostic[];
}

/**
 * Index → 1-based line/column, by binary search over line starts. The markup may come in chunks: `add` each one, in
 * order; an index is asked for only once its chunk was added.
 */
function positionFinder(): { add(chunk: string, offset: number): void; at(index: number): Position } {
  const starts = [0];
  return {
    add(chunk, offset) {
      for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) starts.push(offset + i + 1);
    },
    at(index) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= index) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: index - starts[lo] + 1 };
    },
  };
}

/**
 * The markup read so far, as much of it as is still needed: the chunks from the one where the oldest text or tag
 * still being parsed starts. A document given in parts is then never whole in memory.
 */
class MarkupWindow {
  private chunks: string[] = [];
  private offsets: number[] = [];
  /** Index just past the last chunk added. */
  end = 0;

  add(chunk: string): void {
    this.chunks.push(chunk);
    this.offsets.push(this.end);
    this.end += chunk.length;
  }

  /** Forgets the chunks that end before `index`. */
  dropBefore(index: number): void {
    let n = 0;
    while (n < this.chunks.length - 1 && this.offsets[n + 1]! <= index) n++;
    if (n === 0) return;
    this.chunks.splice(0, n);
    this.offsets.splice(0, n);
  }

  charCodeAt(index: number): number {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      if (this.offsets[i]! <= index) return this.chunks[i]!.charCodeAt(index - this.offsets[i]!);
    }
    return NaN;
  }

  slice(start: number, end: number): string {
    let out = '';
    for (let i = 0; i < this.chunks.length; i++) {
      const from = this.offsets[i]!;
      const to = from + this.chunks[i]!.length;
      if (to <= start || from >= end) continue;
      out += this.chunks[i]!.slice(Math.max(0, start - from), Math.min(to, end) - from);
    }
    return out;
  }
}

/** The markup as chunks to parse in order: one string, or the parts of a document rendered in parts. */
export type MarkupSource = string | Iterable<string>;

/** The five entities XML knows (what Handlebars' escaping emits); any other named one is an HTML habit. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** The first named entity XML does not know in `src[start, end)`, the raw markup of a text run. */
function unknownEntity(src: MarkupWindow, start: number, end: number): { name: string; index: number } | undefined {
  const raw = src.slice(start, end);
  if (!raw.includes('&')) return undefined;
  for (const m of raw.matchAll(/&([A-Za-z][A-Za-z0-9]*);/g)) {
    if (!XML_ENTITIES.has(m[1] ?? '')) return { name: m[0], index: start + m.index };
  }
  return undefined;
}

/**
 * `s` as a string of its own. The parser's text and attribute values are slices of the markup part they come from,
 * and V8 keeps a whole part alive for the smallest slice of it: a heading kept in the outline, a word on a page
 * waiting in the page store, would keep every rendered part of a long document in memory. A short slice (under 13
 * characters) is already a copy; a longer one is copied once here.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function textNode(text: string, pos: Position): MarkupText {
  return { type: 'text', text: own(text), line: pos.line, column: pos.column };
}

/** Checks one attribute value; returns the `expected` description when it is bad. */
function checkValue(kind: AttrKind, raw: string): boolean {
  switch (kind.kind) {
    case 'text':
      return true;
    case 'length':
      return parseLength(raw, kind.bare).ok;
    case 'width':
      return parseWidth(raw).ok;
    case 'color':
      return parseColor(raw).ok;
    case 'bool':
      return parseBool(raw).ok;
    case 'number':
      return parseNumber(raw, kind).ok;
    case 'enum':
      return kind.values.includes(raw);
    case 'margins': {
      const parts = raw.trim().split(/\s+/);
      return parts.length >= 1 && parts.length <= 4 && parts.every((p) => parseLength(p).ok);
    }
  }
}

function expected(lang: Lang, kind: AttrKind): string {
  if (kind.kind === 'enum') return expectedMessage(lang, 'enum', { list: orList(lang, [...kind.values]) });
  if (kind.kind === 'number') {
    const range =
      kind.min !== undefined && kind.max !== undefined
        ? `${kind.min}–${kind.max}`
        : kind.min !== undefined
          ? `≥ ${kind.min}`
          : '';
    return expectedMessage(lang, 'number', { range }).trim();
  }
  return expectedMessage(lang, kind.kind);
}

/** Names allowed as children of `parent` (for hints). */
function allowedChildren(parent: string | undefined): string[] {
  if (!parent) return ['document'];
  const content = VOCABULARY[parent]?.content;
  if (!content || content === 'empty') return [];
  if (Array.isArray(content)) return [...content];
  const names = Object.entries(VOCABULARY)
    .filter(([name, spec]) => {
      if (spec.category === 'part') return VOCABULARY[name].parents?.includes(parent);
      if (content === 'inline') return spec.category === 'inline';
      return true;
    })
    .map(([name]) => name);
  return names;
}

function fits(spec: ElementSpec, name: string, parent: string | undefined, ancestors: string[]): boolean {
  if (!parent) return name === 'document';
  if (name === 'document') return false;
  const content = VOCABULARY[parent].content;
  if (content === 'empty') return false;
  if ((name === 'page-number' || name === 'page-count' || name === 'running-title') && !ancestors.some((a) => FURNITURE.includes(a))) return false;
  if (Array.isArray(content)) return content.includes(name);
  if (spec.category === 'part') return spec.parents?.includes(parent) ?? false;
  if (content === 'inline') return spec.category === 'inline';
  return true;
}

/** Deepest nesting of elements accepted (the shipped templates use about ten levels). */
export const MAX_DEPTH = 100;

/**
 * Parses the document markup a template produced and checks it against the vocabulary.
 * Every problem becomes a `template/…` diagnostic at `file` and the markup line/column.
 */
export function parseMarkup(opts: { markup: MarkupSource; file: string; lang?: Lang }): ParseMarkupResult {
  return runToEnd(parseMarkupSteps(opts));
}

/** Markup handed to the parser at a time: a long document is parsed in slices, with a pause possible between them. */
const SLICE = 64 * 1024;

/** `parseMarkup`, yielding between slices of the markup so that a caller can let the event loop run (checkpoint.ts). */
export function parseMarkupSteps(opts: { markup: MarkupSource; file: string; lang?: Lang }): Generator<void, ParseMarkupResult> {
  return parseSteps(opts, false) as Generator<void, ParseMarkupResult>;
}

/** Top-level nodes of `<document>` the parser has completed, typeset, in document order; `root` has none of them. */
export interface MarkupBlocks {
  root: MarkupElement;
  blocks: MarkupNode[];
}

/**
 * `parseMarkupSteps` giving the document's top-level nodes (blocks, loose text, header and footer) as soon as each
 * is complete, so that a layout can take them one by one and the whole tree never exists. Nothing is given once the
 * markup has a problem: the result's diagnostics then say why, as `parseMarkup`'s would. Yields `undefined` where the
 * caller may pause.
 */
export function parseMarkupBlocks(opts: { markup: MarkupSource; file: string; lang?: Lang }): Generator<MarkupBlocks | undefined, ParseMarkupResult> {
  return parseSteps(opts, true);
}

function* parseSteps(opts: { markup: MarkupSource; file: string; lang?: Lang }, give: boolean): Generator<MarkupBlocks | undefined, ParseMarkupResult> {
  const { file } = opts;
  const lang = opts.lang ?? 'fr';
  const lines = positionFinder();
  const at = lines.at;
  const markup = new MarkupWindow();
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, pos: Position, message: string, hint?: string) =>
    diagnostics.push({ severity: 'error', code, message, file, line: pos.line, column: pos.column, ...(hint ? { hint } : {}) });

  // Stack of open elements; `null` marks an element that was rejected (its subtree is still parsed and checked).
  const stack: Array<MarkupElement | null> = [];
  const names: string[] = [];
  let root: MarkupElement | undefined;
  let rootCount = 0;
  // Where attributes and the pending text start (source indexes): turned into lines and columns only when needed.
  const attrStarts = new Map<string, number>();
  let pendingText: string | null = null;
  let pendingStart = 0;
  let pendingEnd = 0;

  const flushText = () => {
    if (pendingText === null) return;
    const text = pendingText;
    const start = pendingStart;
    pendingText = null;
    const parent = stack[stack.length - 1];
    const parentName = names[names.length - 1];
    // Most text has no run of whitespace to collapse: it is then kept as is, not copied.
    const collapsed = /[\t\n\r\f]| {2}/.test(text) ? text.replace(/[ \t\n\r\f]+/g, ' ') : text;
    // Looked for in the source, not in the decoded text: data is escaped (`&` → `&amp;`), so a value
    // holding `&nbsp;` or `R&D;` decodes to that very text and must print as written. Only an entity
    // written in the template itself is unknown to XML.
    const entity = unknownEntity(markup, start, pendingEnd);
    if (entity) report('template/unknown-entity', at(entity.index), layoutMessage(lang, 'unknownEntity', { entity: entity.name }));
    if (collapsed === ' ' || collapsed === '') {
      // Whitespace between blocks or table parts is layout, not content; keep it only where text flows.
      const content = parentName ? VOCABULARY[parentName]?.content : undefined;
      if (parent && (content === 'inline' || content === 'flow')) parent.children.push(textNode(' ', at(start)));
      return;
    }
    if (parentName && !parent) return;
    const pos = at(start);
    if (!parentName) {
      rootCount++;
      report('template/no-document', pos, layoutMessage(lang, 'noDocument'));
      return;
    }
    const content = VOCABULARY[parentName]?.content;
    if (content !== 'inline' && content !== 'flow') {
      const shown = collapsed.trim().length > 30 ? collapsed.trim().slice(0, 30) + '…' : collapsed.trim();
      report('template/misplaced-text', pos, layoutMessage(lang, 'misplacedText', { text: quote(lang, shown), parent: parentName }));
      return;
    }
    parent?.children.push(textNode(collapsed, pos));
  };

  // Block by block: the top-level nodes of `root` complete so far leave it (all of them once the markup has ended).
  let typeset: ((nodes: MarkupNode[]) => void) | undefined;
  const completed = (ended: boolean): MarkupBlocks | undefined => {
    if (!give || !root || diagnostics.length || rootCount > 1) return undefined;
    const kids = root.children;
    const open = !ended && stack.length > 1 && stack[0] === root && stack[1] !== null && stack[1] === kids[kids.length - 1];
    const n = kids.length - (open ? 1 : 0);
    if (n <= 0) return undefined;
    const blocks = open ? kids.slice(0, n) : kids;
    root.children = open ? [kids[n]!] : [];
    (typeset ??= typesetter(root))(blocks);
    return { root, blocks };
  };

  let tooDeep = false;
  const selfClosing = new Set<number>();
  const parser = new Parser(
    {
      onattribute(name) {
        attrStarts.set(name, parser.startIndex);
      },
      onopentag(name, attribs) {
        flushText();
        const pos = at(parser.startIndex);
        if (markup.charCodeAt(parser.endIndex - 1) === 47 /* "/" */) selfClosing.add(stack.length);
        const parentName = names[names.length - 1];
        const parent = stack[stack.length - 1];
        const spec = VOCABULARY[name];
        // Inside a rejected element only the element's own problems are reported, not a cascade.
        const parentRejected = names.length > 0 && parent === null;
        let node: MarkupElement | null = null;
        if (stack.length >= MAX_DEPTH) {
          // Layout walks the tree recursively: past this depth it would overflow the stack (exit 3), so the
          // deeper elements are refused, once, at the first one.
          if (!tooDeep) report('template/too-deep', pos, layoutMessage(lang, 'tooDeep', { max: MAX_DEPTH }));
          tooDeep = true;
        } else if (!spec) {
          const list = allowedChildren(parentName);
          report(
            'template/unknown-element',
            pos,
            layoutMessage(lang, 'unknownElement', { name }),
            list.length ? layoutMessage(lang, 'unknownElementHint', { list: list.join(', ') }) : undefined,
          );
        } else if (!parentRejected && !fits(spec, name, parentName, names)) {
          if (!parentName || name === 'document') {
            report('template/no-document', pos, layoutMessage(lang, 'noDocument'));
          } else {
            const list = allowedChildren(parentName);
            report(
              'template/misplaced-element',
              pos,
              layoutMessage(lang, 'misplaced', { name, parent: parentName }),
              list.length ? layoutMessage(lang, 'unknownElementHint', { list: list.join(', ') }) : undefined,
            );
          }
        } else {
          // Attributes that fail their check are left out; when none does, the parser's own object is kept.
          let rejected: Set<string> | undefined;
          for (const attr in attribs) {
            const value = attribs[attr];
            const start = attrStarts.get(attr);
            const kind = spec.attrs[attr];
            if (!kind) {
              const allowed = Object.keys(spec.attrs);
              (rejected ??= new Set()).add(attr);
              report(
                'template/unknown-attribute',
                start === undefined ? pos : at(start),
                allowed.length ? layoutMessage(lang, 'unknownAttribute', { attr, name }) : layoutMessage(lang, 'noAttributes', { name }),
                allowed.length ? layoutMessage(lang, 'unknownAttributeHint', { list: allowed.join(', ') }) : undefined,
              );
            } else if (!checkValue(kind, value)) {
              (rejected ??= new Set()).add(attr);
              report(
                'template/bad-value',
                start === undefined ? pos : at(start),
                layoutMessage(lang, 'badValue', { value: quote(lang, value), attr, name, expected: expected(lang, kind) }),
              );
            }
          }
          const attrs = rejected ? Object.fromEntries(Object.entries(attribs).filter(([attr]) => !rejected.has(attr))) : attribs;
          for (const attr in attrs) attrs[attr] = own(attrs[attr]!);
          node = { type: 'element', name, attrs, children: [], line: pos.line, column: pos.column };
          for (const req of spec.required ?? []) {
            if (!(req in attribs)) report('template/missing-attribute', pos, layoutMessage(lang, 'missingAttribute', { attr: req, name }));
          }
          if (!parentName) {
            rootCount++;
            if (rootCount === 1) root = node;
          } else {
            parent?.children.push(node);
          }
        }
        if (attrStarts.size) attrStarts.clear();
        stack.push(node);
        names.push(name);
      },
      ontext(data) {
        if (pendingText !== null) pendingText += data;
        else {
          pendingText = data;
          pendingStart = parser.startIndex;
        }
        pendingEnd = parser.endIndex + 1;
      },
      onclosetag(name, isImplied) {
        flushText();
        const depth = stack.length - 1;
        const node = stack.pop();
        names.pop();
        if (isImplied && !selfClosing.has(depth) && node) {
          report('template/unclosed-element', node, layoutMessage(lang, 'unclosed', { name }));
        }
        selfClosing.delete(depth);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  // Slices end anywhere (inside a tag or a word): htmlparser2 keeps its state between writes, and `startIndex`
  // stays an index into the whole markup.
  let first = true;
  for (const part of typeof opts.markup === 'string' ? [opts.markup] : opts.markup) {
    for (let i = 0; i < part.length; i += SLICE) {
      if (!first) yield;
      first = false;
      const slice = part.slice(i, i + SLICE);
      // What is still needed of the markup before this slice: the pending text and the tag being read.
      markup.dropBefore(Math.min(pendingText === null ? Infinity : pendingStart, parser.startIndex));
      lines.add(slice, markup.end);
      markup.add(slice);
      parser.write(slice);
      const done = completed(false);
      if (done) yield done;
    }
  }
  parser.end();
  flushText();
  if (!root && !diagnostics.some((d) => d.code === 'template/no-document')) {
    report('template/no-document', { line: 1, column: 1 }, layoutMessage(lang, 'noDocument'));
  }
  if (rootCount > 1 && !diagnostics.some((d) => d.code === 'template/no-document')) {
    report('template/no-document', { line: 1, column: 1 }, layoutMessage(lang, 'noDocument'));
  }
  if (give) {
    const done = completed(true);
    if (done) yield done;
  } else if (root && !diagnostics.length) {
    // French or English typography of the document language, once for every layout path.
    typesetMarkup(root);
  }
  return { root, diagnostics };
}
