import { randomUUID } from 'node:crypto';
import { appendFile, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, visit, type Document } from 'yaml';
import { addDays, addYears, daysBetween, isIsoDate } from './isoDate.js';
import { renderInitFiles } from './renderInitFiles.js';
import { atRoot, ciData, GITHUB_WORKFLOW, GITLAB_CI, KIT_GITLAB_JOB, writeAtRoot, type RootFile } from './repositoryCi.js';
import { BLANK, isKitContent, itemWithId, kitFacts, readKitYaml, type InitAnswers, type KitYamlFile } from './starterKits.js';

export interface WrittenKit {
  /** Every file written, relative to the kit folder, `/` separators, sorted. */
  written: string[];
  /** Kit files that existed before and were replaced (only possible with --force). */
  replaced: string[];
  /** The folder's own README, package.json or CI recipes, left as they were (capa's not written). */
  kept: string[];
  /** `.gitignore` existed and `dist/` was added to it. */
  gitignoreExtended: boolean;
  /** Kit in a subfolder of a git repository: CI files written at the repository root (relative to it). */
  rootWritten: string[];
  /** …and those already there, left as they were, with the text they would have had. */
  rootKept: RootFile[];
}



/** In a README template: what follows is appended to a starting kit's own README. */
const APPENDIX = /<!-- capa-init:[^>]*-->\n/;

/** Files of a project rather than of the kit: when the folder has its own, it keeps it. */
const PROJECT_FILES = new Set(['README.md', 'package.json', '.github/workflows/capa.yml', '.gitlab-ci.yml']);

/**
 * Write a new kit into `dir`: the starting kit (a copy with the answers applied, or the generated blank
 * kit), the JSON Schemas in `.capa/schemas/` with a `$schema` line atop every YAML file, `.gitignore`,
 * `package.json`, the CI recipes and a README. Everything is prepared in a staging folder next to `dir`
 * and moved in at the end, so a failure leaves nothing half-written.
 */
