import { createRequire } from 'node:module';
import { IMPORT_LIMITS } from './importLimits.js';
import type { Table, TableRow } from './Table.js';

const require = createRequire(import.meta.url);
type CsvParse = typeof import('csv-parse/sync').parse;

/** The delimiters spreadsheets and form services write: comma (English), semicolon (French Excel), tab, pipe. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** A CSV problem (unclosed quote…) at a line, reported by the caller as a located diagnostic. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(reason);
  }
}

/**
 * A CSV file as rows: the encoding is UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode
 * text"), else Windows-1252 (what French Excel writes); the delimiter is the one the first line uses most.
 */
export function readCsv(bytes: Buffer): Table {
  const { text, encoding } = decode(bytes);
  const delimiter = sniffDelimiter(text);
  const parse = (require('csv-parse/sync') as { parse: CsvParse }).parse;
  let records: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      raw: true,
      max_record_size: IMPORT_LIMITS.maxCellChars * IMPORT_LIMITS.maxColumns,
      to_line: IMPORT_LIMITS.maxRows + 1,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CsvSyntaxError(e.message.replace(/^Invalid \w+ [^:]*: /, ''), e.lines ?? 1);
  }
  const rows: TableRow[] = records.map(({ record, raw, info }) => ({
    // `info.lines` is the line a record ends on; a quoted cell may hold line breaks.
    line: info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0),
    cells: record.slice(0, IMPORT_LIMITS.maxColumns).map((c) => c.trim()),
    starts: cellStarts(raw, delimiter),
  }));
  return { kind: 'csv', rows, text, encoding };
}

/** The text of a CSV file and the encoding it was read with. */
export function decode(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    // Valid UTF-8 is almost never Windows-1252 text by chance: an accented letter in 1252 is a lone byte ≥ 0x80.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // iconv-lite, not TextDecoder: Node 20's 'windows-1252' decoder is Latin-1 (0x92 gives U+0092, not ’).
    const iconv = require('iconv-lite') as typeof import('iconv-lite');
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The delimiter found most often on the first line outside quotes (a comma when none is). */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** The 1-based column where each cell of a raw record starts (delimiters inside quotes skipped). */
function cellStarts(raw: string, delimiter: string): number[] {
  const starts = [1];
  let quoted = false;
  let column = 1;
  for (const ch of raw) {
    if (ch === '\n') break;
    column++;
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) starts.push(column);
  }
  return starts;
}
