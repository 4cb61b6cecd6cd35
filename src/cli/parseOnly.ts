import { closest } from 'fastest-levenshtein';
import { DOCUMENTS, type DocumentName } from '../defaults.js';
import { UsageError } from '../report/CapaError.js';
import { orList, quote, type Lang } from '../report/messages.js';
import { buildMessages as m } from './buildMessages.js';

/**
 * What each name `--only` accepts stands for: the document names (`cards`), the files they write
 * (`defis.pdf`) and those files without extension (`defis`). `programme` is the stem of both
 * programme.pdf (agenda) and programme.ics (calendar): it selects both, the programme in the two
 * forms it is written in — guessing one would surprise half the users, refusing would send every
 * one of them back to the help, and the calendar costs a few milliseconds.
 */
function nameTable(): Map<string, DocumentName[]> {
  const table = new Map<string, DocumentName[]>();
  const add = (name: string, doc: DocumentName) => table.set(name, [...(table.get(name) ?? []), doc]);
  for (const [doc, file] of Object.entries(DOCUMENTS) as Array<[DocumentName, string]>) {
    add(doc, doc);
    add(file, doc);
    add(file.replace(/\.[a-z]+$/, ''), doc);
  }
  return table;
}

/** Lower case, accents dropped: `Déroulé.PDF` is `deroule.pdf`. */
function normalise(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** `agenda, defis.pdf` → ['agenda', 'cards']; an unknown name is a usage error with the closest one. */
export function parseOnly(lang: Lang, text: string): DocumentName[] {
  const table = nameTable();
  const documents = Object.keys(DOCUMENTS);
  const list = orList(lang, documents);
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('usage/only', m(lang, 'emptyOnly', { list }));
  const chosen = new Set<DocumentName>();
  for (const name of names) {
    const docs = table.get(normalise(name));
    if (!docs) {
      const near = closest(normalise(name), [...table.keys()]);
      const suggestion = near && close(normalise(name), near) ? m(lang, 'didYouMean', { name: quote(lang, near) }) : '';
      throw new UsageError('usage/only', m(lang, 'unknownDocument', { name: quote(lang, name), suggestion, list, files: orList(lang, Object.values(DOCUMENTS)) }));
    }
    for (const d of docs) chosen.add(d);
  }
  // In build order, whatever order they were typed in.
  return (documents as DocumentName[]).filter((d) => chosen.has(d));
}

function close(a: string, b: string): boolean {
  // A suggestion only when the names share their start or are short typos apart.
  return a.slice(0, 2) === b.slice(0, 2) || Math.abs(a.length - b.length) <= 2;
}
