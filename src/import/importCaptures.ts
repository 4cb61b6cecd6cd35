import type { YAMLMap, YAMLSeq } from 'yaml';
import { didYouMean } from '../check/didYouMean.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import { yamlLib } from '../kit/yamlLib.js';
import { quote, type Lang } from '../report/messages.js';
import { listOf, seqIn, startImport, type ImportResult } from './importCommon.js';
import { importMessage as m } from './importMessages.js';
import { KitDocuments } from './KitDocuments.js';
import { matchColumns, normalise, slugOf } from './matchColumns.js';
import type { TableRow, Table } from './Table.js';

/** Headers recognised for each column of a captures sheet (normalised). */
const HEADERS = {
  workshop: ['atelier', 'workshop', 'id atelier', 'identifiant atelier', 'titre atelier', 'titre de l atelier', 'workshop id', 'workshop title', 'seance'],
  kind: ['type', 'categorie', 'kind', 'nature', 'rubrique', 'category'],
  text: ['texte', 'contenu', 'text', 'content', 'post it', 'post its', 'note', 'verbatim', 'description'],
} as const;
type CaptureField = keyof typeof HEADERS;

/** Values of the kind column (normalised) for each list of a capture. */
const KINDS: Record<string, readonly string[]> = {
  ideas: ['idea', 'ideas', 'idee', 'idees'],
  feedback: ['feedback', 'retour', 'retours', 'retour d experience', 'retours d experience', 'rex', 'experience', 'experience partagee'],
  leads: ['lead', 'leads', 'piste', 'pistes', 'piste de solution', 'pistes de solutions', 'piste de solutions', 'solution', 'solutions'],
  wishes: ['wish', 'wishes', 'souhait', 'souhaits', 'souhait pour la suite', 'souhaits pour la suite', 'suite'],
};

const KIND_LABELS: Record<string, 'kindIdeas' | 'kindFeedback' | 'kindLeads' | 'kindWishes'> = { ideas: 'kindIdeas', feedback: 'kindFeedback', leads: 'kindLeads', wishes: 'kindWishes' };

export interface ImportCapturesOptions {
  kit: LoadedKit;
  table: Table;
  file: string;
  lang: Lang;
  map?: readonly string[];
  skipInvalid?: boolean;
}

/**
 * Adds each row's text (one post-it) to the `capture` of its workshop, under the list its kind names.
 * A text already in that list (case, accents, punctuation aside) is not added again, so re-importing a sheet changes nothing.
 */
