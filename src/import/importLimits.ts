/**
 * How much an import may read. A registration export or a shared spreadsheet comes from outside the kit (a
 * form service, another team), so it is untrusted input like the kit itself: each limit keeps one file from
 * costing minutes or gigabytes, and each is far above a real export (40 participants, 200 post-its).
 * docs/limits.md lists them; a change here belongs there too.
 */
export const IMPORT_LIMITS = {
  /** The file as it is on disk (CSV, XLSX or ODS). A 10,000-row CSV export is about 1 MB. */
  maxFileBytes: 10 * 1024 * 1024,
  /** One part of an XLSX or ODS file once unzipped (a sheet, the shared strings): the zip bomb guard. */
  maxPartBytes: 50 * 1024 * 1024,
  /** All the parts read from one XLSX or ODS file, unzipped. */
  maxUnzippedBytes: 100 * 1024 * 1024,
  /** Rows read from one file (the header included). */
  maxRows: 20_000,
  /** Columns of one row. */
  maxColumns: 200,
  /** Characters of one cell (a long post-it is a paragraph). */
  maxCellChars: 4000,
} as const;
