import { compareText } from '../compareText.js';

/** Where something is in the kit: file relative to the kit folder, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  column: number;
  /** JSON pointer into the merged kit (e.g. `/sessions/0/host`), when the problem is about a value. */
  path?: string;
}

export type Severity = 'error' | 'warning';

/** One problem found in a kit. Library code returns these; only the CLI prints them. */
export interface Diagnostic {
  severity: Severity;
  /** Family/name, e.g. `ref/unknown`, `schema/enum`, `method/binome` (docs/diagnostics.md). */
  code: string;
  /** Human message, already in the requested language. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  /** Extra advice printed under the code frame (e.g. how to quote a YAML value). */
  hint?: string;
  /** Other places the message refers to (the other slot of a clash, the first definition…). */
  related?: Array<Location & { message?: string }>;
}

/** The JSON shape of `capa validate --format json` (docs/diagnostics.md). */
export interface DiagnosticReport {
  ok: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

/** Sorted by file, then line, then column; diagnostics without a file come first. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.code, b.code),
  );
}

export function toReport(list: Diagnostic[], opts: { strict?: boolean } = {}): DiagnosticReport {
  const diagnostics = sortDiagnostics(list);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return { ok: errors === 0 && !(opts.strict && warnings > 0), errors, warnings, diagnostics };
}
