import { isUtf8 } from 'node:buffer';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { KIT_LIMITS } from './kitLimits.js';
import type { SourceFile } from './LoadedKit.js';
import { readKitFile, type ReadFailure } from './readKitFile.js';
import { bombAlias, MAX_PROBLEMS_PER_FILE, scanYaml } from './scanYaml.js';
import { yamlCache } from './yamlCache.js';
import { yamlLib } from './yamlLib.js';
import { reparseEdit } from './reparseEdit.js';

const msg = defineMessages({
  fr: {
    nulByte: 'octet nul (0x00) : ce fichier n’est pas du texte, et un fichier YAML doit être du texte UTF-8',
    badUtf8: (p) => `octet ${p.byte} qui n’est pas de l’UTF-8 : enregistrez le fichier en UTF-8 (un fichier YAML doit être du texte UTF-8)`,
    tooDeep: (p) => `les valeurs sont imbriquées bien au-delà de ${p.max} niveaux ; capa refuse des données aussi profondes`,
    BLOCK_AS_IMPLICIT_KEY: 'un « : » suivi d’un espace à l’intérieur d’une valeur est lu comme une nouvelle clé',
    TAB_AS_INDENT: 'une tabulation sert d’indentation ; YAML n’accepte que des espaces',
    BAD_INDENT: 'indentation incohérente : alignez cette ligne sur les clés du même niveau',
    MISSING_CHAR: (p) => `caractère attendu manquant : ${p.detail}`,
    MULTILINE_IMPLICIT_KEY: 'une clé ne peut pas s’étendre sur plusieurs lignes (un « : » manque-t-il à la ligne précédente ?)',
    UNEXPECTED_TOKEN: (p) => `symbole inattendu : ${p.detail}`,
    BAD_SCALAR_START: 'une valeur ne peut pas commencer par ce caractère sans guillemets',
    BAD_ALIAS: 'alias invalide',
    unresolvedAlias: (p) => `l’alias ${quote('fr', p.alias)} ne renvoie à aucune ancre « & » définie plus haut`,
    aliasBomb: (p) => `trop d’alias imbriqués : ce fichier se déplierait en une quantité de données démesurée (au plus ${p.max} alias dépliés par fichier)`,
    other: (p) => `YAML invalide : ${p.detail}`,
    notMapping: 'le fichier doit contenir des clés de premier niveau (capa, kit, sessions…), pas une liste ni une valeur seule',
  },
  en: {
    nulByte: 'NUL byte (0x00): this file is not text, and a YAML file must be UTF-8 text',
    badUtf8: (p) => `byte ${p.byte} is not UTF-8: save the file as UTF-8 (a YAML file must be UTF-8 text)`,
    tooDeep: (p) => `values are nested far more than ${p.max} levels deep; capa refuses data this deep`,
    BLOCK_AS_IMPLICIT_KEY: 'a “:” followed by a space inside a value is read as a new key',
    TAB_AS_INDENT: 'a tab is used for indentation; YAML only accepts spaces',
    BAD_INDENT: 'inconsistent indentation: align this line with the keys of the same level',
    MISSING_CHAR: (p) => `missing character: ${p.detail}`,
    MULTILINE_IMPLICIT_KEY: 'a key cannot span several lines (is a “:” missing on the line before?)',
    UNEXPECTED_TOKEN: (p) => `unexpected token: ${p.detail}`,
    BAD_SCALAR_START: 'a value cannot start with this character unless it is quoted',
    BAD_ALIAS: 'invalid alias',
    unresolvedAlias: (p) => `the alias ${quote('en', p.alias)} refers to no “&” anchor defined above`,
    aliasBomb: (p) => `too many nested aliases: this file would expand into an unreasonable amount of data (at most ${p.max} aliases expanded per file)`,
    other: (p) => `invalid YAML: ${p.detail}`,
    notMapping: 'the file must hold top-level keys (capa, kit, sessions…), not a list or a lone value',
  },
});

