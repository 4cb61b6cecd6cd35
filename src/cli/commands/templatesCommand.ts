import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { TemplateSources, type TemplateEntry } from '../../render/TemplateSources.js';
import { UsageError } from '../../report/CapaError.js';
import { quote } from '../../report/messages.js';
import { showControlsInline as shown } from '../../report/showControls.js';
import type { CliContext } from '../CliContext.js';
import { kitFolder, shownPath } from '../kitFolder.js';
import { templatesMessages as m } from '../templatesMessages.js';

function sourcesFor(ctx: CliContext, dir: string): TemplateSources {
  return new TemplateSources(dir, join(ctx.deps.packageRoot, 'templates'));
}

/** `capa templates list`: every template the kit's documents use, and where each comes from. */
export async function templatesListCommand(ctx: CliContext, opts: { kit: string }): Promise<number> {
  const dir = await kitFolder(ctx, opts.kit);
  const rows = sourcesFor(ctx, dir).list();
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  const origin = (r: TemplateEntry) => (r.source === 'kit' ? ctx.chalk.green(m(ctx.lang, 'kit')) : m(ctx.lang, 'builtin'));
  const originWidth = Math.max(m(ctx.lang, 'kit').length, m(ctx.lang, 'builtin').length);
  for (const r of rows) {
    const pad = ' '.repeat(originWidth - (r.source === 'kit' ? m(ctx.lang, 'kit') : m(ctx.lang, 'builtin')).length);
    const where = r.source === 'kit' ? shownPath(ctx.cwd, join(dir, r.file)) : r.file;
    // Names of the kit's own files: their control characters are shown, not obeyed.
    ctx.stdout.write(`${shown(r.name.padEnd(width))}  ${origin(r)}${pad}  ${ctx.chalk.dim(shown(where))}\n`);
  }
  return 0;
}

/**
 * `capa templates eject [name…]`: copy built-in templates into the kit's `templates/`. A file already
 * there is a fork someone may have edited: without --force nothing is copied and the command says which.
 */
export async function templatesEjectCommand(ctx: CliContext, opts: { kit: string; names: string[]; force: boolean }): Promise<number> {
  const dir = await kitFolder(ctx, opts.kit);
  const sources = sourcesFor(ctx, dir);
  const all = sources.list();
  // The same listing with no kit templates: what capa ships.
  const builtin = new TemplateSources(join(sources.builtinDir, '.no-kit'), sources.builtinDir).list();
  const chosen = opts.names.length === 0 ? builtin : opts.names.flatMap((n) => select(ctx, n, builtin, all));
  const copies = new Map<string, TemplateEntry>();
  for (const entry of chosen) copies.set(join(sources.kitTemplates, entry.file.replace(/^templates\//, '')), entry);
  const forked = [...copies.keys()].filter((target) => all.some((r) => r.source === 'kit' && r.abs === target));
  if (forked.length > 0 && !opts.force) {
    const files = forked.map((f) => `  ${shown(shownPath(ctx.cwd, f))}`).join('\n');
    throw new UsageError('usage/template-exists', m(ctx.lang, 'exists', { n: forked.length, files }));
  }
  for (const [target, entry] of copies) {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(entry.abs, target);
    const key = forked.includes(target) ? 'replaced' : 'copied';
    if (!ctx.quiet) ctx.stdout.write(m(ctx.lang, key, { file: shown(shownPath(ctx.cwd, target)) }) + '\n');
  }
  ctx.stdout.write(m(ctx.lang, 'summary', { n: copies.size, dir: shown(shownPath(ctx.cwd, sources.kitTemplates)) }) + '\n');
  return 0;
}

/** The built-in files a name stands for: one entry by its name, or every file of a document. */
function select(ctx: CliContext, name: string, builtin: TemplateEntry[], all: TemplateEntry[]): TemplateEntry[] {
  const clean = name.replace(/\.(hbs|ya?ml)$/, '').replace(/^templates\//, '');
  const exact = builtin.filter((e) => e.name === clean);
  if (exact.length > 0) return exact;
  const ofDoc = builtin.filter((e) => e.doc === clean && (e.kind === 'template' || e.name.startsWith(`${clean}/partials/`)));
  if (ofDoc.length > 0) return ofDoc;
  const candidates = [...new Set([...all.map((e) => e.name), ...all.flatMap((e) => (e.doc ? [e.doc] : []))])];
  const near = candidates.length > 0 ? closest(clean, candidates) : undefined;
  const suggestion = near ? m(ctx.lang, 'didYouMean', { name: quote(ctx.lang, near) }) : '';
  throw new UsageError('usage/unknown-template', m(ctx.lang, 'unknown', { name: quote(ctx.lang, name), suggestion }));
}
