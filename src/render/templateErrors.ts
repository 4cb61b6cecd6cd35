import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { renderMessage } from './renderMessages.js';
import { shownTemplateFile } from './shownTemplateFile.js';
import type { TemplateFile } from './TemplateSources.js';

/** A position as Handlebars records it: `source` is the compile-time `srcName` (`templateSourceId`); 1-based line, 0-based column. */
export interface HbLoc {
  source?: string;
  start: { line: number; column: number };
}

/** A template file read and compiled, with what error reporting needs. */
export interface LoadedTemplate {
  file: TemplateFile;
  text: string;
  /** Document folder the template belongs to, `''` for shared partials. */
  doc: string;
  /** What `capa templates eject` takes to fork this file (`agenda`, `partials/header`). */
  eject: string;
}

/** An error raised on purpose while rendering (by a helper), already worded, with its place. */
export class TemplateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly loc?: HbLoc,
    readonly severity: 'error' | 'warning' = 'error',
  ) {
    super(message);
  }
}

/** A problem already turned into a diagnostic (a partial's syntax error), carried up through Handlebars. */
export class ReportedError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Hint for problems in built-in templates: the path is not in the kit, say where it is and how to fork it. */
export function builtinHint(lang: Lang, t: LoadedTemplate): string | undefined {
  if (t.file.source !== 'builtin') return undefined;
  return renderMessage(lang, 'builtinHint', { path: t.file.abs, doc: t.eject });
}

/** The dotted path written at a position (`slot.start` in `{{time slot.start}}`), and whether arguments follow it. */
function expressionAt(text: string, line: number, column: number): { path: string; hasArgs: boolean } | undefined {
  const src = text.split('\n')[line - 1];
  if (src === undefined) return undefined;
  const m = /^((?:\.\.\/)*@?[\w$-]+(?:[./][\w$-]+)*)(\s*)(.?)/.exec(src.slice(column));
  if (!m || !m[1]) return undefined;
  return { path: m[1], hasArgs: m[2] !== '' && m[3] !== '' && m[3] !== '}' && m[3] !== '~' };
}

/** 1-based line and column of the first match of `re` in a template, for errors Handlebars reports without a place. */
function findInText(text: string, re: RegExp): { line: number; column: number } | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface ErrorContext {
  /** The template whose code was running when the error escaped (innermost partial first). */
  running?: LoadedTemplate;
  /** Template by `templateSourceId`, for errors that carry their own `loc.source`. */
  bySource(source: string): LoadedTemplate | undefined;
  helperNames: string[];
  lang: Lang;
}

