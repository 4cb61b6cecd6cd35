import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import type { Lang } from '../../report/messages.js';

/** The starting kit that is generated rather than copied. */
export const BLANK = 'blank';

export const TERRITORY_KINDS = ['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];
export type Gender = 'f' | 'm' | 'n';

/** Where a new kit starts from: a kit shipped with capa, a kit folder given by path, or blank. */
export type Starter =
  | { kind: 'shipped'; name: string; dir: string }
  | { kind: 'path'; name: string; dir: string }
  | { kind: 'blank'; name: typeof BLANK };

/** What `capa init` asks. */
export interface InitAnswers {
  starter: Starter;
  /** `kit.title`. */
  title: string;
  /** Language of the documents (`kit.lang`). */
  lang: Lang;
  /** The territory hosting the first session. */
  territory: { name: string; kind: TerritoryKind; population?: number; members: string[] };
  /** Names of the host territory's elected member and project lead (the "binôme"). */
  elected: string;
  projectLead: string;
  /** The grammatical gender each states for their role label (`people[].gender`); `n`: none written. */
  electedGender: Gender;
  projectLeadGender: Gender;
  /** First day of the first session, `YYYY-MM-DD`; every date of a copied kit moves with it. */
  date: string;
  /** Date of the first session's site visit, `YYYY-MM-DD` (normally the day before). */
  visitDate: string;
}

/** One YAML file of a kit folder, parsed with comments so it can be edited and written back. */
export interface KitYamlFile {
  /** Relative to the kit folder, `/` separators. */
  file: string;
  abs: string;
  doc: Document.Parsed;
}

/** Names of the shipped kits (folders of `<package>/kits` holding a capa.yaml). */
export async function shippedKits(packageRoot: string): Promise<string[]> {
  const kits = join(packageRoot, 'kits');
  const names = await readdir(kits).catch(() => [] as string[]);
  const shipped: string[] = [];
  for (const name of names.sort()) {
    if (await isFile(join(kits, name, 'capa.yaml'))) shipped.push(name);
  }
  return shipped;
}

/** `--from` value → starter: a shipped kit's name, `blank`, or a folder holding a capa.yaml; else undefined. */
export async function resolveStarter(opts: { packageRoot: string; cwd: string; from: string }): Promise<Starter | undefined> {
  if (opts.from === BLANK) return { kind: 'blank', name: BLANK };
  if ((await shippedKits(opts.packageRoot)).includes(opts.from)) {
    return { kind: 'shipped', name: opts.from, dir: join(opts.packageRoot, 'kits', opts.from) };
  }
  const dir = resolve(opts.cwd, opts.from);
  if (await isFile(join(dir, 'capa.yaml'))) return { kind: 'path', name: opts.from, dir };
  return undefined;
}

async function isFile(abs: string): Promise<boolean> {
  return stat(abs).then((s) => s.isFile(), () => false);
}

/** Paths of a kit folder that are not part of the kit: build output, tooling, dot-folders. */
export function isKitContent(file: string): boolean {
  return !/^(dist|node_modules)(\/|$)/.test(file) && !file.split('/').some((part) => part.startsWith('.'));
}

/** Every YAML file of a kit folder (not its build output, templates or dot-folders), sorted by path. */
export async function readKitYaml(dir: string): Promise<KitYamlFile[]> {
  // Regular files only: a FIFO or a device named `x.yaml` would block the read forever.
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((f) => /\.ya?ml$/.test(f) && isKitContent(f) && !f.startsWith('templates/'))
    .sort();
  return Promise.all(
    files.map(async (f) => {
      const abs = join(dir, f);
      return { file: relative(dir, abs).split(sep).join('/'), abs, doc: parseDocument(await readFile(abs, 'utf8')) };
    }),
  );
}

/** What a kit says about itself that `capa init` asks about: its answers as they stand. */
export interface KitFacts {
  title?: string;
  lang?: Lang;
  hostId?: string;
  territory?: { name?: string; kind?: TerritoryKind; population?: number; members?: string[] };
  electedId?: string;
  electedName?: string;
  electedGender?: Gender;
  projectLeadGender?: Gender;
  projectLeadId?: string;
  projectLeadName?: string;
  date?: string;
  visitDate?: string;
}

/** Read the title, language, first session (host, first day, visit) and the host's binôme from a kit's YAML. */
export function kitFacts(files: KitYamlFile[]): KitFacts {
  const found: KitFacts = {};
  for (const { doc } of files) {
    const title = doc.getIn(['kit', 'title']);
    if (typeof title === 'string') found.title ??= title;
    const lang = doc.getIn(['kit', 'lang']);
    if (lang === 'fr' || lang === 'en') found.lang ??= lang;
    const sessions = doc.get('sessions');
    if (found.hostId === undefined && isSeq(sessions) && isMap(sessions.items[0])) {
      const s = sessions.items[0];
      const text = (path: unknown[]) => {
        const v = s.getIn(path);
        return typeof v === 'string' ? v : undefined;
      };
      found.hostId = text(['host']);
      found.date = text(['days', 0, 'date']);
      found.visitDate = text(['visit', 'date']);
    }
  }
  for (const { doc } of files) {
    const t = itemWithId(doc, 'territories', found.hostId);
    if (!t) continue;
    const json = t.toJSON() as Record<string, unknown>;
    found.territory = {
      name: typeof json.name === 'string' ? json.name : undefined,
      kind: (TERRITORY_KINDS as readonly unknown[]).includes(json.kind) ? (json.kind as TerritoryKind) : undefined,
      population: typeof json.population === 'number' ? json.population : undefined,
      members: Array.isArray(json.members) ? json.members.filter((x): x is string => typeof x === 'string') : undefined,
    };
    if (typeof json.elected === 'string') found.electedId = json.elected;
    if (typeof json.project_lead === 'string') found.projectLeadId = json.project_lead;
  }
  for (const { doc } of files) {
    const name = (id: string | undefined) => {
      const v = itemWithId(doc, 'people', id)?.get('name');
      return typeof v === 'string' ? v : undefined;
    };
    found.electedName ??= name(found.electedId);
    const gender = (id: string | undefined) => {
      const v = itemWithId(doc, 'people', id)?.get('gender');
      return v === 'f' || v === 'm' || v === 'n' ? v : undefined;
    };
    found.electedGender ??= gender(found.electedId);
    found.projectLeadGender ??= gender(found.projectLeadId);
    found.projectLeadName ??= name(found.projectLeadId);
  }
  return found;
}

/** The mapping with this `id` in the top-level list `key` of this file, if it is there. */
export function itemWithId(doc: Document.Parsed, key: string, id: string | undefined): YAMLMap | undefined {
  const list = doc.get(key);
  if (id === undefined || !isSeq(list)) return undefined;
  for (const item of list.items) {
    if (isMap(item)) {
      const itemId = item.get('id', true);
      if (isScalar(itemId) && itemId.value === id) return item;
    }
  }
  return undefined;
}
