import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { importMessage as m } from './importMessages.js';
import { columnName, type Table, type TableRow } from './Table.js';

/**
 * Diagnostics located in an imported file: `line` is the CSV line or the sheet row, `column` the column
 * number (1 = A), and the message starts with the cell (`cell B7 ("Nom"): `) or, in a CSV, the column.
 */
export class RowDiagnostics {
  readonly list: Diagnostic[] = [];
  /** Rows with an error: not imported. */
  readonly bad = new Set<TableRow>();

  constructor(private readonly opts: { file: string; table: Table; headers: string[]; lang: Lang; skipInvalid: boolean }) {}

  where(row: TableRow, column: number): { line: number; column: number; prefix: string } {
    const { table, headers, lang } = this.opts;
    const cell = table.kind === 'csv' ? '' : `${columnName(column)}${row.line}`;
    return { line: row.line, column: row.starts?.[column] ?? column + 1, prefix: m(lang, 'cell', { cell, header: headers[column] || columnName(column) }) };
  }

  /** An error of a row: the row is left out; without --skip-invalid, nothing is written. */
  error(row: TableRow, column: number, code: string, message: string, related?: Diagnostic['related']): void {
    const at = this.where(row, column);
    const skipped = this.opts.skipInvalid ? m(this.opts.lang, 'skipped') : '';
    this.bad.add(row);
    this.list.push({
      severity: this.opts.skipInvalid ? 'warning' : 'error',
      code,
      message: at.prefix + message + skipped,
      file: this.opts.file,
      line: at.line,
      column: at.column,
      ...(related ? { related } : {}),
    });
  }

  warning(row: TableRow, column: number, code: string, message: string): void {
    const at = this.where(row, column);
    this.list.push({ severity: 'warning', code, message: at.prefix + message, file: this.opts.file, line: at.line, column: at.column });
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}
