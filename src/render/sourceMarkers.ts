import type HandlebarsNS from 'handlebars';
import { DATA_HELPER, DATA_OPEN } from './dataOrigins.js';
import { IntList } from './IntList.js';

type HandlebarsEnv = typeof HandlebarsNS;

/**
 * Where each piece of rendered markup came from, so the layout step can point its diagnostics
 * (unknown element, bad attribute) at the template file and line instead of the generated text.
 *
 * At compile time every run of template text and every `{{expression}}` output is preceded by a
 * marker: U+FDD0, an id in base 36, U+FDD1 (Unicode noncharacters, reserved for internal use and
 * never in kit data). After rendering, the markers are removed and kept as a list of
 * (offset in the clean output → template place).
 */

const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const MARKER = /([\uFDD0\uFDD2])([0-9a-z]+)\uFDD1/g;

/** A place in a template, as registered at compile time (`source` is the absolute path). */
export interface MarkedPlace {
  source: string;
  line: number;
  /** 1-based. */
  column: number;
  /** `text`: template text copied as-is (positions advance inside it); `value`: an expression's output. */
  kind: 'text' | 'value';
}

export interface OutputPlace {
  /** Absolute path of the template. */
  source: string;
  line: number;
  column: number;
}

/** Output positions → template positions, for one rendered document. */
export interface SourceMap {
  /** The template place of a 1-based line and column of the clean output, if known. */
  locate(line: number, column: number): OutputPlace | undefined;
  /**
   * The data origins (ids of `DataOrigins`) printed inside the element that starts at a 1-based line and
   * column of the clean output, each with the escaped text it printed.
   */
  originsWithin(line: number, column: number): Array<{ id: number; printed: string }>;
}

interface Loc {
  source?: string;
  start: { line: number; column: number };
}

interface OpcodeCompiler {
  opcode(name: string, ...args: unknown[]): void;
}
interface OpcodeCompilerClass {
  prototype: OpcodeCompiler & { ContentStatement(this: OpcodeCompiler, node: unknown): void; compiler?: unknown };
}
interface JsCompiler {
  options: { srcName?: string };
  source: { currentLocation?: Loc };
  /** A program of one statement compiles to `return …;`: nothing may be appended before it. */
  environment: { isSimple?: boolean };
  pushSource(source: unknown): void;
  appendToBuffer(source: unknown): unknown;
  aliasable(name: string): unknown;
  popStack(): unknown;
  quotedString(text: string): string;
}
interface JsCompilerClass {
  prototype: JsCompiler & {
    appendContent(this: JsCompiler, content: string): void;
    appendEscaped(this: JsCompiler): void;
    append(this: JsCompiler): void;
    compiler?: unknown;
  };
}

/** Where the kept text of a content node starts, after whitespace control stripped its beginning. */
function contentStart(node: { original?: string; value: string; loc?: Loc }): { line: number; column: number } | undefined {
  if (!node.loc) return undefined;
  const original = typeof node.original === 'string' ? node.original : node.value;
  const cut = Math.max(0, original.indexOf(node.value));
  const stripped = original.slice(0, cut).split('\n');
  const line = node.loc.start.line + stripped.length - 1;
  const column = stripped.length === 1 ? node.loc.start.column + cut + 1 : (stripped[stripped.length - 1]?.length ?? 0) + 1;
  return { line, column };
}

/** Teach a Handlebars environment to emit source markers; `register` gives each place an id. */
export function installSourceMarkers(hb: HandlebarsEnv, register: (place: MarkedPlace) => number): void {
  const env = hb as unknown as { Compiler: OpcodeCompilerClass; JavaScriptCompiler: JsCompilerClass };
  const mark = (place: MarkedPlace) => `${OPEN}${register(place).toString(36)}${CLOSE}`;

  const BaseOpcodes = env.Compiler;
  function MarkedOpcodes() {}
  const opProto = Object.create(BaseOpcodes.prototype) as OpcodeCompilerClass['prototype'];
  opProto.compiler = MarkedOpcodes;
  opProto.ContentStatement = function (node) {
    const content = node as { original?: string; value: unknown; loc?: Loc };
    if (typeof content.value !== 'string' || content.value === '') {
      BaseOpcodes.prototype.ContentStatement.call(this, node);
      return;
    }
    const start = contentStart(content as { original?: string; value: string; loc?: Loc });
    this.opcode('appendContent', content.value, start?.line, start?.column);
  };
  MarkedOpcodes.prototype = opProto;
  env.Compiler = MarkedOpcodes as unknown as OpcodeCompilerClass;

  const BaseJs = env.JavaScriptCompiler;
  function MarkedJs() {}
  const jsProto = Object.create(BaseJs.prototype) as JsCompilerClass['prototype'];
  jsProto.compiler = MarkedJs;
  const valueMark = (c: JsCompiler): string | undefined => {
    const loc = c.source.currentLocation;
    if (!loc || !c.options.srcName) return undefined;
    return mark({ source: c.options.srcName, line: loc.start.line, column: loc.start.column + 1, kind: 'value' });
  };
  jsProto.appendContent = function (this: JsCompiler, content: string, line?: number, column?: number) {
    const text =
      line !== undefined && column !== undefined && this.options.srcName
        ? mark({ source: this.options.srcName, line, column, kind: 'text' }) + content
        : content;
    BaseJs.prototype.appendContent.call(this, text);
  } as JsCompilerClass['prototype']['appendContent'];
  // Handlebars' appendEscaped with the marker in the same expression (works in `return` form too); the value is
  // escaped by `helpers.__capaData.out` (dataOrigins.ts), which escapes it the same way and notes which kit value it came from.
  jsProto.appendEscaped = function () {
    const m = valueMark(this);
    if (m === undefined) return BaseJs.prototype.appendEscaped.call(this);
    this.pushSource(this.appendToBuffer([this.quotedString(m), ' + helpers[', this.quotedString(DATA_HELPER), '].out(', this.popStack(), ')']));
  };
  // Blocks, partials and `{{{raw}}}`: a separate marker first, except in `return` form.
  jsProto.append = function () {
    const m = this.environment.isSimple ? undefined : valueMark(this);
    if (m !== undefined) BaseJs.prototype.appendContent.call(this, m);
    BaseJs.prototype.append.call(this);
  };
  MarkedJs.prototype = jsProto;
  env.JavaScriptCompiler = MarkedJs as unknown as JsCompilerClass;
}

