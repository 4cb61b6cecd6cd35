import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Lang } from '../../report/messages.js';

/** The starting kit that is generated rather than copied. */
export const BLANK = 'blank';

/** What `capa init` asks. */
export interface InitAnswers {
  /** `blank` or the name of a shipped kit (a folder of the package's `kits/`). */
  from: string;
  /** Name of the territory hosting the first session. */
  territory: string;
  /** Date of the first day, `YYYY-MM-DD`; every date of a shipped kit moves with it. */
  date: string;
  /** Language of the documents (`kit.lang`). */
  lang: Lang;
}

/** One YAML file of a kit folder, parsed with comments so it can be edited and written back. */
export interface KitYamlFile {
  /** Relative to the kit folder, `/` separators. */
  file: string;
  abs: string;
  doc: Document.Parsed;
}

/** Shipped kits (folders of `<package>/kits` holding a capa.yaml), then `blank`. */
export async function listStarters(packageRoot: string): Promise<string[]> {
  const kits = join(packageRoot, 'kits');
  const names = await readdir(kits).catch(() => [] as string[]);
  const shipped: string[] = [];
  for (const name of names.sort()) {
    if (await stat(join(kits, name, 'capa.yaml')).then(() => true, () => false)) shipped.push(name);
  }
  return [...shipped, BLANK];
}

/** Every YAML file of a kit folder (not its build output or templates), sorted by path. */
export async function readKitYaml(dir: string): Promise<KitYamlFile[]> {
  const entries = await readdir(dir, { recursive: true });
  const files = entries
    .filter((f) => /\.ya?ml$/.test(f))
    .filter((f) => !/^(dist|templates|node_modules)([\\/]|$)/.test(f))
    .sort();
  return Promise.all(
    files.map(async (f) => {
      const abs = join(dir, f);
      return { file: relative(dir, abs).split(sep).join('/'), abs, doc: parseDocument(await readFile(abs, 'utf8')) };
    }),
  );
}

/** Where a kit's first session is: its host territory (id and name) and first day. */
export interface FirstSession {
  hostId?: string;
  hostName?: string;
  date?: string;
  lang?: Lang;
}

/** Read the first session's host and first day, and the kit language, from a kit's YAML files. */
export function firstSession(files: KitYamlFile[]): FirstSession {
  const found: FirstSession = {};
  for (const { doc } of files) {
    const lang = doc.getIn(['kit', 'lang']);
    if (lang === 'fr' || lang === 'en') found.lang ??= lang;
    const sessions = doc.get('sessions');
    if (found.hostId === undefined && isSeq(sessions) && isMap(sessions.items[0])) {
      const s = sessions.items[0];
      const host = s.get('host');
      const date = s.getIn(['days', 0, 'date']);
      if (typeof host === 'string') found.hostId = host;
      if (typeof date === 'string') found.date = date;
    }
  }
  for (const { doc } of files) {
    const t = territoryNode(doc, found.hostId);
    const name = t?.get('name');
    if (typeof name === 'string') found.hostName = name;
  }
  return found;
}

/** The mapping of territory `id` in this file, if it is there. */
export function territoryNode(doc: Document.Parsed, id: string | undefined) {
  const list = doc.get('territories');
  if (id === undefined || !isSeq(list)) return undefined;
  for (const item of list.items) {
    if (isMap(item)) {
      const itemId = item.get('id', true);
      if (isScalar(itemId) && itemId.value === id) return item;
    }
  }
  return undefined;
}
