import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Diagnostic, Location } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { MANIFEST_FILE } from '../defaults.js';
import { KIT_LIMITS } from './kitLimits.js';
import { toPointer, type DataPath, type KitPart, type LoadedKit, type SourceFile } from './LoadedKit.js';
import { dataDigest } from './dataDigest.js';
import { readYamlFile } from './readYamlFile.js';
import { megabytes, statKitFile, type ReadFailure } from './readKitFile.js';
import { isInside, realPathOf } from './isInside.js';

// tinyglobby's CommonJS build: imported as an ES module, it and the CommonJS picomatch it uses cost Node
// a second module system's work at each start (~5 ms of a `capa validate`).
const { glob } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
import { specialEntries } from './specialEntries.js';
import { appendAll, setOwn } from './readData.js';
import { yamlLib } from './yamlLib.js';

const msg = defineMessages({
  fr: {
    notFound: (p) => `aucun fichier ${MANIFEST_FILE} dans ${quote('fr', p.dir)} : lancez capa dans le dossier du kit, donnez son chemin (capa validate mon-kit) ou créez-en un avec capa init`,
    includeOutside: (p) => `${quote('fr', p.pattern)} sort du dossier du kit : un include doit rester dans le dossier qui contient ${MANIFEST_FILE}`,
    includeEmpty: (p) => `${quote('fr', p.pattern)} ne correspond à aucun fichier du kit (vérifiez le nom et l’extension .yaml)`,
    includeTooMany: (p) => `le kit inclut ${p.count} fichiers ; capa en accepte au plus ${p.max}`,
    notAFile: (p) => `${p.file} n’est pas un fichier ordinaire (tube, périphérique…) : capa ne le lit pas ; changez le motif ou retirez ce fichier du kit`,
    includeBlank: 'un motif d’include vide ne désigne aucun fichier : écrivez un nom de fichier (par exemple programme.yaml) ou retirez l’entrée',
    kitTooLarge: (p) => `les fichiers YAML du kit font ${p.size} Mo en tout ; capa accepte au plus ${p.max} Mo pour un kit (aucun fichier inclus n’a été lu)`,
    tooManyItems: (p) => `la liste ${quote('fr', p.key)} a ${p.count} éléments une fois les fichiers réunis ; capa en accepte au plus ${p.max}`,
    nestedInclude: `include n’est permis que dans ${MANIFEST_FILE} : listez tous les fichiers à inclure là`,
    duplicateTop: (p) => `la clé ${quote('fr', p.key)} est déjà définie dans ${p.other} ; une valeur qui n’est pas une liste ne peut être écrite qu’une fois dans tout le kit`,
    firstDefinition: 'première définition',
  },
  en: {
    notFound: (p) => `no ${MANIFEST_FILE} file in ${quote('en', p.dir)}: run capa in the kit folder, give its path (capa validate my-kit) or create one with capa init`,
    includeOutside: (p) => `${quote('en', p.pattern)} leaves the kit folder: an include must stay inside the folder that holds ${MANIFEST_FILE}`,
    includeEmpty: (p) => `${quote('en', p.pattern)} matches no file of the kit (check the name and the .yaml extension)`,
    includeTooMany: (p) => `the kit includes ${p.count} files; capa accepts at most ${p.max}`,
    notAFile: (p) => `${p.file} is not a regular file (a pipe, a device…): capa does not read it; change the pattern or remove that entry from the kit`,
    includeBlank: 'an empty include pattern names no file: write a file name (for example programme.yaml) or remove the entry',
    kitTooLarge: (p) => `the kit’s YAML files total ${p.size} MB; capa accepts at most ${p.max} MB for a kit (no included file was read)`,
    tooManyItems: (p) => `the list ${quote('en', p.key)} has ${p.count} items once the files are merged; capa accepts at most ${p.max}`,
    nestedInclude: `include is only allowed in ${MANIFEST_FILE}: list every file to include there`,
    duplicateTop: (p) => `the key ${quote('en', p.key)} is already defined in ${p.other}; a value that is not a list can be written only once in the whole kit`,
    firstDefinition: 'first definition',
  },
});

