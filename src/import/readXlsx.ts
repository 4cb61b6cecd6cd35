import { Parser } from 'htmlparser2';
import { IMPORT_LIMITS } from './importLimits.js';
import { columnIndex, type Table, type TableRow } from './Table.js';
import { unzipParts, ZipProblem } from './unzipParts.js';

/**
 * The first sheet of an XLSX workbook as rows of text (cells: shared strings, inline strings, numbers as
 * written). Read with fflate and htmlparser2 rather than a workbook library: SheetJS's npm build is
 * unmaintained with open advisories, and exceljs brings some forty packages and builds the whole workbook
 * in memory; capa needs the text of one sheet, with each cell's address for diagnostics.
 */
export function readXlsx(bytes: Uint8Array): Table {
  const parts = unzipParts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  const sheet = parts.get(firstSheetPath(parts)) ?? parts.get('xl/worksheets/sheet1.xml');
  if (sheet === undefined) throw new ZipProblem('not-zip');
  return { kind: 'xlsx', rows: sheetRows(sheet, sharedStrings(parts.get('xl/sharedStrings.xml') ?? '')) };
}

/** The part of the workbook's first sheet, through workbook.xml and its relationships. */
function firstSheetPath(parts: Map<string, string>): string {
  let rid: string | undefined;
  walk(parts.get('xl/workbook.xml') ?? '', {
    open: (name, attrs) => {
      if (name === 'sheet' && rid === undefined) rid = attrs['r:id'];
    },
  });
  let target: string | undefined;
  walk(parts.get('xl/_rels/workbook.xml.rels') ?? '', {
    open: (name, attrs) => {
      if (name === 'Relationship' && attrs.Id === rid) target = attrs.Target;
    },
  });
  if (!target) return '';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The shared strings table: each `<si>`, its runs joined. */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let inT = false;
  let current = '';
  walk(xml, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 't') inT = true;
    },
    text: (t) => {
      if (inT) current += t;
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'si') strings.push(current);
    },
  });
  return strings;
}

/** The rows of a worksheet; a row's `line` is its number in the sheet, a cell's index its column. */
function sheetRows(xml: string, shared: string[]): TableRow[] {
  const rows: TableRow[] = [];
  let row: TableRow | undefined;
  let cell: { index: number; type: string; text: string } | undefined;
  let inValue = false;
  walk(xml, {
    open: (name, attrs) => {
      if (name === 'row') {
        const line = Number(attrs.r ?? (rows.length > 0 ? rows[rows.length - 1]!.line + 1 : 1));
        row = { line, cells: [] };
      } else if (name === 'c' && row) {
        const ref = /^([A-Z]+)\d*$/.exec(attrs.r ?? '');
        cell = { index: ref ? columnIndex(ref[1]!) : row.cells.length, type: attrs.t ?? 'n', text: '' };
      } else if ((name === 'v' || name === 't') && cell) inValue = true;
    },
    text: (t) => {
      if (inValue && cell && cell.text.length <= IMPORT_LIMITS.maxCellChars) cell.text += t;
    },
    close: (name) => {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c' && row && cell) {
        const text = cell.type === 's' ? (shared[Number(cell.text)] ?? '') : cell.type === 'b' ? (cell.text === '1' ? 'TRUE' : 'FALSE') : cell.text;
        if (cell.index < IMPORT_LIMITS.maxColumns) {
          while (row.cells.length < cell.index) row.cells.push('');
          row.cells[cell.index] = text.trim();
        }
        cell = undefined;
      } else if (name === 'row' && row) {
        if (rows.length < IMPORT_LIMITS.maxRows) rows.push(row);
        row = undefined;
      }
    },
  });
  return rows;
}

/** Streams an XML text through htmlparser2 (entities decoded, names as written). */
export function walk(xml: string, on: { open?: (name: string, attrs: Record<string, string>) => void; text?: (t: string) => void; close?: (name: string) => void }): void {
  const parser = new Parser(
    { onopentag: (n, a) => on.open?.(n, a), ontext: (t) => on.text?.(t), onclosetag: (n) => on.close?.(n) },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}
