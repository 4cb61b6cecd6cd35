import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, orList, quote, type Lang } from '../report/messages.js';
import type { DataPath, LoadedKit } from '../kit/LoadedKit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { didYouMean } from './didYouMean.js';

/** The kinds of things a kit gives ids to, keyed by their top-level list. */
const KINDS = ['territories', 'organisations', 'people', 'use_cases', 'threads', 'challenges', 'sessions', 'workshops'] as const;
type Kind = (typeof KINDS)[number];

/** Every place an id is used (`*` = each item of a list) and the kinds it may name (docs/kit-format.en.md). */
const REFERENCES: Array<{ at: string; to: Kind[] }> = [
  { at: 'kit.organisers.*', to: ['organisations'] },
  { at: 'territories.*.elected', to: ['people'] },
  { at: 'territories.*.project_lead', to: ['people'] },
  { at: 'people.*.organisation', to: ['territories', 'organisations'] },
  { at: 'people.*.attends.*', to: ['sessions'] },
  { at: 'use_cases.*.territory', to: ['territories'] },
  { at: 'use_cases.*.stakeholders.*', to: ['organisations', 'territories'] },
  { at: 'challenges.*.thread', to: ['threads'] },
  { at: 'challenges.*.use_cases.*', to: ['use_cases'] },
  { at: 'sessions.*.host', to: ['territories'] },
  { at: 'sessions.*.days.*.slots.*.workshop', to: ['workshops'] },
  { at: 'sessions.*.days.*.slots.*.facilitators.*', to: ['people'] },
  { at: 'workshops.*.challenges.*', to: ['challenges'] },
  { at: 'workshops.*.facilitators.*', to: ['people'] },
];

const msg = defineMessages({
  fr: {
    territories: 'territoire', organisations: 'organisation', people: 'personne', use_cases: 'cas d’usage',
    threads: 'fil', challenges: 'défi', sessions: 'session', workshops: 'atelier',
    unknown: (p) => `${p.kinds} ${quote('fr', p.id)} n’existe pas dans le kit`,
    suggestion: (p) => ` ; vous vouliez dire ${quote('fr', p.near)} ?`,
    none: (p) => ` ; aucun id de ce type n’est défini (ajoutez-le sous ${p.lists})`,
    known: (p) => ` (ids connus : ${p.list})`,
    duplicateId: (p) => `l’id ${quote('fr', p.id)} est déjà utilisé par un autre élément de ${p.list} (ligne ${p.line} de ${p.file}) ; chaque id doit être unique dans sa liste`,
    duplicateNumber: (p) => `le numéro ${p.number} est déjà celui du défi ${quote('fr', p.other)} ; chaque défi porte un numéro différent, imprimé sur sa carte`,
    firstUse: 'premier emploi',
    or: ' ou ',
  },
  en: {
    territories: 'territory', organisations: 'organisation', people: 'person', use_cases: 'use case',
    threads: 'thread', challenges: 'challenge', sessions: 'session', workshops: 'workshop',
    unknown: (p) => `${p.kinds} ${quote('en', p.id)} does not exist in the kit`,
    suggestion: (p) => `; did you mean ${quote('en', p.near)}?`,
    none: (p) => `; no id of this kind is defined (add it under ${p.lists})`,
    known: (p) => ` (known ids: ${p.list})`,
    duplicateId: (p) => `the id ${quote('en', p.id)} is already used by another item of ${p.list} (line ${p.line} of ${p.file}); each id must be unique in its list`,
    duplicateNumber: (p) => `number ${p.number} already belongs to challenge ${quote('en', p.other)}; each challenge has a different number, printed on its card`,
    firstUse: 'first use',
    or: ' or ',
  },
});

/** Every id used in the kit names something that exists; ids are unique in their kind; challenge numbers too. */
export function checkReferences(kit: LoadedKit, lang: Lang): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = new Map<Kind, Set<string>>();

  for (const kind of KINDS) {
    const seen = new Map<string, DataPath>();
    for (const { value: id, path } of valuesAt(kit.data, `${kind}.*.id`)) {
      if (typeof id !== 'string') continue;
      const first = seen.get(id);
      if (first) {
        const where = kit.locate(first);
        diagnostics.push({
          severity: 'error', code: 'ref/duplicate-id', path: toPointer(path), ...kit.locate(path),
          message: msg(lang, 'duplicateId', { id, list: kind, line: where.line, file: where.file }),
          related: [{ ...where, message: msg(lang, 'firstUse') }],
        });
      } else seen.set(id, path);
    }
    ids.set(kind, new Set(seen.keys()));
  }

  const numbers = new Map<number, { id: string; path: DataPath }>();
  for (const { value: challenge, path } of valuesAt(kit.data, 'challenges.*')) {
    const { number, id } = (challenge ?? {}) as { number?: unknown; id?: unknown };
    if (typeof number !== 'number') continue;
    const first = numbers.get(number);
    const numberPath = [...path, 'number'];
    if (first) {
      diagnostics.push({
        severity: 'error', code: 'ref/duplicate-number', path: toPointer(numberPath), ...kit.locate(numberPath),
        message: msg(lang, 'duplicateNumber', { number, other: first.id }),
        related: [{ ...kit.locate(first.path), message: msg(lang, 'firstUse') }],
      });
    } else numbers.set(number, { id: String(id), path: numberPath });
  }

  for (const ref of REFERENCES) {
    const known = ref.to.flatMap((kind) => [...(ids.get(kind) ?? [])]);
    // A set to look ids up (a large kit has thousands of references); the list, for messages.
    const knownSet = new Set(known);
    // One suggestion per unknown id: 20,000 uses of the same unknown id must not compare it 20,000 times.
    const suggestions = new Map<string, string | undefined>();
    for (const { value, path } of valuesAt(kit.data, ref.at)) {
      if (typeof value !== 'string' || knownSet.has(value)) continue;
      if (!suggestions.has(value)) suggestions.set(value, didYouMean(value, known));
      const near = suggestions.get(value);
      const kinds = ref.to.map((k) => msg(lang, k)).join(msg(lang, 'or'));
      let message = msg(lang, 'unknown', { kinds: capitalise(kinds), id: value });
      if (near) message += msg(lang, 'suggestion', { near });
      else if (known.length === 0) message += msg(lang, 'none', { lists: ref.to.join(', ') });
      else if (known.length <= 8) message += msg(lang, 'known', { list: orList(lang, known) });
      diagnostics.push({ severity: 'error', code: 'ref/unknown', message, path: toPointer(path), ...kit.locate(path) });
    }
  }
  return diagnostics;
}

/** The values found at a dotted pattern like `sessions.*.days.*.slots.*.workshop`, with their paths. */
export function valuesAt(data: unknown, pattern: string): Array<{ value: unknown; path: DataPath }> {
  let found: Array<{ value: unknown; path: DataPath }> = [{ value: data, path: [] }];
  for (const step of pattern.split('.')) {
    const next: typeof found = [];
    for (const { value, path } of found) {
      if (step === '*') {
        if (Array.isArray(value)) value.forEach((item, i) => next.push({ value: item, path: [...path, i] }));
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && step in value) {
        next.push({ value: (value as Record<string, unknown>)[step], path: [...path, step] });
      }
    }
    found = next;
  }
  return found;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