export async function writeStarterKit(opts: {
  packageRoot: string;
  dir: string;
  answers: InitAnswers;
  capaVersion: string;
  /** Root of the git repository `dir` is inside, when it is not `dir` itself: the CI recipes go there. */
  repoRoot?: string;
  /** Aborted (Ctrl+C) while staging: the staging folder is removed, nothing reaches `dir`. */
  signal?: AbortSignal;
}): Promise<WrittenKit> {
  // Staged on the same disk as `dir` so that moving in is a rename: inside it when it exists
  // (its parent may not be writable), else next to it.
  const base = (await exists(opts.dir)) ? opts.dir : dirname(opts.dir);
  await mkdir(base, { recursive: true });
  // Not mkdtemp: its 0700 mode would become the new kit folder's when renamed into place.
  const staging = join(base, `.capa-init-${randomUUID().slice(0, 8)}`);
  await mkdir(staging);
  try {
    const { files, rootFiles } = await stageKit({ ...opts, staging });
    opts.signal?.throwIfAborted();
    const result = await moveIn({ staging, dir: opts.dir, files });
    if (opts.repoRoot) Object.assign(result, await writeAtRoot(opts.repoRoot, rootFiles));
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function stageKit(opts: {
  packageRoot: string;
  staging: string;
  dir: string;
  repoRoot?: string;
  answers: InitAnswers;
  capaVersion: string;
}): Promise<{ files: string[]; rootFiles: Map<string, string> }> {
  const { staging, answers } = opts;
  const files = new Set<string>();
  const put = async (file: string, text: string) => {
    await mkdir(dirname(join(staging, file)), { recursive: true });
    await writeFile(join(staging, file), text);
    files.add(file);
  };
  const kitId = slug(answers.title);
  const { starter } = answers;
  if (starter.kind === 'blank') {
    for (const [file, text] of await renderInitFiles({ packageRoot: opts.packageRoot, lang: answers.lang, set: 'blank', data: blankData(answers, kitId) })) {
      await put(file, text);
    }
  } else {
    for (const file of (await filesUnder(starter.dir)).filter(isKitContent)) {
      await mkdir(dirname(join(staging, file)), { recursive: true });
      await copyFile(join(starter.dir, file), join(staging, file));
      files.add(file);
    }
    await applyAnswers(await readKitYaml(staging), answers);
  }
  const yamlFiles = (await readKitYaml(staging)).map((f) => f.file);
  const schemas = join(opts.packageRoot, 'schemas');
  for (const name of (await readdir(schemas)).filter((n) => n.endsWith('.json')).sort()) {
    await put(`.capa/schemas/${name}`, await readFile(join(schemas, name), 'utf8'));
  }
  for (const file of yamlFiles) await pointSchemaLine(staging, file);
  const data = { title: answers.title, kitId, lang: answers.lang, capaVersion: opts.capaVersion, ...ciData(opts, kitId) };
  const rootFiles = new Map<string, string>();
  for (const [file, text] of await renderInitFiles({ packageRoot: opts.packageRoot, lang: answers.lang, set: 'kit', data })) {
    if (opts.repoRoot && file === GITHUB_WORKFLOW) {
      rootFiles.set(file, text);
      continue;
    }
    if (opts.repoRoot && file === GITLAB_CI) {
      rootFiles.set(file, text);
      await put(KIT_GITLAB_JOB, text);
      continue;
    }
    const [whole, appendix] = text.split(APPENDIX);
    if (appendix !== undefined && files.has(file)) {
      // The starting kit's own README (the reference kit's guide) stays; the commands and CI part is added.
      await appendFile(join(staging, file), `\n${appendix.trimStart()}`);
    } else {
      await put(file, whole! + (appendix ?? ''));
    }
  }
  return { files: [...files].sort(), rootFiles: atRoot(rootFiles, data) };
}

/** Move the staged files into `dir`: a new folder in one rename; into an existing one file by file. */
async function moveIn(opts: { staging: string; dir: string; files: string[] }): Promise<WrittenKit> {
  const result: WrittenKit = { written: [], replaced: [], kept: [], gitignoreExtended: false, rootWritten: [], rootKept: [] };
  if (!(await exists(opts.dir))) {
    await rename(opts.staging, opts.dir);
    return { ...result, written: opts.files };
  }
  for (const file of opts.files) {
    const target = join(opts.dir, file);
    if (await exists(target)) {
      if (PROJECT_FILES.has(file)) {
        result.kept.push(file);
        continue;
      }
      if (file === '.gitignore') {
        const text = await readFile(target, 'utf8');
        if (!/^\/?dist\/?\s*$/m.test(text)) {
          await appendFile(target, `${text === '' || text.endsWith('\n') ? '' : '\n'}dist/\n`);
          result.gitignoreExtended = true;
        }
        continue;
      }
      result.replaced.push(file);
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(join(opts.staging, file), target);
    result.written.push(file);
  }
  return result;
}

async function exists(abs: string): Promise<boolean> {
  return stat(abs).then(() => true, () => false);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** What the blank kit's templates receive. */
function blankData(a: InitAnswers, kitId: string) {
  const territoryId = slug(a.territory.name);
  const electedId = slug(a.elected);
  let leadId = slug(a.projectLead);
  if (leadId === electedId) leadId = `${leadId}-2`;
  return {
    kitId,
    title: a.title,
    lang: a.lang,
    territory: { id: territoryId, ...a.territory },
    elected: { id: electedId, name: a.elected, gender: a.electedGender === 'n' ? undefined : a.electedGender },
    lead: { id: leadId, name: a.projectLead, gender: a.projectLeadGender === 'n' ? undefined : a.projectLeadGender },
    date: a.date,
    visitDate: a.visitDate,
    followUpDate: addYears(a.date, 1),
  };
}

/** Edit the copied YAML through yaml's Document, which writes untouched parts back as they were. */
async function applyAnswers(files: KitYamlFile[], a: InitAnswers): Promise<void> {
  const facts = kitFacts(files);
  const shift = facts.date && isIsoDate(facts.date) ? daysBetween(facts.date, a.date) : 0;
  for (const { abs, doc } of files) {
    let changed = false;
    const set = (node: unknown, value: unknown) => {
      if (isScalar(node) && node.value !== value) {
        node.value = value;
        changed = true;
      }
    };
    if (shift !== 0) {
      visit(doc, {
        Pair(_, pair) {
          const v = pair.value;
          if (isScalar(pair.key) && pair.key.value === 'date' && isScalar(v) && typeof v.value === 'string' && isIsoDate(v.value)) {
            set(v, addDays(v.value, shift));
          }
        },
      });
    }
    set(doc.getIn(['kit', 'title'], true), a.title);
    set(doc.getIn(['kit', 'lang'], true), a.lang);
    const sessions = doc.get('sessions');
    if (isSeq(sessions) && isMap(sessions.items[0])) set(sessions.items[0].getIn(['visit', 'date'], true), a.visitDate);
    const t = itemWithId(doc, 'territories', facts.hostId);
    if (t) {
      set(t.get('name', true), a.territory.name);
      set(t.get('kind', true), a.territory.kind);
      changed = setOptional(doc, { map: t, key: 'population', value: a.territory.population }) || changed;
      changed = setOptional(doc, { map: t, key: 'members', value: a.territory.members.length > 0 ? a.territory.members : undefined }) || changed;
    }
    set(itemWithId(doc, 'people', facts.electedId)?.get('name', true), a.elected);
    set(itemWithId(doc, 'people', facts.projectLeadId)?.get('name', true), a.projectLead);
    for (const [id, gender] of [[facts.electedId, a.electedGender], [facts.projectLeadId, a.projectLeadGender]] as const) {
      const person = itemWithId(doc, 'people', id);
      if (person) changed = setOptional(doc, { map: person, key: 'gender', value: gender === 'n' ? undefined : gender }) || changed;
    }
    if (changed) await writeFile(abs, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  }
}

/** Set or remove a key of a mapping when its value differs; a list keeps its flow or block style. */
function setOptional(doc: Document.Parsed, o: { map: import('yaml').YAMLMap; key: string; value: number | string | string[] | undefined }): boolean {
  const current = o.map.get(o.key, true);
  const json = current === undefined ? undefined : (current as { toJSON(): unknown }).toJSON();
  if (JSON.stringify(json) === JSON.stringify(o.value)) return false;
  if (o.value === undefined) {
    o.map.delete(o.key);
    return true;
  }
  const node = doc.createNode(o.value);
  if (isSeq(node) && isSeq(current)) node.flow = current.flow;
  o.map.set(o.key, node);
  return true;
}

/** The `# yaml-language-server: $schema=…` line, first in the file, pointing at `.capa/schemas`. */
async function pointSchemaLine(dir: string, file: string): Promise<void> {
  const abs = join(dir, file);
  const text = await readFile(abs, 'utf8');
  const schema = file === 'capa.yaml' ? 'capa.schema.json' : 'kit-part.schema.json';
  const line = `# yaml-language-server: $schema=${posix.relative(posix.dirname(file), '.capa/schemas')}/${schema}`;
  const existing = /^#\s*yaml-language-server:\s*\$schema=\S*[ \t]*(\r?\n|$)/m;
  await writeFile(abs, existing.test(text) ? text.replace(existing, `${line}$1`) : `${line}\n${text}`);
}

/** `Pays de l'Étang` → `pays-de-l-etang` (ids are `[a-z0-9-]+`), at most 60 characters. */
export function slug(text: string, fallback = 'kit'): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word boundary: `…-programme-pays-de-l-etang` rather than `…-programme-pays-de-l-et`.
  const head = s.slice(0, 61);
  const boundary = head.lastIndexOf('-');
  const cut = s.length <= 60 ? s : boundary > 0 ? head.slice(0, boundary) : s.slice(0, 60);
  return cut.replace(/-+$/, '') || fallback;
}
