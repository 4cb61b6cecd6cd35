import { createRequire } from 'node:module';
import type HandlebarsNS from 'handlebars';

interface ParserModule {
  parse: typeof HandlebarsNS.parse;
  parser: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } };
}
let loaded: ParserModule | undefined;

/**
 * Handlebars' parser alone (the module its `parse` comes from): loading the whole of Handlebars, with its
 * compiler and runtime, would make `capa validate` noticeably slower for no use here. Loaded on first use: a build
 * whose kit has no template of its own parses none.
 */
function parserModule(): ParserModule {
  loaded ??= createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/compiler/base.js') as ParserModule;
  return loaded;
}

/** A syntax problem of a template, in words (`templateCheckMessages.ts`), at a 1-based line and column. */
export interface SyntaxProblem {
  key: 'unclosedTag' | 'strayBraces' | 'unclosedBlock' | 'wrongClose' | 'strayCloseBlock' | 'strayElse' | 'badTag';
  line: number;
  column: number;
  params: Record<string, string | number>;
}

/** One `{{…}}` tag of a template: offsets of `{{` and just after `}}`, and what it is. */
interface Tag {
  start: number;
  end: number;
  kind: 'open' | 'close' | 'else' | 'comment' | 'other';
  name: string;
}

export type HbAst = ReturnType<typeof HandlebarsNS.parse>;

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** `text` with `[start, end)` replaced by spaces (line breaks kept), so every other place keeps its line and column. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/** Every `{{…}}` tag, and the `{{` never closed and the `}}` never opened found on the way. */
function scanTags(text: string): { tags: Tag[]; unclosed: number[]; stray: number[] } {
  const tags: Tag[] = [];
  const unclosed: number[] = [];
  const stray: number[] = [];
  let i = 0;
  const strayIn = (from: number, to: number) => {
    for (let j = text.indexOf('}}', from); j !== -1 && j + 2 <= to; j = text.indexOf('}}', j + 2)) stray.push(j);
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) {
      strayIn(i, text.length);
      break;
    }
    strayIn(i, open);
    // `\{{x}}` is written text, not a tag: its `}}` is no stray either.
    if (open > 0 && text[open - 1] === '\\') {
      const close = text.indexOf('}}', open + 2);
      i = close === -1 ? open + 2 : close + 2;
      continue;
    }
    const inner = text.slice(open + 2);
    if (inner.startsWith('!--') || inner.startsWith('~!--')) {
      const close = text.indexOf('--', open + 5);
      const end = close === -1 ? -1 : text.indexOf('}}', close);
      if (end === -1) {
        unclosed.push(open);
        break;
      }
      tags.push({ start: open, end: end + 2, kind: 'comment', name: '' });
      i = end + 2;
      continue;
    }
    const triple = inner.startsWith('{');
    const closer = triple ? '}}}' : '}}';
    const end = text.indexOf(closer, open + 2);
    const next = text.indexOf('{{', open + 2);
    if (end === -1 || (next !== -1 && next < end && !inner.startsWith('!'))) {
      unclosed.push(open);
      i = open + 2;
      continue;
    }
    const body = text.slice(open + (triple ? 3 : 2), end).replace(/^~/, '').replace(/~$/, '').trim();
    const name = /^[#^/]?[*>]?\s*([^\s()~]*)/.exec(body)?.[1] ?? '';
    let kind: Tag['kind'] = 'other';
    if (body.startsWith('!')) kind = 'comment';
    else if (body.startsWith('#')) kind = 'open'; // blocks, partial blocks `{{#> p}}`, inline partials `{{#*inline "p"}}`
    else if (body.startsWith('/')) kind = 'close';
    else if (body === '^' || /^else(\s|$)/.test(body)) kind = 'else';
    else if (body.startsWith('^')) kind = 'open';
    tags.push({ start: open, end: end + closer.length, kind, name });
    i = end + closer.length;
  }
  return { tags, unclosed, stray };
}

/**
 * Find every syntax mistake of a template, not only the first: tags never closed, blocks never closed
 * or closed by the wrong name, `{{else}}` outside a block, then whatever Handlebars' parser still
 * rejects, tag by tag. Each faulty tag is blanked and the text parsed again, so the rest of the
 * template is still checked: `ast` is the template without its faulty tags.
 */