/** Turn anything thrown while rendering into one diagnostic with file, line and column (never a stack trace). */
export function errorToDiagnostic(err: unknown, ctx: ErrorContext): Diagnostic {
  const lang = ctx.lang;
  if (err instanceof ReportedError) return err.diagnostic;
  if (err instanceof TemplateError) {
    const t = (err.loc?.source ? ctx.bySource(err.loc.source) : undefined) ?? ctx.running;
    return withPlace(
      { severity: err.severity, code: err.code, message: err.message },
      t,
      err.loc ? { line: err.loc.start.line, column: err.loc.start.column + 1 } : undefined,
      lang,
    );
  }
  const t = ctx.running;
  const e = err instanceof Error ? err : new Error(String(err));
  const message = e.message.replace(/ - \d+:\d+$/, '');
  const located = e as Error & { lineNumber?: number; column?: number };

  // Strict mode: `"field" not defined in … - line:col`.
  const strict = /^"([^"]+)" not defined in /.exec(message);
  if (strict && typeof located.lineNumber === 'number' && t) {
    const place = { line: located.lineNumber, column: (located.column ?? 0) + 1 };
    const missing = strict[1] ?? '';
    const expr = expressionAt(t.text, place.line, place.column - 1);
    const segments = expr ? expr.path.split(/[./]/) : [missing];
    const index = segments.indexOf(missing);
    if (expr && index === 0 && expr.hasArgs) {
      const near = closest(missing, ctx.helperNames);
      const hint = near && distance(near, missing) <= 2 ? renderMessage(lang, 'didYouMean', { name: near }) : undefined;
      return withPlace(
        { severity: 'error', code: 'template/unknown-helper', message: renderMessage(lang, 'unknownHelper', { name: missing }), hint },
        t,
        place,
        lang,
      );
    }
    const field = expr && index >= 0 ? expr.path.split(/(?=[./])/).slice(0, index + 1).join('') : missing;
    return withPlace(
      { severity: 'error', code: 'template/missing-field', message: renderMessage(lang, 'missingField', { field }) },
      t,
      place,
      lang,
    );
  }

  const partial = /^The partial (.+) could not be found$/.exec(message);
  if (partial) {
    const name = partial[1] ?? '';
    const place = t ? findInText(t.text, new RegExp(`\\{\\{~?#?>\\s*${escapeRe(name)}(?![\\w-])`)) : undefined;
    return withPlace(
      { severity: 'error', code: 'template/missing-partial', message: renderMessage(lang, 'missingPartial', { name, doc: t?.doc || '<doc>' }) },
      t,
      place,
      lang,
    );
  }

  const helper = /^Missing helper: "(.+)"$/.exec(message);
  if (helper) {
    const name = helper[1] ?? '';
    const place = t ? findInText(t.text, new RegExp(`[({]~?[#^]?\\s*${escapeRe(name)}(?![\\w-])`)) : undefined;
    const near = closest(name, ctx.helperNames);
    const hint = near && distance(near, name) <= 2 ? renderMessage(lang, 'didYouMean', { name: near }) : undefined;
    return withPlace(
      { severity: 'error', code: 'template/unknown-helper', message: renderMessage(lang, 'unknownHelper', { name }), hint },
      t,
      place,
      lang,
    );
  }

  const place =
    typeof located.lineNumber === 'number' ? { line: located.lineNumber, column: (located.column ?? 0) + 1 } : undefined;
  return withPlace(
    { severity: 'error', code: 'template/render', message: renderMessage(lang, 'renderError', { detail: message }) },
    t,
    place,
    lang,
  );
}

/** A Handlebars syntax error (thrown by the parser) as a diagnostic; `lexer` is where the parser stopped. */
export function syntaxErrorToDiagnostic(
  err: unknown,
  t: LoadedTemplate,
  lexer: { first_line?: number; first_column?: number } | undefined,
  lang: Lang,
): Diagnostic {
  const e = err instanceof Error ? err : new Error(String(err));
  const located = e as Error & { lineNumber?: number; column?: number };
  let place: { line: number; column?: number } | undefined;
  let detail = e.message;
  if (typeof located.lineNumber === 'number') {
    // Errors from the AST builder (`if doesn't match each - 2:3`) carry their place.
    place = { line: located.lineNumber, column: (located.column ?? 0) + 1 };
    detail = detail.replace(/ - \d+:\d+$/, '');
  } else {
    const lineMatch = /^Parse error on line (\d+):/.exec(detail);
    if (lineMatch) {
      place = { line: Number(lineMatch[1]) };
      if (lexer?.first_line === place.line && typeof lexer.first_column === 'number') place.column = lexer.first_column + 1;
      // Keep the parser's "Expecting …, got …" line; the excerpt it prints is rebuilt by the code frame.
      detail = detail.split('\n').slice(3).join(' ') || detail.split('\n')[0] || detail;
    } else {
      const lexical = /^Lexical error on line (\d+)/.exec(detail);
      if (lexical) place = { line: Number(lexical[1]) };
      detail = detail.split('\n')[0] ?? detail;
    }
  }
  return withPlace(
    { severity: 'error', code: 'template/syntax', message: renderMessage(lang, 'syntax', { detail }) },
    t,
    place,
    lang,
  );
}

function withPlace(
  d: Diagnostic,
  t: LoadedTemplate | undefined,
  place: { line: number; column?: number } | undefined,
  lang: Lang,
): Diagnostic {
  const out: Diagnostic = { ...d };
  if (out.hint === undefined) delete out.hint;
  if (t) {
    out.file = shownTemplateFile(t.file, lang);
    const hint = builtinHint(lang, t);
    if (hint) out.hint = out.hint ? `${out.hint}\n${hint}` : hint;
  }
  if (place) {
    out.line = place.line;
    if (place.column !== undefined) out.column = place.column;
  }
  return out;
}