export function importCaptures(opts: ImportCapturesOptions): ImportResult {
  const { kit, table, lang } = opts;
  const start = startImport({ table, file: opts.file, lang, skipInvalid: Boolean(opts.skipInvalid), map: opts.map ?? [], synonyms: HEADERS as Record<CaptureField, readonly string[]>, matchColumns });
  if ('result' in start) return start.result;
  const { rows, columns, problems } = start;
  const missing = (['workshop', 'kind', 'text'] as const).filter((f) => !columns.has(f));
  if (missing.length > 0) {
    const diagnostics = missing.map((field) => ({
      severity: 'error' as const,
      code: 'import/no-column',
      message: m(lang, 'noColumn', { what: field, field, headers: HEADERS[field].slice(0, 3).map((h) => quote(lang, h)).join(', ') }),
      file: opts.file,
      line: table.rows[0]!.line,
      column: 1,
    }));
    return { diagnostics: [...problems.list, ...diagnostics], changes: [], files: [] };
  }
  const [wc, kc, tc] = [columns.get('workshop')!, columns.get('kind')!, columns.get('text')!];
  const workshops = listOf<{ id: string; title?: string }>(kit.data.workshops);
  const seen = new Map<string, TableRow>();
  const planned: Array<{ workshop: string; kind: string; text: string }> = [];
  for (const row of rows) {
    const wText = row.cells[wc] ?? '';
    const kText = row.cells[kc] ?? '';
    const text = (row.cells[tc] ?? '').replace(/[ \t]+/g, ' ').trim();
    const workshop = workshops.find((w) => w.id === wText || w.id === slugOf(wText) || normalise(w.title ?? '') === normalise(wText));
    if (wText === '') problems.error(row, wc, 'import/empty-workshop', m(lang, 'emptyWorkshop'));
    else if (!workshop) problems.error(row, wc, 'import/unknown-workshop', m(lang, 'unknownWorkshop', { value: wText, suggestion: didYouMean(wText, workshops.map((w) => w.id)) ?? '' }));
    const kind = Object.keys(KINDS).find((k) => KINDS[k]!.includes(normalise(kText)));
    if (!kind) problems.error(row, kc, 'import/unknown-kind', m(lang, 'unknownKind', { value: kText }));
    if (text === '') problems.error(row, tc, 'import/empty-text', m(lang, 'emptyText'));
    if (problems.bad.has(row) || !workshop || !kind) continue;
    const key = `${workshop.id}\u0000${kind}\u0000${normalise(text)}`;
    const first = seen.get(key);
    if (first) {
      problems.warning(row, tc, 'import/duplicate-item', m(lang, 'duplicateItem', { first: first.line }));
      continue;
    }
    seen.set(key, row);
    planned.push({ workshop: workshop.id, kind, text });
  }
  if (problems.hasErrors) return { diagnostics: problems.list, changes: [], files: [] };

  const docs = new KitDocuments(kit);
  const nodes = workshopNodes(docs);
  const changes: string[] = [];
  for (const item of planned) {
    const at = nodes.get(item.workshop);
    if (!at) continue;
    const list = captureList(at.node, item.kind);
    // The same words (case, accents, punctuation and line breaks aside): a post-it typed again is not added twice.
    const same = (v: unknown) => typeof v === 'string' && normalise(v) === normalise(item.text);
    if (list.items.some((n) => same((n as { value?: unknown }).value))) continue;
    list.add(item.text);
    changes.push(m(lang, 'addItem', { kind: m(lang, KIND_LABELS[item.kind]!), workshop: item.workshop, file: at.file, text: item.text }));
  }
  return { diagnostics: problems.list, changes, files: docs.changed() };
}

/** Each workshop's mapping in the YAML documents, by id. */
function workshopNodes(docs: KitDocuments): Map<string, { file: string; node: YAMLMap }> {
  const out = new Map<string, { file: string; node: YAMLMap }>();
  for (const file of docs.files) {
    for (const node of seqIn(docs.doc(file), 'workshops')?.items ?? []) {
      if (!yamlLib().isMap(node)) continue;
      const id = node.get('id');
      if (typeof id === 'string' && !out.has(id)) out.set(id, { file, node });
    }
  }
  return out;
}

/** The list `kind` of a workshop's capture, created (block style) when missing. */
function captureList(workshop: YAMLMap, kind: string): YAMLSeq {
  const { isMap, isSeq, YAMLMap: MapNode, YAMLSeq: SeqNode } = yamlLib();
  const found: unknown = workshop.get('capture', true);
  const capture: YAMLMap = isMap(found) ? found : new MapNode();
  if (capture !== found) workshop.set('capture', capture);
  const existing: unknown = capture.get(kind, true);
  if (isSeq(existing)) return existing;
  const list: YAMLSeq = new SeqNode();
  // A new list goes where the schema puts it (ideas, feedback, leads, wishes, photos), not after the photos.
  const order = [...Object.keys(KINDS), 'photos'];
  const after = capture.items.findIndex((pair) => order.indexOf(String((pair.key as { value?: unknown } | null)?.value ?? pair.key)) > order.indexOf(kind));
  const pair = new (yamlLib().Pair)(new (yamlLib().Scalar)(kind), list);
  if (after < 0) capture.items.push(pair);
  else capture.items.splice(after, 0, pair);
  return list;
}