/** Which file holds which part of a merged top-level key: one segment per file for lists. */
interface Segment {
  source: SourceFile;
  /** Index in the merged list where this file's items start (0 for non-lists). */
  start: number;
}

/**
 * Find `capa.yaml` in `dir`, read it and every included file with positions, and merge their
 * top-level keys (lists concatenated). Never throws for a problem of the kit: it is a diagnostic.
 */
export async function loadKit(opts: { dir: string; lang?: Lang; digests?: boolean }): Promise<LoadedKit> {
  const lang = opts.lang ?? 'fr';
  const dir = path.resolve(opts.dir);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const data: Record<string, unknown> = {};
  const owners = new Map<string, Segment[]>();
  const kit: LoadedKit = { dir, files, data, diagnostics, locate: (p, o) => locate(p, o) };
  // Taken before merging, which appends later files' items to the first file's lists.
  const parts: KitPart[] | undefined = opts.digests ? (kit.parts = []) : undefined;

  const manifestAbs = path.join(dir, MANIFEST_FILE);
  // A pipe or a device named capa.yaml is reported by statKitFile below, never opened.
  if (!existsSync(manifestAbs) || statSync(manifestAbs).isDirectory()) {
    diagnostics.push({ severity: 'error', code: 'kit/not-found', message: msg(lang, 'notFound', { dir: opts.dir }) });
    return kit;
  }
  const realDir = realpathSync(dir);
  // A failure to read capa.yaml is reported on the file alone, without a line: a code frame would show
  // what it links to (a secret outside the kit) or read a huge file.
  const manifestStat = statKitFile({ abs: manifestAbs, file: MANIFEST_FILE, realRoot: realDir, lang });
  if ('failure' in manifestStat) {
    diagnostics.push({ severity: 'error', ...manifestStat.failure, file: MANIFEST_FILE });
    return kit;
  }

  const overflowed = new Set<string>();
  const merge = (source: SourceFile, value: Record<string, unknown>) => {
    files.push(source);
    parts?.push({ file: source.file, abs: source.abs, digest: dataDigest(value) });
    for (const [key, item] of Object.entries(value)) {
      const segments = owners.get(key);
      if (!segments) {
        owners.set(key, [{ source, start: 0 }]);
        // As an own property, whatever the key: `__proto__` stays data (an unknown key the schema reports).
        setOwn(data, key, item);
      } else if (Array.isArray(data[key]) && Array.isArray(item)) {
        const merged = data[key] as unknown[];
        if (overflowed.has(key)) continue;
        if (merged.length + item.length > KIT_LIMITS.maxItems) {
          // Reported once, at the first file that goes past the limit; the items of later files are left out too.
          overflowed.add(key);
          diagnostics.push({
            severity: 'error',
            code: 'kit/too-large',
            message: msg(lang, 'tooManyItems', { key, count: merged.length + item.length, max: KIT_LIMITS.maxItems }),
            ...keyLocation(source, key),
          });
          continue;
        }
        segments.push({ source, start: merged.length });
        appendAll(merged, item);
      } else {
        const first = keyLocation(segments[0].source, key);
        diagnostics.push({
          severity: 'error',
          code: 'kit/duplicate-key',
          message: msg(lang, 'duplicateTop', { key, other: `${first.file}:${first.line}` }),
          ...keyLocation(source, key),
          related: [{ ...first, message: msg(lang, 'firstDefinition') }],
        });
      }
    }
  };

  const manifest = await readYamlFile({ real: manifestStat.real, file: MANIFEST_FILE, lang });
  if (manifest.failure) diagnostics.push({ severity: 'error', ...manifest.failure, file: MANIFEST_FILE });
  appendAll(diagnostics, manifest.diagnostics);
  if (!manifest.source) return kit;
  if (manifest.value === undefined) {
    files.push(manifest.source);
    return kit;
  }
  merge(manifest.source, manifest.value as Record<string, unknown>);

  // Every included file is stat'ed first: a kit too large as a whole is refused before any of it is read.
  const included = await resolveIncludes();
  let total = manifestStat.size;
  const toRead: Array<{ rel: string; real: string; index: number }> = [];
  for (const { rel, index } of included) {
    const stat = statKitFile({ abs: path.join(dir, rel), file: rel, realRoot: realDir, lang });
    if ('failure' in stat) {
      failAtInclude(stat.failure, index);
      continue;
    }
    total += stat.size;
    toRead.push({ rel, real: stat.real, index });
  }
  if (total > KIT_LIMITS.maxKitBytes) {
    diagnostics.push({
      severity: 'error',
      code: 'kit/too-large',
      message: msg(lang, 'kitTooLarge', { size: megabytes(total), max: megabytes(KIT_LIMITS.maxKitBytes) }),
      ...kit.locate(['include'], { key: true }),
    });
    return kit;
  }

  for (const { rel, real, index } of toRead) {
    const read = await readYamlFile({ real, file: rel, lang });
    if (read.failure) failAtInclude(read.failure, index);
    appendAll(diagnostics, read.diagnostics);
    if (!read.source) continue;
    if (read.value === undefined) {
      files.push(read.source);
      continue;
    }
    const value = read.value as Record<string, unknown>;
    if (Object.hasOwn(value, 'include')) {
      diagnostics.push({ severity: 'error', code: 'kit/nested-include', message: msg(lang, 'nestedInclude'), ...keyLocation(read.source, 'include') });
      delete value.include;
    }
    merge(read.source, value);
  }
  return kit;

  /**
   * A file that could not be read is reported at the include entry that named it, in capa.yaml: the
   * file itself may be huge, a pipe, or a link to a secret, so no code frame of it may be shown.
   */
  function failAtInclude(failure: ReadFailure, index: number): void {
    diagnostics.push({ severity: 'error', ...failure, ...kit.locate(['include', index]) });
  }

  /** The files named by `include`, relative to the kit, in a stable order, each inside the kit. */
  async function resolveIncludes(): Promise<Array<{ rel: string; index: number }>> {
    const include = data.include;
    if (include === undefined) return [];
    const at = (p: DataPath) => kit.locate(p);
    // Anything but a list of strings is the schema's to report (schema/type), once.
    if (!Array.isArray(include) || include.some((p) => typeof p !== 'string')) return [];
    const found: Array<{ rel: string; index: number }> = [];
    const manifestReal = realPathOf(manifestAbs);
    const seenReal = new Set<string>();
    for (const [i, pattern] of (include as string[]).entries()) {
      // Located only when reported: placing a value needs the manifest's yaml document, which a cached run may not have parsed.
      const where = () => ({ ...at(['include', i]), path: toPointer(['include', i]) });
      const normal = path.posix.normalize(pattern.replace(/\\/g, '/'));
      // `path.posix.normalize('')` is `.`, which the glob reads as every file of the kit (the logo included).
      if (pattern.trim() === '' || normal === '.' || normal === './') {
        diagnostics.push({ severity: 'error', code: 'kit/include-empty', message: msg(lang, 'includeBlank'), ...where() });
        continue;
      }
      if (path.isAbsolute(pattern) || /^[a-zA-Z]:/.test(pattern) || normal === '..' || normal.startsWith('../')) {
        diagnostics.push({ severity: 'error', code: 'kit/include-outside', message: msg(lang, 'includeOutside', { pattern }), ...where() });
        continue;
      }
      const entries = (await glob(normal, { cwd: dir, onlyFiles: false, followSymbolicLinks: true, dot: false })).filter((rel) => !rel.endsWith('/')).sort();
      // A pipe or a device named `*.yaml` is reported, never opened (reading a pipe waits for a writer);
      // folders (`parts/` for `parts*`) are not files to read.
      const special = specialEntries(dir, normal);
      const matches: string[] = [];
      for (const rel of entries) {
        const kind = entryKind(path.join(dir, rel));
        if (kind === 'other') special.push(rel);
        else if (kind !== 'folder') matches.push(rel);
      }
      for (const rel of special) diagnostics.push({ severity: 'error', code: 'kit/not-a-file', message: msg(lang, 'notAFile', { file: rel }), ...where() });
      const inside = matches.filter((rel) => isInside(realDir, path.join(dir, rel)));
      if (inside.length < matches.length) {
        diagnostics.push({ severity: 'error', code: 'kit/include-outside', message: msg(lang, 'includeOutside', { pattern }), ...where() });
      }
      if (matches.length === 0 && special.length === 0) {
        diagnostics.push({ severity: 'error', code: 'kit/include-empty', message: msg(lang, 'includeEmpty', { pattern }), ...where() });
      }
      // A file reached twice (a link loop, a linked folder inside the kit, capa.yaml itself) is read once.
      for (const rel of inside) {
        const real = realPathOf(path.join(dir, rel));
        if (real === manifestReal || seenReal.has(real)) continue;
        seenReal.add(real);
        found.push({ rel, index: i });
      }
    }
    if (found.length > KIT_LIMITS.maxIncludedFiles) {
      diagnostics.push({ severity: 'error', code: 'kit/include-too-many', message: msg(lang, 'includeTooMany', { count: found.length, max: KIT_LIMITS.maxIncludedFiles }), ...at(['include']) });
      return [];
    }
    return found;
  }

  function locate(dataPath: DataPath, o: { key?: boolean } = {}): Location {
    const pointer = toPointer(dataPath);
    const [top, index, ...rest] = dataPath;
    const segments = top === undefined ? undefined : owners.get(String(top));
    if (!segments) {
      const manifestSource = files[0];
      return { file: manifestSource?.file ?? MANIFEST_FILE, line: 1, column: 1, path: pointer };
    }
    let segment = segments[0];
    let filePath: DataPath = dataPath;
    if (typeof index === 'number' && segments.length > 1) {
      segment = [...segments].reverse().find((s) => s.start <= index) ?? segments[0];
      filePath = [top, index - segment.start, ...rest];
    }
    return { ...nodeLocation(segment.source, filePath, o.key ?? false), path: pointer };
  }
}

