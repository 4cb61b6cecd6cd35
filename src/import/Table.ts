/** One row of an imported file: where it is, and the text of its cells (trimmed; '' for an empty cell). */
export interface TableRow {
  /** The line of a CSV file, or the row number of a sheet (1-based): what a diagnostic's `line` says. */
  line: number;
  cells: string[];
  /** CSV only: the 1-based character column where each cell starts on its line (diagnostics point there). */
  starts?: number[];
}

/** The first sheet of a spreadsheet, or a CSV file, as rows of text. */
export interface Table {
  kind: 'csv' | 'xlsx' | 'ods';
  rows: TableRow[];
  /** The decoded text of a CSV file, for the code frame under a diagnostic; none for a zipped sheet. */
  text?: string;
  /** The encoding a CSV file was read with (`utf-8` or `windows-1252`). */
  encoding?: string;
}

/** Spreadsheet column name of a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Index of a spreadsheet column name: A → 0, AA → 26. */
export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
