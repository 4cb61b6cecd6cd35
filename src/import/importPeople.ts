import type { YAMLMap, YAMLSeq } from 'yaml';
import { didYouMean } from '../check/didYouMean.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import { yamlLib } from '../kit/yamlLib.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { orList, type Lang } from '../report/messages.js';
import { importMessage as m } from './importMessages.js';
import { KitDocuments } from './KitDocuments.js';
import { matchColumns, normalise, slugOf } from './matchColumns.js';
import { ALL_SESSIONS, peopleHeaders, ROLE_OF_TYPE, ROLE_WORDS, TEXT_FIELDS, type PeopleField } from './peopleColumns.js';
import { RowDiagnostics } from './rowDiagnostics.js';
import type { Table, TableRow } from './Table.js';
import { listOf, seqIn, startImport, type ImportResult } from './importCommon.js';

export interface ImportPeopleOptions {
  kit: LoadedKit;
  table: Table;
  /** The imported file as diagnostics name it. */
  file: string;
  lang: Lang;
  /** `--map column=field`, as typed. */
  map?: readonly string[];
  /** Kit-relative YAML file new people go to (`--into`); default: the file already holding `people`. */
  into?: string;
  createOrganisations?: boolean;
  skipInvalid?: boolean;
}

interface Named {
  id: string;
  name: string;
  type?: string;
}

/**
 * Adds or updates the kit's people from the rows of a registration export. A person is the same across
 * imports when their id (the slug of their name) or their name matches: a re-import of the same export
 * changes nothing, a new row adds one person, a changed cell updates that field only (fields the file
 * has no column for, and empty cells, keep what was written by hand).
 */
export function importPeople(opts: ImportPeopleOptions): ImportResult {
  const { kit, table, lang } = opts;
  const start = startImport({ table, file: opts.file, lang, skipInvalid: Boolean(opts.skipInvalid), map: opts.map ?? [], synonyms: peopleHeaders() as Record<PeopleField, readonly string[]>, matchColumns });
  if ('result' in start) return start.result;
  const { rows, headers, columns, problems, diagnostics } = start;
  const col = (f: PeopleField) => columns.get(f);
  if (col('name') === undefined && col('first_name') === undefined && col('last_name') === undefined) {
    return { diagnostics: [...diagnostics, { severity: 'error', code: 'import/no-name-column', message: m(lang, 'noNameColumn'), file: opts.file, line: table.rows[0]!.line, column: 1 }], changes: [], files: [] };
  }
  // "Nom" alone, with no "Prénom" column, is the whole name.
  if (col('name') === undefined && col('first_name') === undefined) columns.set('name', col('last_name')!);

  const docs = new KitDocuments(kit);
  const data = kit.data;
  const places: Named[] = [...listOf<Named>(data.territories).map((t) => ({ ...t, type: 'territory' })), ...listOf<Named>(data.organisations)];
  const sessions = listOf<{ id: string; title?: string }>(data.sessions);
  const existing = existingPeople(docs);
  const target = opts.into ?? docs.files.find((f) => seqIn(docs.doc(f), 'people')) ?? docs.files[0]!;
  const orgFile = docs.files.find((f) => seqIn(docs.doc(f), 'organisations')) ?? target;
  const cell = (row: TableRow, f: PeopleField) => (col(f) === undefined ? '' : (row.cells[col(f)!] ?? ''));
  const seen = new Map<string, TableRow>();
  const newOrgs = new Map<string, Named>();
  const planned: Array<{ row: TableRow; id: string; values: Record<string, unknown>; found?: { file: string; node: YAMLMap } }> = [];

  for (const row of rows) {
    const nameCol = col('name') ?? col('first_name') ?? col('last_name')!;
    const name = (col('name') !== undefined ? cell(row, 'name') : `${cell(row, 'first_name')} ${cell(row, 'last_name')}`).replace(/\s+/g, ' ').trim();
    if (name === '') {
      problems.error(row, nameCol, 'import/empty-name', m(lang, 'emptyName'));
      continue;
    }
    const found = existing.get(normalise(name)) ?? existing.get(slugOf(name));
    const id = found?.id ?? slugOf(name, 'personne');
    const first = seen.get(id);
    if (first) {
      const at = problems.where(first, nameCol);
      problems.error(row, nameCol, 'import/duplicate-person', m(lang, 'duplicatePerson', { name, first: first.line, id }), [{ file: opts.file, line: at.line, column: at.column, message: m(lang, 'firstRow') }]);
      continue;
    }
    seen.set(id, row);
    const values: Record<string, unknown> = { name };

    let orgType: string | undefined;
    const orgText = cell(row, 'organisation');
    if (orgText !== '') {
      const org = places.find((p) => p.id === orgText || normalise(p.name ?? '') === normalise(orgText) || p.id === slugOf(orgText)) ?? newOrgs.get(slugOf(orgText));
      if (org) {
        values.organisation = org.id;
        orgType = org.type;
      } else if (opts.createOrganisations) {
        const created = { id: slugOf(orgText), name: orgText, type: 'other' };
        newOrgs.set(created.id, created);
        values.organisation = created.id;
      } else {
        const suggestion = didYouMean(orgText, places.map((p) => p.name)) ?? didYouMean(orgText, places.map((p) => p.id)) ?? '';
        problems.error(row, col('organisation')!, 'import/unknown-organisation', m(lang, 'unknownOrganisation', { value: orgText, suggestion }));
      }
    } else if (!found) {
      problems.error(row, col('organisation') ?? nameCol, 'import/empty-organisation', m(lang, 'emptyOrganisation', { name }));
    }

    const roleText = cell(row, 'role');
    if (roleText !== '') {
      const role = Object.keys(ROLE_WORDS).find((r) => ROLE_WORDS[r]!.includes(normalise(roleText)));
      if (role) values.role = role;
      else problems.error(row, col('role')!, 'import/unknown-role', m(lang, 'unknownRole', { value: roleText, suggestion: didYouMean(roleText, Object.keys(ROLE_WORDS)) ?? '', allowed: orList(lang, Object.keys(ROLE_WORDS)) }));
    } else if (!found) values.role = ROLE_OF_TYPE[orgType ?? ''] ?? 'observer';

    for (const f of TEXT_FIELDS) if (col(f) !== undefined && cell(row, f) !== '') values[f] = cell(row, f);

    const attendsText = cell(row, 'attends');
    if (attendsText !== '') {
      if (ALL_SESSIONS.includes(normalise(attendsText))) values.attends = 'all';
      else {
        const ids: string[] = [];
        for (const part of attendsText.split(/[,;/|+\n]+/).map((s) => s.trim()).filter(Boolean)) {
          const s = sessions.find((x) => x.id === part || x.id === slugOf(part) || normalise(x.title ?? '') === normalise(part));
          if (s) {
            if (!ids.includes(s.id)) ids.push(s.id);
          } else problems.error(row, col('attends')!, 'import/unknown-session', m(lang, 'unknownSession', { value: part, suggestion: didYouMean(part, [...sessions.map((x) => x.id), ...sessions.map((x) => x.title ?? '')]) ?? '' }));
        }
        values.attends = ids;
      }
    }
    if (!problems.bad.has(row)) planned.push({ row, id, values, found });
  }

  const all = [...diagnostics, ...problems.list];
  if (problems.hasErrors) return { diagnostics: all, changes: [], files: [] };

  const changes: string[] = [];
  const usedOrgs = new Set(planned.map((p) => p.values.organisation));
  for (const org of newOrgs.values()) {
    if (!usedOrgs.has(org.id)) continue;
    appendTo(docs, orgFile, 'organisations', { id: org.id, name: org.name, type: org.type });
    changes.push(m(lang, 'addOrganisation', { id: org.id, name: org.name, file: orgFile }));
  }
  for (const p of planned) {
    if (p.found) {
      const changed = updatePerson(p.found.node, p.values);
      if (changed.length > 0) changes.push(m(lang, 'updatePerson', { id: p.id, file: p.found.file, fields: changed.join(', ') }));
    } else {
      const { name, organisation, role, attends, ...rest } = p.values;
      appendTo(docs, target, 'people', { id: p.id, name, organisation, role, ...rest, ...(attends === undefined || attends === 'all' ? {} : { attends }) });
      changes.push(m(lang, 'addPerson', { id: p.id, name: String(name), file: target }));
    }
  }
  return { diagnostics: all, changes, files: docs.changed() };
}

