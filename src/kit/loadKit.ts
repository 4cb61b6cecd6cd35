import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Node } from 'yaml';
import { glob } from 'tinyglobby';
import type { Diagnostic, Location } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { LIMITS, MANIFEST_FILE } from '../defaults.js';
import { toPointer, type DataPath, type LoadedKit, type SourceFile } from './LoadedKit.js';
import { readYamlFile } from './readYamlFile.js';
import { isInside, realPathOf } from './isInside.js';
import { yamlLib } from './yamlLib.js';

const msg = defineMessages({
  fr: {
    notFound: (p) => `aucun fichier ${MANIFEST_FILE} dans ${quote('fr', p.dir)} : lancez capa dans le dossier du kit, donnez son chemin (capa validate mon-kit) ou créez-en un avec capa init`,
    includeOutside: (p) => `${quote('fr', p.pattern)} sort du dossier du kit : un include doit rester dans le dossier qui contient ${MANIFEST_FILE}`,
    includeEmpty: (p) => `${quote('fr', p.pattern)} ne correspond à aucun fichier du kit (vérifiez le nom et l’extension .yaml)`,
    includeTooMany: (p) => `le kit inclut ${p.count} fichiers ; capa en accepte au plus ${p.max}`,
    nestedInclude: `include n’est permis que dans ${MANIFEST_FILE} : listez tous les fichiers à inclure là`,
    duplicateTop: (p) => `la clé ${quote('fr', p.key)} est déjà définie dans ${p.other} ; une valeur qui n’est pas une liste ne peut être écrite qu’une fois dans tout le kit`,
    firstDefinition: 'première définition',
  },
  en: {
    notFound: (p) => `no ${MANIFEST_FILE} file in ${quote('en', p.dir)}: run capa in the kit folder, give its path (capa validate my-kit) or create one with capa init`,
    includeOutside: (p) => `${quote('en', p.pattern)} leaves the kit folder: an include must stay inside the folder that holds ${MANIFEST_FILE}`,
    includeEmpty: (p) => `${quote('en', p.pattern)} matches no file of the kit (check the name and the .yaml extension)`,
    includeTooMany: (p) => `the kit includes ${p.count} files; capa accepts at most ${p.max}`,
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
export async function loadKit(opts: { dir: string; lang?: Lang }): Promise<LoadedKit> {
  const lang = opts.lang ?? 'fr';
  const dir = path.resolve(opts.dir);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const data: Record<string, unknown> = {};
  const owners = new Map<string, Segment[]>();
  const kit: LoadedKit = { dir, files, data, diagnostics, locate: (p, o) => locate(p, o) };

  const manifestAbs = path.join(dir, MANIFEST_FILE);
  if (!existsSync(manifestAbs) || !statSync(manifestAbs).isFile()) {
    diagnostics.push({ severity: 'error', code: 'kit/not-found', message: msg(lang, 'notFound', { dir: opts.dir }) });
    return kit;
  }
  const realDir = realpathSync(dir);

  const merge = (source: SourceFile, value: Record<string, unknown>) => {
    files.push(source);
    for (const [key, item] of Object.entries(value)) {
      const segments = owners.get(key);
      if (!segments) {
        owners.set(key, [{ source, start: 0 }]);
        data[key] = item;
      } else if (Array.isArray(data[key]) && Array.isArray(item)) {
        segments.push({ source, start: (data[key] as unknown[]).length });
        data[key] = [...(data[key] as unknown[]), ...item];
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

  const manifest = await readYamlFile({ abs: manifestAbs, file: MANIFEST_FILE, lang });
  diagnostics.push(...manifest.diagnostics);
  if (!manifest.source) return kit;
  if (manifest.value === undefined) {
    files.push(manifest.source);
    return kit;
  }
  merge(manifest.source, manifest.value as Record<string, unknown>);

  for (const rel of await resolveIncludes()) {
    const read = await readYamlFile({ abs: path.join(dir, rel), file: rel, lang });
    diagnostics.push(...read.diagnostics);
    if (!read.source) continue;
    if (read.value === undefined) {
      files.push(read.source);
      continue;
    }
    const value = read.value as Record<string, unknown>;
    if ('include' in value) {
      diagnostics.push({ severity: 'error', code: 'kit/nested-include', message: msg(lang, 'nestedInclude'), ...keyLocation(read.source, 'include') });
      delete value.include;
    }
    merge(read.source, value);
  }
  return kit;

  /** The files named by `include`, relative to the kit, in a stable order, each inside the kit. */
  async function resolveIncludes(): Promise<string[]> {
    const include = data.include;
    if (include === undefined) return [];
    const at = (p: DataPath) => kit.locate(p);
    // Anything but a list of strings is the schema's to report (schema/type), once.
    if (!Array.isArray(include) || include.some((p) => typeof p !== 'string')) return [];
    const found: string[] = [];
    const manifestReal = realPathOf(manifestAbs);
    const seenReal = new Set<string>();
    for (const [i, pattern] of (include as string[]).entries()) {
      // Located only when reported: placing a value needs the manifest's yaml document, which a cached run may not have parsed.
      const where = () => ({ ...at(['include', i]), path: toPointer(['include', i]) });
      const normal = path.posix.normalize(pattern.replace(/\\/g, '/'));
      if (path.isAbsolute(pattern) || /^[a-zA-Z]:/.test(pattern) || normal === '..' || normal.startsWith('../')) {
        diagnostics.push({ severity: 'error', code: 'kit/include-outside', message: msg(lang, 'includeOutside', { pattern }), ...where() });
        continue;
      }
      const matches = (await glob(normal, { cwd: dir, onlyFiles: true, followSymbolicLinks: true, dot: false })).sort();
      const inside = matches.filter((rel) => isInside(realDir, path.join(dir, rel)));
      if (inside.length < matches.length) {
        diagnostics.push({ severity: 'error', code: 'kit/include-outside', message: msg(lang, 'includeOutside', { pattern }), ...where() });
      }
      if (matches.length === 0) {
        diagnostics.push({ severity: 'error', code: 'kit/include-empty', message: msg(lang, 'includeEmpty', { pattern }), ...where() });
      }
      // A file reached twice (a link loop, a linked folder inside the kit, capa.yaml itself) is read once.
      for (const rel of inside) {
        const real = realPathOf(path.join(dir, rel));
        if (real === manifestReal || seenReal.has(real)) continue;
        seenReal.add(real);
        found.push(rel);
      }
    }
    if (found.length > LIMITS.maxIncludedFiles) {
      diagnostics.push({ severity: 'error', code: 'kit/include-too-many', message: msg(lang, 'includeTooMany', { count: found.length, max: LIMITS.maxIncludedFiles }), ...at(['include']) });
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
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === step);
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