type YamlCode = 'BLOCK_AS_IMPLICIT_KEY' | 'TAB_AS_INDENT' | 'BAD_INDENT' | 'MISSING_CHAR'
  | 'MULTILINE_IMPLICIT_KEY' | 'UNEXPECTED_TOKEN' | 'BAD_SCALAR_START' | 'BAD_ALIAS';
const KNOWN_CODES = new Set<string>(['BLOCK_AS_IMPLICIT_KEY', 'TAB_AS_INDENT', 'BAD_INDENT',
  'MISSING_CHAR', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'BAD_SCALAR_START', 'BAD_ALIAS']);

export interface ReadResult {
  source?: SourceFile;
  /** The file's plain data, when it parsed. */
  value?: unknown;
  diagnostics: Diagnostic[];
  /** The file was not read at all (outside the kit, not a file, too large, unreadable): for the caller to place. */
  failure?: ReadFailure;
}

/**
 * Read one YAML file of the kit (`real`: its real path, already checked inside the kit by `statKitFile`)
 * with positions, refusing huge, binary or unsafe input with located diagnostics.
 */
export async function readYamlFile(opts: { real: string; file: string; lang: Lang }): Promise<ReadResult> {
  const { file, lang } = opts;
  const abs = opts.real;
  const at = (line = 1, column = 1) => ({ file, line, column });
  // Synchronous reads: a kit is a few small files, and each promise-based read costs several thread-pool round trips.
  const read = readKitFile({ real: abs, file, maxBytes: KIT_LIMITS.maxFileBytes, lang });
  if ('failure' in read) return { diagnostics: [], failure: read.failure };
  const { bytes } = read;
  // The same bytes as a file an earlier run parsed without any problem (so valid UTF-8 text too): its data,
  // and its text and document only if a diagnostic needs them.
  const cached = yamlCache.get(abs, bytes);
  if (cached && 'value' in cached) return { source: sourceFile({ file, abs, text: () => decodeText(bytes) }), value: cached.value, diagnostics: [] };

  const bad = firstBadByte(bytes);
  if (bad) {
    const message = bad.byte === 0 ? msg(lang, 'nulByte') : msg(lang, 'badUtf8', { byte: `0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}` });
    return { diagnostics: [{ severity: 'error', code: 'kit/binary-file', message, ...at(bad.line, bad.column) }] };
  }
  const text = decodeText(bytes);

  // An edit of a file an earlier run parsed: only the list items it touched are parsed again, when that is sure to
  // give the same data as a parse of the whole file; its document is then parsed only if a diagnostic needs it.
  if (cached) {
    let before: string | undefined;
    try {
      before = decodeText(cached.before.bytes);
    } catch {
      // A damaged entry: the file is parsed whole.
    }
    const value = before === undefined ? undefined : reparseEdit({ before, after: text, value: cached.before.value, parse: (alone) => parseText(alone, file, lang).value });
    if (value !== undefined) {
      yamlCache.set(abs, bytes, value);
      return { source: sourceFile({ file, abs, text: () => text }), value, diagnostics: [] };
    }
  }
  const { source, value, diagnostics } = parseText(text, file, lang, abs);
  if (value !== undefined && yamlCache.enabled()) yamlCache.set(abs, bytes, value);
  return { source, value, diagnostics };
}

/**
 * Parse a kit file's text and check it as a kit file; `value` only when there is no problem. `abs`: the file's
 * path, for the source file returned.
 */
