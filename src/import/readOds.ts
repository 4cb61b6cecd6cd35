import { IMPORT_LIMITS } from './importLimits.js';
import type { Table, TableRow } from './Table.js';
import { unzipParts, ZipProblem } from './unzipParts.js';
import { walk } from './readXlsx.js';

/**
 * The first table of an OpenDocument spreadsheet (content.xml) as rows of text. Repeated rows and cells
 * (`number-rows-repeated`, `number-columns-repeated`: how LibreOffice writes a run of equal or empty cells)
 * are expanded only while they hold text, so a sheet ending in a million repeated empty rows costs nothing.
 */
export function readOds(bytes: Uint8Array): Table {
  const parts = unzipParts(bytes, (n) => n === 'content.xml');
  const xml = parts.get('content.xml');
  if (xml === undefined) throw new ZipProblem('not-zip');
  const rows: TableRow[] = [];
  let depth = 0; // inside the first table: 1, nested tables are skipped
  let done = false;
  let line = 0;
  let row: { cells: string[]; repeat: number } | undefined;
  let cell: { text: string; repeat: number; paragraphs: number } | undefined;
  walk(xml, {
    open: (name, attrs) => {
      if (done) return;
      if (name === 'table:table') depth++;
      if (depth !== 1) return;
      if (name === 'table:table-row') row = { cells: [], repeat: Number(attrs['table:number-rows-repeated'] ?? 1) };
      else if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && row) cell = { text: '', repeat: Number(attrs['table:number-columns-repeated'] ?? 1), paragraphs: 0 };
      else if (name === 'text:p' && cell && cell.paragraphs++ > 0) cell.text += '\n';
      else if (name === 'text:s' && cell) cell.text += ' '.repeat(Math.min(Number(attrs['text:c'] ?? 1), 100));
      else if ((name === 'text:tab' || name === 'text:line-break') && cell) cell.text += name === 'text:tab' ? '\t' : '\n';
    },
    text: (t) => {
      if (depth === 1 && cell && cell.text.length <= IMPORT_LIMITS.maxCellChars) cell.text += t;
    },
    close: (name) => {
      if (done) return;
      if (name === 'table:table') {
        if (--depth === 0) done = true;
        return;
      }
      if (depth !== 1) return;
      if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && row && cell) {
        const text = cell.text.trim();
        // LibreOffice ends a row with one cell repeated up to the sheet's last column: bounded here, trimmed below.
        const copies = Math.min(cell.repeat, IMPORT_LIMITS.maxColumns - row.cells.length);
        for (let i = 0; i < copies; i++) row.cells.push(text);
        cell = undefined;
      } else if (name === 'table:table-row' && row) {
        while (row.cells.length > 0 && row.cells[row.cells.length - 1] === '') row.cells.pop();
        const copies = row.cells.length === 0 ? 1 : Math.min(row.repeat, IMPORT_LIMITS.maxRows);
        for (let i = 0; i < copies; i++) if (row.cells.length > 0 && rows.length < IMPORT_LIMITS.maxRows) rows.push({ line: line + i + 1, cells: [...row.cells] });
        line += row.repeat;
        row = undefined;
      }
    },
  });
  return { kind: 'ods', rows };
}