const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();

/**
 * A mapping's pairs by key (the first of duplicates), made once per mapping: placing each of thousands of
 * diagnostics must not scan a mapping of thousands of keys each time.
 */
function pairsByKey(node: YAMLMap, isPair: (n: unknown) => n is Pair, isScalar: (n: unknown) => boolean): Map<unknown, Pair> {
  let index = pairIndex.get(node);
  if (!index) {
    index = new Map();
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const key = isScalar(p.key) ? (p.key as { value: unknown }).value : p.key;
      if (!index.has(key)) index.set(key, p);
    }
    pairIndex.set(node, index);
  }
  return index;
}

/** What a matched entry is, links followed (stat only: opening a pipe would block); `file` when it cannot be told. */
function entryKind(abs: string): 'file' | 'folder' | 'other' {
  try {
    const stats = statSync(abs);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch {
    // A dangling link: reading it reports why.
    return 'file';
  }
}

/** Where the top-level `key` is written in a file. */
function keyLocation(source: SourceFile, key: string): Location {
  return nodeLocation(source, [key], true);
}

/** The position of the deepest node along `dataPath` that exists in `source` (its key when asked). */
function nodeLocation(source: SourceFile, dataPath: DataPath, wantKey: boolean): Location {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  let node: unknown = source.doc.contents;
  let offset = (source.doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [i, step] of dataPath.entries()) {
    const last = i === dataPath.length - 1;
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = pairsByKey(node, isPair, isScalar).get(step);
      next = pair?.value;
      keyNode = pair?.key;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    const target = last && wantKey && keyNode ? keyNode : next ?? keyNode;
    const range = (target as Node | undefined)?.range;
    if (!range) break;
    offset = range[0];
    node = next;
  }
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}
