import { readFileSync, statSync } from 'node:fs';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { LIMITS } from '../defaults.js';
import type { SourceFile } from './LoadedKit.js';
import { yamlCache } from './yamlCache.js';
import { yamlLib } from './yamlLib.js';

const msg = defineMessages({
  fr: {
    tooLarge: (p) => `le fichier fait ${p.size} Mo ; capa refuse les fichiers YAML de plus de ${p.max} Mo`,
    binary: 'ce fichier n’est pas du texte (octet nul ou encodage autre que UTF-8) : un fichier YAML doit être du texte UTF-8',
    unreadable: (p) => `impossible de lire le fichier : ${p.reason}`,
    DUPLICATE_KEY: (p) => `la clé ${quote('fr', p.key)} apparaît deux fois dans le même bloc ; gardez-en une seule`,
    BLOCK_AS_IMPLICIT_KEY: 'un « : » suivi d’un espace à l’intérieur d’une valeur est lu comme une nouvelle clé',
    TAB_AS_INDENT: 'une tabulation sert d’indentation ; YAML n’accepte que des espaces',
    BAD_INDENT: 'indentation incohérente : alignez cette ligne sur les clés du même niveau',
    MISSING_CHAR: (p) => `caractère attendu manquant : ${p.detail}`,
    MULTILINE_IMPLICIT_KEY: 'une clé ne peut pas s’étendre sur plusieurs lignes (un « : » manque-t-il à la ligne précédente ?)',
    UNEXPECTED_TOKEN: (p) => `symbole inattendu : ${p.detail}`,
    BAD_SCALAR_START: 'une valeur ne peut pas commencer par ce caractère sans guillemets',
    BAD_ALIAS: 'alias invalide',
    unresolvedAlias: (p) => `l’alias ${quote('fr', p.alias)} ne renvoie à aucune ancre « & » définie plus haut`,
    aliasBomb: 'trop d’alias imbriqués : ce fichier se déplierait en une quantité de données démesurée',
    other: (p) => `YAML invalide : ${p.detail}`,
    notMapping: 'le fichier doit contenir des clés de premier niveau (capa, kit, sessions…), pas une liste ni une valeur seule',
  },
  en: {
    tooLarge: (p) => `the file is ${p.size} MB; capa refuses YAML files over ${p.max} MB`,
    binary: 'this file is not text (NUL byte or not UTF-8): a YAML file must be UTF-8 text',
    unreadable: (p) => `cannot read the file: ${p.reason}`,
    DUPLICATE_KEY: (p) => `the key ${quote('en', p.key)} appears twice in the same block; keep only one`,
    BLOCK_AS_IMPLICIT_KEY: 'a “:” followed by a space inside a value is read as a new key',
    TAB_AS_INDENT: 'a tab is used for indentation; YAML only accepts spaces',
    BAD_INDENT: 'inconsistent indentation: align this line with the keys of the same level',
    MISSING_CHAR: (p) => `missing character: ${p.detail}`,
    MULTILINE_IMPLICIT_KEY: 'a key cannot span several lines (is a “:” missing on the line before?)',
    UNEXPECTED_TOKEN: (p) => `unexpected token: ${p.detail}`,
    BAD_SCALAR_START: 'a value cannot start with this character unless it is quoted',
    BAD_ALIAS: 'invalid alias',
    unresolvedAlias: (p) => `the alias ${quote('en', p.alias)} refers to no “&” anchor defined above`,
    aliasBomb: 'too many nested aliases: this file would expand into an unreasonable amount of data',
    other: (p) => `invalid YAML: ${p.detail}`,
    notMapping: 'the file must hold top-level keys (capa, kit, sessions…), not a list or a lone value',
  },
});

type YamlCode = 'DUPLICATE_KEY' | 'BLOCK_AS_IMPLICIT_KEY' | 'TAB_AS_INDENT' | 'BAD_INDENT' | 'MISSING_CHAR'
  | 'MULTILINE_IMPLICIT_KEY' | 'UNEXPECTED_TOKEN' | 'BAD_SCALAR_START' | 'BAD_ALIAS';
const KNOWN_CODES = new Set<string>(['DUPLICATE_KEY', 'BLOCK_AS_IMPLICIT_KEY', 'TAB_AS_INDENT', 'BAD_INDENT',
  'MISSING_CHAR', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'BAD_SCALAR_START', 'BAD_ALIAS']);

export interface ReadResult {
  source?: SourceFile;
  /** The file's plain data, when it parsed. */
  value?: unknown;
  diagnostics: Diagnostic[];
}

