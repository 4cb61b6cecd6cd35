import { LIMITS } from '../defaults.js';

/**
 * How much a kit may hold. A kit is untrusted input (a stranger's pull request in CI): each limit keeps
 * one kind of input from costing minutes or gigabytes, and each is far above what a real kit needs —
 * the generated 5,000-workshop kit of the bench (`scripts/generateKit.ts`) passes them all with margin.
 * docs/limits.md lists them with their figures; a change here belongs there too.
 */
export const KIT_LIMITS = {
  /** One YAML file (checked with `stat` before reading). The 5,000-workshop kit's largest file: 0.55 MB. */
  maxFileBytes: LIMITS.maxFileBytes,
  /** Every YAML file of the kit together (checked before any include is read). 5,000 workshops: 5.7 MB. */
  maxKitBytes: 16 * 1024 * 1024,
  /** Files one kit may include. */
  maxIncludedFiles: LIMITS.maxIncludedFiles,
  /** Alias nodes one file may expand (yaml's guard against "billion laughs"). */
  maxAliasCount: LIMITS.maxAliasCount,
  /** Mappings inside mappings or lists: a kit's deepest value is 8 levels down (sessions/0/days/0/slots/0/facilitators/0). */
  maxDepth: 32,
  /** Keys in one mapping: the widest mapping of the schema has about 15 keys. */
  maxKeys: 1000,
  /** Items in one list, after the lists of every file are merged: the 5,000-workshop kit's longest list is its 5,000 workshops. */
  maxItems: 50_000,
  /** Slots in one day: a day is 1,440 minutes, and a real day holds about 10 slots. */
  maxSlotsPerDay: 1000,
  /** Characters of a mapping key (keys are names such as `project_lead`). */
  maxKeyChars: 200,
  /** Characters of a short text: a title, a name, an id, a room, a file path. A long real title is ~150. */
  maxShortChars: 1000,
  /** Characters of one item of a text list (a problem, an objective, a question): a sentence or a paragraph. */
  maxItemChars: 4000,
  /** Characters of prose fields (`summary`, `notes`, `question`, `instructions`): several printed pages. */
  maxProseChars: 20_000,
} as const;

/** Fields written as prose, possibly several paragraphs. */
const PROSE_FIELDS = new Set(['summary', 'notes', 'question', 'instructions']);

/** Lists of free sentences (`TextList` in the schema). */
const TEXT_LIST_FIELDS = new Set([
  'members', 'end_users', 'problems', 'data', 'prompts', 'outputs', 'objectives', 'materials', 'questions',
  'ideas', 'feedback', 'leads', 'wishes',
]);

export type TextKind = 'short' | 'item' | 'prose';

/** The kind of text a string under the key `key` is (`inList`: an item of the list `key`). */
export function textKindOf(key: string | undefined, inList: boolean): TextKind {
  if (key !== undefined && PROSE_FIELDS.has(key)) return 'prose';
  if (inList && key !== undefined && TEXT_LIST_FIELDS.has(key)) return 'item';
  return 'short';
}

/** The most characters a text of `kind` may hold. */
export function maxCharsOf(kind: TextKind): number {
  return kind === 'prose' ? KIT_LIMITS.maxProseChars : kind === 'item' ? KIT_LIMITS.maxItemChars : KIT_LIMITS.maxShortChars;
}
