import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decode, readCsv } from '../../src/import/readCsv.js';
import { readTable } from '../../src/import/readTable.js';
import { IMPORT_LIMITS } from '../../src/import/importLimits.js';
import { freshDir } from '../helpers/tempKit.js';

const ods = (rows: string) =>
  zipSync({
    mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
    'content.xml': strToU8(`<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="A">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`),
  });

describe('reading exports', () => {
  it('CSV: encodings and delimiters are found, and each cell knows the column it starts at', () => {
    expect(decode(Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9]))).toEqual({ text: 'é', encoding: 'utf-8' });
    expect(decode(Buffer.from('Lef\xe8vre \x92', 'latin1'))).toEqual({ text: 'Lefèvre ’', encoding: 'windows-1252' });
    expect(decode(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]))).toEqual({ text: 'Aé', encoding: 'utf-16le' });
    const t = readCsv(Buffer.from('a|b|c\n"x|y"|z|\n'));
    expect(t.rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'], starts: [1, 3, 5] },
      { line: 2, cells: ['x|y', 'z', ''], starts: [1, 7, 9] },
    ]);
    expect(readCsv(Buffer.from('Nom\tPrénom\n"deux\nlignes"\tB\nC\tD\n')).rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('ODS: repeated cells and rows are expanded, a sheet padded with a million empty rows costs nothing', () => {
    const t = readTable({ abs: write('a.ods', ods('<table:table-row><table:table-cell><text:p>Nom</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>Rôle</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16380"/></table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p><text:p>y</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>')), shown: 'a.ods', lang: 'en' });
    expect(t.rows).toEqual([
      { line: 1, cells: ['Nom', '', '', 'Rôle'] },
      { line: 2, cells: ['x\ny', 'x\ny'] },
      { line: 3, cells: ['x\ny', 'x\ny'] },
    ]);
  });

  it('a zip bomb stops at the limit of a part, before it is inflated', () => {
    const big = zipSync({ 'content.xml': new Uint8Array(IMPORT_LIMITS.maxPartBytes + 1) }, { level: 9 });
    expect(big.length).toBeLessThan(200_000);
    expect(() => readTable({ abs: write('bomb.ods', big), shown: 'bomb.ods', lang: 'en' })).toThrow('bomb.ods” holds a part content.xml larger than 50 MB once unzipped');
    expect(() => readTable({ abs: write('not.xlsx', Buffer.from('PK pas un zip')), shown: 'not.xlsx', lang: 'en' })).toThrow('is not a readable XLSX or ODS workbook');
  });
});

let dir: string | undefined;
function write(name: string, bytes: Uint8Array): string {
  dir ??= freshDir('capa-read-');
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
