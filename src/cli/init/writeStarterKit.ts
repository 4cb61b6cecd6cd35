import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { isScalar, visit } from 'yaml';
import { quoteYaml } from '../../report/yamlHints.js';
import { initMessages as m } from './initMessages.js';
import { addDays, addYears, daysBetween, isIsoDate } from './isoDate.js';
import { BLANK, firstSession, readKitYaml, territoryNode, type InitAnswers } from './starterKits.js';

export interface WrittenKit {
  /** Every file written, relative to the kit folder, `/` separators, sorted. */
  written: string[];
  /** Those that existed before (only possible with --force). */
  replaced: string[];
}

/**
 * Write a starting kit into `dir`: a copy of a shipped kit with the answers applied (host name,
 * language, every date moved so the first day falls on `answers.date`), or a generated blank kit.
 * The package's JSON Schemas are copied into `dir/schemas` and the `$schema` comments point there.
 */
export async function writeStarterKit(opts: { packageRoot: string; dir: string; answers: InitAnswers }): Promise<WrittenKit> {
  const { dir, answers } = opts;
  const out = new Writer(dir);
  if (answers.from === BLANK) {
    await out.write('capa.yaml', blankKit(answers));
  } else {
    const from = join(opts.packageRoot, 'kits', answers.from);
    for (const file of await filesUnder(from)) {
      if (/^dist(\/|$)/.test(file)) continue;
      await out.copy(join(from, file), file);
    }
    await applyAnswers(dir, answers, out.written);
  }
  const schemas = join(opts.packageRoot, 'schemas');
  for (const name of (await readdir(schemas)).filter((n) => n.endsWith('.json')).sort()) {
    await out.copy(join(schemas, name), `schemas/${name}`);
  }
  await pointSchemaComments(dir, out.written);
  return { written: [...out.written].sort(), replaced: [...out.replaced].sort() };
}

/** Writes files under the kit folder, remembering which it wrote and which it replaced. */
class Writer {
  readonly written = new Set<string>();
  readonly replaced = new Set<string>();
  constructor(private readonly dir: string) {}

  private async target(file: string): Promise<string> {
    const abs = join(this.dir, file);
    if (!this.written.has(file) && (await stat(abs).then(() => true, () => false))) this.replaced.add(file);
    this.written.add(file);
    await mkdir(dirname(abs), { recursive: true });
    return abs;
  }
  async write(file: string, text: string): Promise<void> {
    await writeFile(await this.target(file), text);
  }
  async copy(from: string, file: string): Promise<void> {
    await copyFile(from, await this.target(file));
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
        // `parentPath` arrived in Node 20.12; earlier 20.x name it `path`.
    .map((e) => relative(dir, join(e.parentPath ?? (e as { path?: string }).path ?? dir, e.name)).split(sep).join('/'))
    .sort();
}

/** Edit the copied YAML in place through yaml's Document, which writes the shipped kits back unchanged. */
async function applyAnswers(dir: string, answers: InitAnswers, written: Set<string>): Promise<void> {
  const files = (await readKitYaml(dir)).filter((f) => written.has(f.file));
  const first = firstSession(files);
  const shift = first.date && isIsoDate(first.date) ? daysBetween(first.date, answers.date) : 0;
  for (const { abs, doc } of files) {
    let changed = false;
    if (shift !== 0) {
      visit(doc, {
        Pair(_, pair) {
          const v = pair.value;
          if (isScalar(pair.key) && pair.key.value === 'date' && isScalar(v) && typeof v.value === 'string' && isIsoDate(v.value)) {
            v.value = addDays(v.value, shift);
            changed = true;
          }
        },
      });
    }
    const lang = doc.getIn(['kit', 'lang'], true);
    if (isScalar(lang) && lang.value !== answers.lang) {
      lang.value = answers.lang;
      changed = true;
    }
    const name = territoryNode(doc, first.hostId)?.get('name', true);
    if (isScalar(name) && name.value !== answers.territory) {
      name.value = answers.territory;
      changed = true;
    }
    if (changed) await writeFile(abs, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  }
}

/** `# yaml-language-server: $schema=…/x.schema.json` → the copy in `<kit>/schemas`, relative to each file. */
async function pointSchemaComments(dir: string, written: Set<string>): Promise<void> {
  for (const file of written) {
    if (!/\.ya?ml$/.test(file) || file.startsWith('schemas/')) continue;
    const abs = join(dir, file);
    const text = await readFile(abs, 'utf8');
    const toSchemas = posix.relative(posix.dirname(file), 'schemas') || '.';
    const fixed = text.replace(
      /^(#\s*yaml-language-server:\s*\$schema=)\S*?([^/\s]+\.json)\s*$/m,
      (_, lead: string, name: string) => `${lead}${toSchemas}/${name}`,
    );
    if (fixed !== text) await writeFile(abs, fixed);
  }
}

/** A one-day, one-territory kit that validates without errors (method rules may warn). */
function blankKit(a: InitAnswers): string {
  const t = (key: Parameters<typeof m>[1], p: Record<string, string> = {}) => quoteYaml(m(a.lang, key, p));
  const id = slug(a.territory);
  return [
    '# yaml-language-server: $schema=schemas/capa.schema.json',
    m(a.lang, 'blankHeader'),
    '',
    'capa: 1',
    '',
    'kit:',
    `  id: ${id}`,
    `  title: ${t('kitTitle', { territory: a.territory })}`,
    `  lang: ${a.lang}`,
    '',
    'territories:',
    `  - id: ${id}`,
    `    name: ${quoteYaml(a.territory)}`,
    '    kind: mixed',
    '',
    'sessions:',
    '  - id: session-1',
    `    title: ${t('sessionTitle')}`,
    `    host: ${id}`,
    `    visit: { date: ${addDays(a.date, -1)}, start: "16:00", duration: 90, title: ${t('visitTitle')} }`,
    '    days:',
    `      - date: ${a.date}`,
    '        start: "09:00"',
    '        slots:',
    `          - { title: ${t('welcome')}, kind: informal, duration: 30 }`,
    `          - { title: ${t('workshop')}, kind: plenary, duration: 150 }`,
    `          - { title: ${t('lunch')}, kind: meal, duration: 90 }`,
    `          - { title: ${t('workshop')}, kind: plenary, duration: 120 }`,
    `          - { title: ${t('elected')}, kind: elected, duration: 45 }`,
    `          - { title: ${t('retro')}, kind: retro, duration: 30 }`,
    '',
    'follow_up:',
    `  date: ${addYears(a.date, 1)}`,
    `  title: ${t('followUp')}`,
    '',
  ].join('\n');
}

/** `Pays de l'Étang` → `pays-de-l-etang` (ids are `[a-z0-9-]+`). */
export function slug(text: string): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'territoire';
}
