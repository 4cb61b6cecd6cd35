import type { Document, YAMLSeq } from 'yaml';
import { yamlLib } from '../kit/yamlLib.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { importMessage as m } from './importMessages.js';
import type { matchColumns as MatchColumns } from './matchColumns.js';
import { RowDiagnostics } from './rowDiagnostics.js';
import type { Table, TableRow } from './Table.js';

/** What an import would do: its diagnostics, the changes (one line each, in the message language), the files to write. */
export interface ImportResult {
  diagnostics: Diagnostic[];
  changes: string[];
  files: Array<{ file: string; abs: string; text: string }>;
}

/** A top-level list of the merged kit data, as plain objects. */
export function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter((v) => v !== null && typeof v === 'object') as T[]) : [];
}

/** The top-level list `key` of a YAML document, if it has one. */
export function seqIn(doc: Document, key: string): YAMLSeq | undefined {
  const node = doc.get(key, true);
  return yamlLib().isSeq(node) ? node : undefined;
}

/**
 * The common start of an import: the header row (the first row), the data rows (rows with some text),
 * the columns matched, and a warning for each header not recognised. An empty file ends the import.
 */
export function startImport<F extends string>(opts: {
  table: Table;
  file: string;
  lang: Lang;
  skipInvalid: boolean;
  map: readonly string[];
  synonyms: Record<F, readonly string[]>;
  matchColumns: typeof MatchColumns;
}):
  | { result: ImportResult }
  | { rows: TableRow[]; headers: string[]; columns: Map<F, number>; problems: RowDiagnostics; diagnostics: Diagnostic[] } {
  const { table, file, lang } = opts;
  const header = table.rows.find((r) => r.cells.some((c) => c !== ''));
  if (!header) return { result: { diagnostics: [{ severity: 'error', code: 'import/empty', message: m(lang, 'empty'), file, line: 1, column: 1 }], changes: [], files: [] } };
  const headers = header.cells;
  const { columns, unknown } = opts.matchColumns({ headers, synonyms: opts.synonyms, map: opts.map, lang });
  const problems = new RowDiagnostics({ file, table, headers, lang, skipInvalid: opts.skipInvalid });
  const fields = Object.keys(opts.synonyms).join(', ');
  for (const index of unknown) problems.warning(header, index, 'import/unknown-column', m(lang, 'unknownColumn', { header: headers[index]!, fields }));
  const rows = table.rows.filter((r) => r !== header && r.line > header.line && r.cells.some((c) => c !== ''));
  return { rows, headers, columns, problems, diagnostics: [] };
}