/** Read one YAML file of the kit with positions, refusing huge, binary or unsafe input with located diagnostics. */
export async function readYamlFile(opts: { abs: string; file: string; lang: Lang }): Promise<ReadResult> {
  const { abs, file, lang } = opts;
  const at = (line = 1, column = 1) => ({ file, line, column });
  // Synchronous reads: a kit is a few small files, and each promise-based read costs several thread-pool round trips.
  let size: number;
  try {
    size = statSync(abs).size;
  } catch (err) {
    return { diagnostics: [{ severity: 'error', code: 'kit/unreadable', message: msg(lang, 'unreadable', { reason: (err as NodeJS.ErrnoException).code ?? String(err) }), ...at() }] };
  }
  if (size > LIMITS.maxFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    return { diagnostics: [{ severity: 'error', code: 'kit/file-too-large', message: msg(lang, 'tooLarge', { size: mb(size), max: mb(LIMITS.maxFileBytes) }), ...at() }] };
  }
  const bytes = readFileSync(abs);
  // The same bytes as a file an earlier run parsed without any problem (so valid UTF-8 text too): its data,
  // and its text and document only if a diagnostic needs them.
  const cached = yamlCache.get(abs, bytes);
  if (cached) return { source: sourceFile({ file, abs, text: () => decodeText(bytes) }), value: cached.value, diagnostics: [] };

  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL');
    text = decodeText(bytes);
  } catch {
    return { diagnostics: [{ severity: 'error', code: 'kit/binary-file', message: msg(lang, 'binary'), ...at() }] };
  }

  const parsed = parseKitYaml(text);
  const { doc, lineCounter } = parsed;
  const source = sourceFile({ file, abs, text: () => text }, parsed);
  const diagnostics: Diagnostic[] = [];
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return at(line, col);
  };

  for (const err of doc.errors) {
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const code = err.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax';
    const known = KNOWN_CODES.has(err.code) ? (err.code as YamlCode) : undefined;
    diagnostics.push({
      severity: 'error',
      code,
      message: known ? msg(lang, known, { key: duplicateKeyName(text, err.pos[0]) ?? '?', detail }) : msg(lang, 'other', { detail }),
      ...pos(err.pos[0]),
    });
  }
  if (diagnostics.length > 0) return { source, diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (err) {
    const message = String((err as Error).message);
    const unresolved = /Unresolved alias \(the anchor must be set before the alias\): (.*)/.exec(message);
    const offset = unresolved ? text.indexOf(`*${unresolved[1]}`) : -1;
    diagnostics.push({
      severity: 'error',
      code: unresolved ? 'yaml/alias' : 'yaml/alias-bomb',
      message: unresolved ? msg(lang, 'unresolvedAlias', { alias: `*${unresolved[1]}` }) : msg(lang, 'aliasBomb'),
      ...(offset >= 0 ? pos(offset) : at()),
    });
    return { source, diagnostics };
  }
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    const start = doc.contents?.range?.[0] ?? 0;
    diagnostics.push({ severity: 'error', code: 'kit/not-a-mapping', message: msg(lang, 'notMapping'), ...pos(start) });
    return { source, diagnostics };
  }
  if (yamlCache.enabled() && keysArePlain(doc.contents)) yamlCache.set(abs, bytes, value ?? {});
  return { source, value: value ?? {}, diagnostics };
}

/**
 * Whether every key under `node` is a plain scalar. `toJS` warns on stderr when a key is a collection (it
 * becomes a string), which a run reading the file from the cache would not repeat: such files are not
 * stored. Any key that is not a plain scalar (a collection, an alias, a tagged binary) counts.
 */
function keysArePlain(node: unknown): boolean {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  if (isPair(node)) {
    const key: unknown = node.key;
    const plain = key === null || (isScalar(key) && (key.value === null || typeof key.value !== 'object'));
    return plain && keysArePlain(node.value);
  }
  // A flow sequence may hold pairs (`[a: 1]`), which become one-key objects.
  if (isMap(node) || isSeq(node)) return (node.items as unknown[]).every(keysArePlain);
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a kit file: UTF-8 (throws otherwise), without its byte order mark. */
function decodeText(bytes: Buffer): string {
  const text = utf8.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** yaml's parse of a kit file, with positions: the one way capa parses a kit file, whether now or for a cached one. */
function parseKitYaml(text: string): ParsedYaml {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false }), lineCounter };
}

/** A source file whose text and yaml document are made on first use (for a file read from the cache). */
function sourceFile(where: { file: string; abs: string; text: () => string }, parsed?: ParsedYaml): SourceFile {
  let text: string | undefined;
  let yaml = parsed;
  const parse = () => (yaml ??= parseKitYaml(source.text));
  const source: SourceFile = {
    file: where.file,
    abs: where.abs,
    get text() {
      return (text ??= where.text());
    },
    get doc() {
      return parse().doc;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
  };
  return source;
}

/** The key text of a duplicate-key error (yaml points at the start of the second key). */
function duplicateKeyName(text: string, offset: number): string | undefined {
  const m = /^(?:"([^"]*)"|'([^']*)'|([^:\n]+?))\s*:/.exec(text.slice(offset, offset + 200));
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}
