import type { Alias, Document, Node, Pair } from 'yaml';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { KIT_LIMITS, maxCharsOf, textKindOf, type TextKind } from './kitLimits.js';
import { yamlLib } from './yamlLib.js';

const msg = defineMessages({
  fr: {
    duplicateKey: (p) => `la clé ${quote('fr', p.key)} apparaît deux fois dans le même bloc ; gardez-en une seule`,
    unknownTag: (p) => `étiquette YAML ${quote('fr', p.tag)} inconnue : capa ne lit que du texte, des nombres, des listes et des dictionnaires ; retirez l’étiquette (ou mettez la valeur entre guillemets si « ! » en fait partie)`,
    mergeKey: 'les clés de fusion YAML « << » ne sont pas prises en charge : écrivez les clés elles-mêmes (ou mettez « << » entre guillemets si c’est un vrai nom de clé)',
    complexKey: 'une clé doit être un simple nom (comme binome ou project_lead), pas une liste, un dictionnaire ni un alias',
    tooDeep: (p) => `les valeurs sont imbriquées sur plus de ${p.max} niveaux ; capa refuse des données aussi profondes (un kit en utilise 8 au plus)`,
    tooManyKeys: (p) => `ce bloc a ${p.count} clés ; capa en accepte au plus ${p.max} dans un même bloc`,
    tooManyItems: (p) => `cette liste a ${p.count} éléments ; capa en accepte au plus ${p.max}`,
    tooManySlots: (p) => `cette journée a ${p.count} créneaux ; capa en accepte au plus ${p.max} par journée`,
    keyTooLong: (p) => `cette clé fait ${p.count} caractères ; une clé en a au plus ${p.max}`,
    textTooLong: (p) => `ce texte fait ${p.count} caractères ; capa en accepte au plus ${p.max} pour ${p.kind}`,
    short: 'un titre, un nom ou un identifiant',
    item: 'un élément de liste',
    prose: (p) => `le champ ${quote('fr', p.key)}`,
    tooManyProblems: (p) => `${p.count} problèmes déjà signalés dans ce fichier : corrigez-les puis relancez capa pour voir la suite`,
  },
  en: {
    duplicateKey: (p) => `the key ${quote('en', p.key)} appears twice in the same block; keep only one`,
    unknownTag: (p) => `unknown YAML tag ${quote('en', p.tag)}: capa only reads text, numbers, lists and mappings; remove the tag (or quote the value if the “!” belongs to it)`,
    mergeKey: 'YAML merge keys “<<” are not supported: write the keys themselves (or quote “<<” if it really is a key name)',
    complexKey: 'a key must be a plain name (such as binome or project_lead), not a list, a mapping or an alias',
    tooDeep: (p) => `values are nested more than ${p.max} levels deep; capa refuses data this deep (a kit uses at most 8)`,
    tooManyKeys: (p) => `this block has ${p.count} keys; capa accepts at most ${p.max} in one block`,
    tooManyItems: (p) => `this list has ${p.count} items; capa accepts at most ${p.max}`,
    tooManySlots: (p) => `this day has ${p.count} slots; capa accepts at most ${p.max} per day`,
    keyTooLong: (p) => `this key is ${p.count} characters long; a key has at most ${p.max}`,
    textTooLong: (p) => `this text is ${p.count} characters long; capa accepts at most ${p.max} for ${p.kind}`,
    short: 'a title, a name or an id',
    item: 'a list item',
    prose: (p) => `the field ${quote('en', p.key)}`,
    tooManyProblems: (p) => `${p.count} problems already reported in this file: fix them and run capa again to see the rest`,
  },
});

/** A problem found in a file's yaml document, at a character offset of its text. */
export interface ScanProblem {
  code: string;
  message: string;
  offset: number;
}

/** Problems reported per file at most: past them, one more says so (a hostile file could hold 100,000). */
export const MAX_PROBLEMS_PER_FILE = 100;

/** Tags of YAML's core schema: they only say what a plain value already is. Any other tag is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

interface Item {
  node: unknown;
  depth: number;
  /** The mapping key this value is under (for a list item: the list's key). */
  key?: string;
  inList: boolean;
}

/**
 * Check a parsed document for what capa refuses before turning it into data: duplicate keys, tags, merge keys,
 * keys that are not names, and the limits on depth, sizes and text lengths of `KIT_LIMITS`. One pass, without
 * recursion (a hostile file may nest deep or hold 100,000 keys), linear in the size of the document:
 * duplicate keys are found here with a set per mapping, because yaml's own check compares every pair of keys.
 * Also returns the aliases met, in document order, to place an alias bomb.
 */