/** Rendered output without its markers, when no source map is wanted. */
export function removeMarkers(marked: string): string {
  return marked.replace(MARKER, '');
}

/** Remove the markers from rendered output and keep them as a map back to the templates. */
export function stripMarkers(marked: string, places: MarkedPlace[]): { output: string; map: SourceMap } {
  // One marker per template text run and per expression: a large kit has millions. They are kept as typed arrays
  // (output offset, place id), not one object each, since the map lives until the layout has located its problems.
  const segmentAt = new IntList();
  const segmentPlace = new IntList();
  // Data origin markers (dataOrigins.ts): where the output of an expression that printed a kit value starts.
  const originAt = new IntList();
  const originId = new IntList();
  // One pass that builds a flat string: appending the pieces one by one made a rope of millions of slices, which
  // kept the marked text alive and took twice the output's size until something read the output.
  let removed = 0;
  const output = marked.replace(MARKER, (whole: string, kind: string, digits: string, index: number) => {
    const at = index - removed;
    removed += whole.length;
    const id = parseInt(digits, 36);
    if (kind === DATA_OPEN) {
      originAt.push(at);
      originId.push(id);
    } else if (places[id]) {
      segmentAt.push(at);
      segmentPlace.push(id);
    }
    return '';
  });
  segmentAt.trim();
  segmentPlace.trim();
  originAt.trim();
  originId.trim();

  // Line starts are only needed to report a diagnostic: computed on the first one.
  let lineStarts: IntList | undefined;
  const lineStart = (line: number): number | undefined => {
    if (!lineStarts) {
      lineStarts = new IntList();
      lineStarts.push(0);
      for (let i = output.indexOf('\n'); i >= 0; i = output.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      lineStarts.trim();
    }
    return lineStarts.at(line - 1);
  };

  const locate = (line: number, column: number): OutputPlace | undefined => {
    const start = lineStart(line);
    if (start === undefined) return undefined;
    const offset = start + column - 1;
    // Last segment starting at or before the offset (several may share an offset: take the last).
    const found = segmentAt.lastAtMost(offset);
    const at = segmentAt.at(found);
    const place = places[segmentPlace.at(found) ?? -1];
    if (at === undefined || !place) return undefined;
    if (place.kind === 'value') return { source: place.source, line: place.line, column: place.column };
    const between = output.slice(at, offset);
    const nl = between.lastIndexOf('\n');
    if (nl < 0) return { source: place.source, line: place.line, column: place.column + between.length };
    const lines = between.split('\n').length - 1;
    return { source: place.source, line: place.line + lines, column: between.length - nl };
  };
  const originsWithin = (line: number, column: number): Array<{ id: number; printed: string }> => {
    const start = lineStart(line);
    if (start === undefined || originAt.length === 0) return [];
    const end = elementEnd(output, start + column - 1);
    const found: Array<{ id: number; printed: string }> = [];
    // First origin at or after the start, then every one before the end; each printed up to the next marker.
    const first = originAt.firstAtLeast(start + column - 1);
    let seg = first < originAt.length ? segmentAt.lastAtMost(originAt.at(first)!) + 1 : 0;
    for (let i = first; i < originAt.length && (originAt.at(i) ?? end) < end; i++) {
      const at = originAt.at(i) ?? 0;
      while (seg < segmentAt.length && (segmentAt.at(seg) ?? 0) <= at) seg++;
      const stop = Math.min(end, segmentAt.at(seg) ?? end, originAt.at(i + 1) ?? end);
      found.push({ id: originId.at(i) ?? -1, printed: output.slice(at, stop) });
    }
    return found;
  };
  return { output, map: { locate, originsWithin } };
}

/**
 * Where the element that starts at `start` in well-formed markup ends (after its closing tag). Data is
 * escaped, so every `<` of the output opens a tag; a template's attribute value holding `>` is not markup capa uses.
 */
function elementEnd(markup: string, start: number): number {
  const open = /^<([\w-]+)/.exec(markup.slice(start, start + 64));
  if (!open) return start;
  const name = open[1] ?? '';
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*?(/?)>`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(markup); m; m = tags.exec(markup)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth <= 0) return m.index + m[0].length;
  }
  return markup.length;
}