export function parseRecovering(source: string, srcName: string): { ast?: HbAst; problems: SyntaxProblem[] } {
  const problems: SyntaxProblem[] = [];
  const at = (offset: number) => positionOf(source, offset);
  const problem = (key: SyntaxProblem['key'], offset: number, params: SyntaxProblem['params'] = {}) => problems.push({ key, ...at(offset), params });
  let text = source;
  // Rewritten close tags may be longer than written: offsets of `text` after one are shifted.
  const rewrites: Array<{ at: number; delta: number }> = [];
  const toText = (o: number) => o + rewrites.filter((r) => r.at <= o).reduce((n, r) => n + r.delta, 0);
  const toSource = (o: number) => o - rewrites.filter((r) => toText(r.at) < o).reduce((n, r) => n + r.delta, 0);
  const drop = (start: number, end: number) => {
    text = blank(text, toText(start), toText(end));
  };
  /** Close a block never closed just before `offset`, so its content is still checked with its data. */
  const closeBefore = (offset: number, name: string) => {
    const at = toText(offset);
    const close = `{{/${name}}}`;
    text = text.slice(0, at) + close + text.slice(at);
    rewrites.push({ at: offset, delta: close.length });
  };
  const { tags, unclosed, stray } = scanTags(source);
  for (const o of unclosed) {
    problem('unclosedTag', o, { line: at(o).line });
    drop(o, o + 2);
  }
  for (const s of stray) {
    problem('strayBraces', s);
    drop(s, s + 2);
  }
  const stack: Tag[] = [];
  for (const tag of tags) {
    if (tag.kind === 'open') stack.push(tag);
    else if (tag.kind === 'else' && stack.length === 0) {
      problem('strayElse', tag.start, { tag: source.slice(tag.start, tag.end) });
      drop(tag.start, tag.end);
    } else if (tag.kind === 'close') {
      const top = stack[stack.length - 1];
      if (top && top.name === tag.name) stack.pop();
      else if (stack.some((t) => t.name === tag.name)) {
        // Blocks opened inside this one were never closed.
        while (stack.length && stack[stack.length - 1]!.name !== tag.name) {
          const t = stack.pop()!;
          problem('unclosedBlock', t.start, { name: t.name, line: at(t.start).line });
          closeBefore(tag.start, t.name);
        }
        stack.pop();
      } else if (top) {
        problem('wrongClose', tag.start, { name: tag.name, open: top.name, line: at(top.start).line });
        stack.pop();
        // Read as the close of the open block, so the block's content is checked with its data. A longer
        // name shifts what follows on that line only (later lines keep their places).
        const from = toText(tag.start);
        const closeAt = text.indexOf('}}', from);
        const rewritten = `{{/${top.name}`.padEnd(closeAt - from);
        text = text.slice(0, from) + rewritten + text.slice(closeAt);
        rewrites.push({ at: tag.start + 1, delta: rewritten.length - (closeAt - from) });
      } else {
        problem('strayCloseBlock', tag.start, { name: tag.name });
        drop(tag.start, tag.end);
      }
    }
  }
  for (const t of stack) problem('unclosedBlock', t.start, { name: t.name, line: at(t.start).line });
  for (const t of stack.reverse()) text += `{{/${t.name}}}`;
  // Whatever the parser still rejects: one tag at a time.
  for (let round = 0; round < 50; round++) {
    try {
      return { ast: parserModule().parse(text, { srcName } as Parameters<typeof HandlebarsNS.parse>[1]), problems };
    } catch (err) {
      const offset = toSource(failureOffset(text, err));
      const tag = tagAt(tags, offset);
      if (!tag || text.slice(toText(tag.start), toText(tag.end)).trim() === '') return { problems };
      problem('badTag', tag.start, { tag: oneLine(source.slice(tag.start, tag.end)), why: whyKey(err) });
      drop(tag.start, tag.end);
    }
  }
  return { problems };
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…}}` : flat;
}

/** Where the parser stopped, as an offset of `text`. */
function failureOffset(text: string, err: unknown): number {
  const e = err as { lineNumber?: number; column?: number; message?: string };
  const lexer = parserModule().parser.lexer?.yylloc;
  let line: number | undefined;
  let column = 0;
  if (typeof e.lineNumber === 'number') {
    line = e.lineNumber;
    column = e.column ?? 0;
  } else if (lexer?.first_line) {
    line = lexer.first_line;
    column = lexer.first_column ?? 0;
  }
  if (line === undefined) return text.length;
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column;
}

/** The tag holding `offset`, or the last one before it. */
function tagAt(tags: Tag[], offset: number): Tag | undefined {
  let best: Tag | undefined;
  for (const t of tags) {
    if (t.start <= offset) best = t;
    else break;
  }
  return best;
}

/** What the parser met that it did not expect, as a message key (`templateCheckMessages.ts`). */
function whyKey(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  if (/doesn't match/.test(message)) return 'mismatch';
  switch (got) {
    case 'CLOSE':
    case 'CLOSE_UNESCAPED':
      return 'endsEarly';
    case 'INVALID':
      return 'invalidChar';
    case 'EOF':
      return 'eof';
    case 'OPEN_SEXPR':
    case 'CLOSE_SEXPR':
      return 'paren';
    case 'EQUALS':
      return 'equals';
    default:
      return 'unexpected';
  }
}