export function scanYaml(doc: Document.Parsed, text: string, lang: Lang): { problems: ScanProblem[]; aliases: Alias[] } {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  const problems: ScanProblem[] = [];
  const aliases: Alias[] = [];
  const report = (code: string, message: string, node: unknown) => problems.push({ code, message, offset: startOf(node) });
  const stack: Item[] = [{ node: doc.contents, depth: 0, inList: false }];

  while (stack.length > 0 && problems.length < MAX_PROBLEMS_PER_FILE) {
    const { node, depth, key, inList } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      aliases.push(node);
      continue;
    }
    const tag = (node as Node).tag;
    if (tag !== undefined && !CORE_TAGS.has(tag)) {
      problems.push({ code: 'yaml/unknown-tag', message: msg(lang, 'unknownTag', { tag: shortTag(tag) }), offset: tagStart(text, startOf(node)) });
      continue;
    }
    if (isScalar(node)) {
      if (typeof node.value === 'string') {
        const kind: TextKind = textKindOf(key, inList);
        const max = maxCharsOf(kind);
        if (node.value.length > max) {
          const what = kind === 'prose' ? msg(lang, 'prose', { key: key ?? '' }) : msg(lang, kind);
          report('kit/too-large', msg(lang, 'textTooLong', { count: node.value.length, max, kind: what }), node);
        }
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= KIT_LIMITS.maxDepth) {
      report('kit/too-large', msg(lang, 'tooDeep', { max: KIT_LIMITS.maxDepth }), node);
      continue;
    }
    if (isMap(node)) {
      if (node.items.length > KIT_LIMITS.maxKeys) {
        report('kit/too-large', msg(lang, 'tooManyKeys', { count: node.items.length, max: KIT_LIMITS.maxKeys }), node);
        continue;
      }
      const seen = new Set<string>();
      const next: Item[] = [];
      for (const pair of node.items) {
        const name = checkKey(pair, seen);
        next.push({ node: pair.value, depth: depth + 1, key: name, inList: false });
      }
      pushReversed(stack, next);
      continue;
    }
    const max = key === 'slots' ? KIT_LIMITS.maxSlotsPerDay : KIT_LIMITS.maxItems;
    if (node.items.length > max) {
      const which = key === 'slots' ? 'tooManySlots' : 'tooManyItems';
      report('kit/too-large', msg(lang, which, { count: node.items.length, max }), node);
      continue;
    }
    const next: Item[] = [];
    for (const item of node.items) {
      // A flow list may hold pairs (`[a: 1]`), each a one-key mapping.
      if (isPair(item)) {
        const name = checkKey(item, new Set());
        next.push({ node: item.value, depth: depth + 2, key: name, inList: false });
      } else next.push({ node: item, depth: depth + 1, key, inList: true });
    }
    pushReversed(stack, next);
  }
  // Keys are checked before the values under them: back to the order of the file.
  problems.sort((a, b) => a.offset - b.offset);
  if (problems.length >= MAX_PROBLEMS_PER_FILE) {
    problems.length = MAX_PROBLEMS_PER_FILE;
    problems.push({ code: 'yaml/too-many-problems', message: msg(lang, 'tooManyProblems', { count: MAX_PROBLEMS_PER_FILE }), offset: problems[problems.length - 1].offset });
  }
  return { problems, aliases };

  /** Report what is wrong with a pair's key; its name, when it is one. */
  function checkKey(pair: Pair<unknown, unknown>, seen: Set<string>): string | undefined {
    const k = pair.key;
    if (k === null || k === undefined) return undefined;
    if (!isScalar(k) || (k.value !== null && typeof k.value === 'object')) {
      report('yaml/complex-key', msg(lang, 'complexKey'), k);
      return undefined;
    }
    if (k.tag !== undefined && !CORE_TAGS.has(k.tag)) {
      problems.push({ code: 'yaml/unknown-tag', message: msg(lang, 'unknownTag', { tag: shortTag(k.tag) }), offset: tagStart(text, startOf(k)) });
      return undefined;
    }
    const name = String(k.value);
    if (name === '<<' && k.type === 'PLAIN') {
      report('yaml/merge-key', msg(lang, 'mergeKey'), k);
      return undefined;
    }
    if (name.length > KIT_LIMITS.maxKeyChars) {
      report('kit/too-large', msg(lang, 'keyTooLong', { count: name.length, max: KIT_LIMITS.maxKeyChars }), k);
      return undefined;
    }
    if (seen.has(name)) report('yaml/duplicate-key', msg(lang, 'duplicateKey', { key: name }), k);
    seen.add(name);
    return name;
  }
}

/**
 * The alias to blame when yaml refuses a document for expanding too many aliases: the first one whose anchor
 * itself holds aliases (the nesting that makes a "billion laughs"), else the first alias.
 */
export function bombAlias(doc: Document.Parsed, aliases: Alias[]): Alias | undefined {
  const { isAlias, isCollection, isPair } = yamlLib();
  for (const alias of aliases) {
    const target = alias.resolve(doc);
    const stack: unknown[] = [target];
    for (let seen = 0; stack.length > 0 && seen < 100_000; seen++) {
      const node = stack.pop();
      if (isAlias(node)) return alias;
      if (isCollection(node)) for (const item of node.items) stack.push(item);
      else if (isPair(node)) stack.push(node.key, node.value);
    }
  }
  return aliases[0];
}

/** Push `items` so that they pop in their order (a loop: a spread of 50,000 arguments would overflow the stack). */
function pushReversed<T>(stack: T[], items: T[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}

/** Where the tag of a node starting at `offset` is written: the start of the `!…` word before it (`!!js/function`, `!e!x`). */
function tagStart(text: string, offset: number): number {
  let at = text.lastIndexOf('!', offset);
  if (at < 0) return offset;
  while (at > 0 && !/[\s,[\]{}]/.test(text[at - 1])) at--;
  return at;
}

function startOf(node: unknown): number {
  return (node as Node | undefined)?.range?.[0] ?? 0;
}

/** `tag:yaml.org,2002:js/function` → `!!js/function`, as written. */
function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}
