import { readFileSync, statSync } from 'node:fs';
import { CapaError } from '../report/CapaError.js';
import { quote, type Lang } from '../report/messages.js';
import { importMessage as m } from './importMessages.js';
import { IMPORT_LIMITS } from './importLimits.js';
import { CsvSyntaxError, readCsv } from './readCsv.js';
import { readOds } from './readOds.js';
import { readXlsx } from './readXlsx.js';
import type { Table } from './Table.js';
import { ZipProblem } from './unzipParts.js';

/**
 * The rows of an exported file: CSV (any extension but .xlsx and .ods), XLSX or ODS, told apart by their
 * extension, else by their first bytes (a zip holding content.xml is ODS). `shown` names the file in messages.
 */
export function readTable(opts: { abs: string; shown: string; lang: Lang }): Table {
  const { abs, shown, lang } = opts;
  let bytes: Buffer;
  try {
    const size = statSync(abs).size;
    if (size > IMPORT_LIMITS.maxFileBytes) throw new CapaError('import/too-large', m(lang, 'fileTooLarge', { file: quote(lang, shown), max: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 }));
    bytes = readFileSync(abs);
  } catch (err) {
    if (err instanceof CapaError) throw err;
    throw new CapaError('import/unreadable', m(lang, 'unreadable', { file: quote(lang, shown), reason: (err as NodeJS.ErrnoException).code ?? String(err) }), { cause: err });
  }
  const ext = /\.([a-z]+)$/i.exec(abs)?.[1]?.toLowerCase();
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b;
  try {
    if (ext === 'xlsx' || (zipped && ext !== 'ods' && !bytes.includes('content.xml'))) return readXlsx(bytes);
    if (ext === 'ods' || zipped) return readOds(bytes);
    return readCsv(bytes);
  } catch (err) {
    if (err instanceof ZipProblem) {
      throw err.kind === 'too-large'
        ? new CapaError('import/too-large', m(lang, 'partTooLarge', { file: quote(lang, shown), part: err.part ?? '', max: IMPORT_LIMITS.maxPartBytes / 1024 / 1024 }))
        : new CapaError('import/unreadable', m(lang, 'notSpreadsheet', { file: quote(lang, shown) }));
    }
    if (err instanceof CsvSyntaxError) throw new CapaError('import/csv-syntax', m(lang, 'csvSyntax', { file: shown, line: err.line, reason: err.reason }));
    throw err;
  }
}