/** The kit's people, by id and by normalised name, with the file and node each is written in. */
function existingPeople(docs: KitDocuments): Map<string, { id: string; file: string; node: YAMLMap }> {
  const { isMap } = yamlLib();
  const out = new Map<string, { id: string; file: string; node: YAMLMap }>();
  for (const file of docs.files) {
    for (const node of seqIn(docs.doc(file), 'people')?.items ?? []) {
      if (!isMap(node)) continue;
      const id = node.get('id');
      const name = node.get('name');
      if (typeof id !== 'string') continue;
      const entry = { id, file, node };
      if (!out.has(id)) out.set(id, entry);
      if (typeof name === 'string' && !out.has(normalise(name))) out.set(normalise(name), entry);
    }
  }
  return out;
}

/** Sets the values that differ; returns the keys changed. Lists are written in flow style (`[a, b]`). */
function updatePerson(node: YAMLMap, values: Record<string, unknown>): string[] {
  const { isCollection } = yamlLib();
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const current = node.get(key, true) as unknown;
    const plain = isCollection(current) ? current.toJSON() : (current as { value?: unknown } | undefined)?.value;
    if (JSON.stringify(plain) === JSON.stringify(value)) continue;
    // `all` is the default: a person written without `attends` already attends everything.
    if (key === 'attends' && value === 'all' && plain === undefined) continue;
    node.set(key, Array.isArray(value) ? flowSeq(value) : value);
    changed.push(key);
  }
  return changed;
}

function flowSeq(items: string[]): YAMLSeq {
  const seq = new (yamlLib().YAMLSeq)();
  for (const i of items) seq.add(i);
  seq.flow = true;
  return seq;
}

/** Appends a mapping to the top-level list `key` of `file`, creating the list if the file has none. */
function appendTo(docs: KitDocuments, file: string, key: string, value: Record<string, unknown>): void {
  const doc = docs.doc(file);
  const node = doc.createNode(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))) as YAMLMap;
  const attends = node.get('attends', true);
  if (yamlLib().isSeq(attends)) attends.flow = true;
  const seq = seqIn(doc, key);
  if (seq) seq.add(node);
  else doc.set(key, doc.createNode([node]));
}