function parseText(text: string, file: string, lang: Lang, abs = ''): { source: SourceFile; value?: unknown; diagnostics: Diagnostic[] } {
  const at = (line = 1, column = 1) => ({ file, line, column });
  const parsed = parseKitYaml(text);
  const { doc, lineCounter } = parsed;
  const source = sourceFile({ file, abs, text: () => text }, parsed);
  const diagnostics: Diagnostic[] = [];
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return at(line, col);
  };

  for (const err of doc.errors.slice(0, MAX_PROBLEMS_PER_FILE)) {
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // yaml stops where its parser ran out of stack: nesting far deeper than the limit.
    if (err.code === 'RESOURCE_EXHAUSTION') {
      diagnostics.push({ severity: 'error', code: 'kit/too-large', message: msg(lang, 'tooDeep', { max: KIT_LIMITS.maxDepth }), ...pos(err.pos[0]) });
      continue;
    }
    const known = KNOWN_CODES.has(err.code) ? (err.code as YamlCode) : undefined;
    diagnostics.push({
      severity: 'error',
      code: 'yaml/syntax',
      message: known ? msg(lang, known, { detail }) : msg(lang, 'other', { detail }),
      ...pos(err.pos[0]),
    });
  }
  if (diagnostics.length > 0) return { source, diagnostics };
  const scan = scanYaml(doc, text, lang);
  for (const p of scan.problems) diagnostics.push({ severity: 'error', code: p.code, message: p.message, ...pos(p.offset) });
  if (diagnostics.length > 0) return { source, diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: KIT_LIMITS.maxAliasCount });
  } catch (err) {
    const message = String((err as Error).message);
    const unresolved = /Unresolved alias \(the anchor must be set before the alias\): (.*)/.exec(message);
    const offset = unresolved ? text.indexOf(`*${unresolved[1]}`) : (bombAlias(doc, scan.aliases)?.range?.[0] ?? -1);
    diagnostics.push({
      severity: 'error',
      code: unresolved ? 'yaml/alias' : 'yaml/alias-bomb',
      message: unresolved ? msg(lang, 'unresolvedAlias', { alias: `*${unresolved[1]}` }) : msg(lang, 'aliasBomb', { max: KIT_LIMITS.maxAliasCount }),
      ...(offset >= 0 ? pos(offset) : at()),
    });
    return { source, diagnostics };
  }
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    const start = doc.contents?.range?.[0] ?? 0;
    diagnostics.push({ severity: 'error', code: 'kit/not-a-mapping', message: msg(lang, 'notMapping'), ...pos(start) });
    return { source, diagnostics };
  }
  // A file that parsed cleanly keeps its text (its data's strings are slices of it anyway) but not its document,
  // as when its data comes from the cache: the document is parsed again only if a diagnostic needs a position.
  // Kept, the documents of a 500-workshop kit held ~12 MB for the whole build, so a first build peaked higher.
  return { source: sourceFile({ file, abs, text: () => text }), value: value ?? {}, diagnostics };
}

/** The first byte that makes `bytes` not UTF-8 text (a NUL, or a byte outside a valid UTF-8 sequence), with its line and column. */
function firstBadByte(bytes: Buffer): { byte: number; line: number; column: number } | undefined {
  const nul = bytes.indexOf(0);
  if (nul < 0 && isUtf8(bytes)) return undefined;
  const bad = firstInvalidUtf8(bytes, nul < 0 ? bytes.length : nul);
  const offset = bad ?? nul;
  if (offset < 0) return undefined;
  // Lines as the parser counts them: LF, CRLF, or a lone CR.
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = [...new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))].length + 1;
  return { byte: bytes[offset], line, column };
}

/** The offset of the first byte, before `end`, that is not part of a valid UTF-8 sequence (RFC 3629), if any. */
function firstInvalidUtf8(bytes: Buffer, end: number): number | undefined {
  for (let i = 0; i < end; ) {
    const b = bytes[i];
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (i + k >= end || c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a kit file: UTF-8 (throws otherwise), without its byte order mark, a lone CR (classic Mac OS
 * line endings) read as a line break as YAML says — the yaml library only breaks lines at LF. One character
 * for one keeps every offset.
 */
function decodeText(bytes: Buffer): string {
  let text = utf8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * yaml's parse of a kit file, with positions (duplicate keys are found by `scanYaml`, in linear time; no warning
 * printed on stderr): the one way capa parses a kit file, whether now or for a cached one. */
function parseKitYaml(text: string): ParsedYaml {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, logLevel: 'error' }), lineCounter };
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
