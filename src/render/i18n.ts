import { join } from 'node:path';
import type { Document } from 'yaml';
import { yamlLib } from '../kit/yamlLib.js';
import { LIMITS } from '../defaults.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { formatNumber, pluralCategory } from './format.js';
import { renderMessage } from './renderMessages.js';
import { readTemplateText } from './readTemplateFile.js';
import { templateHash } from './templateHash.js';

/**
 * A label: plain text, plural forms chosen by `count` (`one`/`other`, CLDR categories), or gender forms chosen by
 * `gender` (`f` feminine, `m` masculine, `n` epicene: a person's role label, « Élue / Élu / Personne élue »).
 */
export type Label = string | (Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) | GenderForms;

/** The forms of a role label; a catalogue may give only some of them (see `labelForm`). */
export type GenderForms = Partial<Record<'f' | 'm' | 'n', string>>;

/** Every label of one language, by dotted key (`agenda.cover.title`). */
export type Catalogue = Map<string, Label>;

const PLURAL_KEYS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const GENDER_KEYS = new Set(['f', 'm', 'n']);

/** Where a catalogue file is, relative to a templates folder. */
export function catalogueFile(lang: Lang): string {
  return `i18n/${lang}.yaml`;
}

/**
 * Read one `templates/i18n/<lang>.yaml` file: nested maps flattened to dotted keys.
 * A missing file is an empty catalogue; a broken one gives diagnostics (with `displayFile` and line).
 * `known` holds catalogues read at build time (capa's own files), by text fingerprint: a file with
 * the very same text is not parsed again.
 */
export function readCatalogue(opts: {
  templatesDir: string;
  lang: Lang;
  displayFile: string;
  messageLang: Lang;
  known?: ReadonlyMap<string, ReadonlyArray<[string, Label]>>;
}): { catalogue: Catalogue; diagnostics: Diagnostic[] } {
  const abs = join(opts.templatesDir, catalogueFile(opts.lang));
  const diagnostics: Diagnostic[] = [];
  const read = readTemplateText(abs, opts.displayFile, opts.messageLang);
  if ('diagnostic' in read) {
    if (read.code === 'ENOENT') return { catalogue: new Map(), diagnostics };
    return { catalogue: new Map(), diagnostics: [read.diagnostic] };
  }
  const text = read.text;
  const known = opts.known?.get(templateHash(text));
  if (known) return { catalogue: new Map(known), diagnostics };
  const catalogue: Catalogue = new Map();
  // The yaml library is loaded only here: the built-in label files come parsed with the precompiled templates.
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  for (const err of doc.errors) {
    const pos = lineCounter.linePos(err.pos[0]);
    diagnostics.push({
      severity: 'error',
      code: 'template/i18n',
      message: renderMessage(opts.messageLang, 'i18nSyntax', { detail: err.message.split('\n')[0] ?? '' }),
      file: opts.displayFile,
      line: pos.line,
      column: pos.col,
    });
  }
  if (doc.errors.length > 0) return { catalogue, diagnostics };
  let data: unknown;
  try {
    // A label file is data from the kit like any other: alias expansion is capped as for the kit's YAML.
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (err) {
    const alias = aliasProblem(doc, err);
    const pos = lineCounter.linePos(alias.offset);
    diagnostics.push({
      severity: 'error',
      code: 'template/i18n',
      message: renderMessage(opts.messageLang, alias.unresolved ? 'i18nUnresolvedAlias' : 'i18nAliasBomb', { alias: alias.name, max: LIMITS.maxAliasCount }),
      file: opts.displayFile,
      line: pos.line,
      column: pos.col,
    });
    return { catalogue, diagnostics };
  }
  const bad: string[] = [];
  flatten(data, '', catalogue, bad);
  for (const key of bad) {
    diagnostics.push({
      severity: 'error',
      code: 'template/i18n',
      message: renderMessage(opts.messageLang, 'i18nBadValue', { key }),
      file: opts.displayFile,
    });
  }
  return { catalogue, diagnostics };
}

/**
 * Where an alias makes `toJS` fail: the alias naming no anchor defined above it, or, for a file that would
 * expand beyond the cap, the first alias to a collection that itself holds aliases (the nesting that multiplies).
 */
function aliasProblem(doc: Document.Parsed, err: unknown): { unresolved: boolean; name: string; offset: number } {
  const message = err instanceof Error ? err.message : String(err);
  if (!/alias/i.test(message)) throw err;
  const unresolved = /Unresolved alias/.test(message);
  const { isAlias, isCollection, visit } = yamlLib();
  const anchors = new Map<string, unknown>();
  let found: { name: string; offset: number } | undefined;
  let first: { name: string; offset: number } | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const at = { name: `*${node.source}`, offset: node.range?.[0] ?? 0 };
      first ??= at;
      const target = anchors.get(node.source);
      const nested = isCollection(target) && hasAlias(target);
      if ((unresolved && target === undefined) || (!unresolved && nested)) {
        found = at;
        return visit.BREAK;
      }
      return undefined;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node);
    return undefined;
  });
  const at = found ?? first ?? { name: '*', offset: 0 };
  return { unresolved, ...at };
}

function hasAlias(node: unknown): boolean {
  const { isAlias, visit } = yamlLib();
  let any = false;
  visit(node as Parameters<typeof visit>[0], (_k, n) => {
    if (isAlias(n)) {
      any = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return any;
}

function isPluralForms(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.includes('other') && keys.every((k) => PLURAL_KEYS.has(k) && typeof value[k] === 'string');
}

function isGenderForms(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => GENDER_KEYS.has(k) && typeof value[k] === 'string');
}

/** Whether a label has the form a `gender` asks for: one plain form stands for the epicene form only. */
export function hasForm(label: Label, gender: unknown): boolean {
  if (typeof label === 'string' || !isGenderLabel(label)) return gender !== 'f' && gender !== 'm';
  return typeof gender === 'string' && GENDER_KEYS.has(gender) ? label[gender as keyof GenderForms] !== undefined : label.n !== undefined;
}

function isGenderLabel(label: Exclude<Label, string>): label is GenderForms {
  return !('other' in label);
}

function flatten(value: unknown, prefix: string, out: Catalogue, bad: string[]): void {
  if (value === null || value === undefined) {
    if (prefix) bad.push(prefix);
    return;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out.set(prefix, String(value));
    return;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (prefix && (isPluralForms(record) || isGenderForms(record))) {
      out.set(prefix, record as Label);
      return;
    }
    for (const [k, v] of Object.entries(record)) flatten(v, prefix ? `${prefix}.${k}` : k, out, bad);
    return;
  }
  bad.push(prefix);
}

export type TranslateParams = Record<string, unknown>;

/**
 * Fill a label: choose the plural form from `count`, then replace `{name}` by the parameter
 * (numbers formatted for the language). Unknown placeholders stay as written.
 */
export function fillLabel(lang: Lang, label: Label, params: TranslateParams = {}): string {
  let text: string;
  if (typeof label === 'string') text = label;
  else if (isGenderLabel(label)) {
    const gender = typeof params.gender === 'string' && GENDER_KEYS.has(params.gender) ? (params.gender as keyof GenderForms) : 'n';
    text = label[gender] ?? label.n ?? label.f ?? label.m ?? '';
  } else {
    const count = Number(params.count ?? 0);
    text = label[pluralCategory(lang, count)] ?? label.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const v = params[name];
    if (typeof v === 'number') return formatNumber(lang, v);
    return v === undefined || v === null ? '' : String(v);
  });
}
