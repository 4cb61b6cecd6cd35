import { resolve, sep } from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { BuildResult } from '../../build.js';
import { DOCUMENTS, type DocumentName } from '../../defaults.js';
import { DocumentCache } from '../../documents/DocumentCache.js';
import { UsageError } from '../../report/CapaError.js';
import { toReport } from '../../report/Diagnostic.js';
import { orList, quote } from '../../report/messages.js';
import { buildMessages as m } from '../buildMessages.js';
import type { CliContext } from '../CliContext.js';
import { kitFolder, shownPath } from '../kitFolder.js';
import { printDiagnostics } from '../printDiagnostics.js';

export interface BuildCommandOptions {
  dir: string;
  out?: string;
  /** Comma-separated document names, as typed. */
  only?: string;
  watch: boolean;
  json: boolean;
  /** `--pdfa`: archivable PDF/A-2a files. */
  pdfa?: boolean;
  /** `--duplex`: which edge the card sheets turn on. */
  duplex?: 'long-edge' | 'short-edge';
  /** `--calibration`: a front/back calibration sheet first in defis.pdf. */
  calibration?: boolean;
}

/** `capa build [dir]`: check, make the documents, write them all or none; `--watch` keeps rebuilding. */
export async function buildCommand(ctx: CliContext, opts: BuildCommandOptions): Promise<number> {
  const only = opts.only === undefined ? undefined : parseOnly(ctx, opts.only);
  const dir = await kitFolder(ctx, opts.dir);
  const out = opts.out === undefined ? undefined : resolve(ctx.cwd, opts.out);
  const outDirs = new Set<string>(out ? [out] : [resolve(dir, 'dist')]);
  // Watching: the PDFs of the previous build, reused for the documents a change does not touch.
  const cache = opts.watch ? new DocumentCache() : undefined;
  const once = async (documents = only) => {
    // Progress only with --verbose: one line per document as it is made.
    const progress = ctx.verbose
      ? { onDocument: (d: { document: string; ms: number; reused: boolean }) => ctx.stderr.write(`  ${d.document} (${Math.round(d.ms)} ms${d.reused ? `, ${m(ctx.lang, 'unchanged')}` : ''})\n`) }
      : {};
    const result = await ctx.deps.build({ dir, out, only: documents, lang: ctx.lang, to: 'fs', cache, ...(opts.pdfa ? { pdfa: true } : {}),
      ...(opts.duplex ? { duplex: opts.duplex } : {}), ...(opts.calibration ? { calibration: true } : {}), ...progress });
    if (result.outDir) outDirs.add(result.outDir);
    report(ctx, { dir, result, json: opts.json });
    return result;
  };
  if (!opts.watch) return cleanOnInterrupt(ctx, async () => ((await once()).ok ? 0 : 1));
  // What a full build makes (--only, else the kit's build.documents): a template change rebuilds within it.
  let built: DocumentName[] | undefined;
  const first = async () => {
    const result = await once();
    if (result.ok) built = result.documents.map((d) => d.document);
    return result.ok ? 0 : 1;
  };
  const rebuild = async (files: string[]) => {
    const clock = new Date().toTimeString().slice(0, 8);
    const file = files.join(', ');
    const docs = documentsFor(files, built ?? only);
    if (docs?.length === 0) {
      if (!ctx.quiet) ctx.stderr.write(m(ctx.lang, 'notBuilt', { clock, file }) + '\n');
      return undefined;
    }
    const scope = docs ? m(ctx.lang, 'scope', { docs: docs.join(', ') }) : '';
    if (!ctx.quiet) ctx.stderr.write(m(ctx.lang, 'changed', { clock, file, scope }) + '\n');
    const result = await once(docs ?? only);
    if (result.ok && !docs) built = result.documents.map((d) => d.document);
    return result.ok ? 0 : 1;
  };
  const { watchKit } = await import('../watchKit.js');
  return watchKit(ctx, { dir, first, rebuild, ignore: (abs) => [...outDirs].some((o) => isInside(o, abs)) });
}

/**
 * Run one build so that Ctrl+C (SIGINT) or a SIGTERM from CI never leaves a half-replaced output
 * folder: the write in progress is undone (staging removed, previous folder put back) and the
 * process ends with 130 or 143, the shell's codes for those signals.
 */
async function cleanOnInterrupt(ctx: CliContext, run: () => Promise<number>): Promise<number> {
  const { abandonPendingWrites, interruptedBeforeWriting } = await import('../../documents/writeOutputs.js');
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      abandonPendingWrites();
      ctx.stderr.write(`capa: ${interruptedBeforeWriting(AbortSignal.abort(signal), ctx.lang).message}\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await run();
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

/**
 * The documents to rebuild after these files changed: when every one is a template of a document's own
 * folder (`templates/cards/…`), just those documents (among `within`); otherwise undefined, meaning all.
 */
export function documentsFor(files: string[], within: readonly DocumentName[] | undefined): DocumentName[] | undefined {
  const docs = new Set<DocumentName>();
  for (const file of files) {
    const doc = /^templates\/([^/]+)\/./.exec(file)?.[1];
    if (doc === undefined || !(doc in DOCUMENTS)) return undefined;
    docs.add(doc as DocumentName);
  }
  return [...docs].filter((d) => !within || within.includes(d));
}

/** `agenda, cards` → ['agenda', 'cards']; an unknown name is a usage error with the closest one. */
function parseOnly(ctx: CliContext, text: string): DocumentName[] {
  const known = Object.keys(DOCUMENTS) as DocumentName[];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const list = orList(ctx.lang, known);
  if (names.length === 0) throw new UsageError('usage/only', m(ctx.lang, 'emptyOnly', { list }));
  for (const name of names) {
    if (!(known as string[]).includes(name)) {
      const near = closest(name, known);
      const suggestion = near && distanceOk(name, near) ? m(ctx.lang, 'didYouMean', { name: quote(ctx.lang, near) }) : '';
      throw new UsageError('usage/only', m(ctx.lang, 'unknownDocument', { name: quote(ctx.lang, name), suggestion, list }));
    }
  }
  return [...new Set(names)] as DocumentName[];
}

function distanceOk(a: string, b: string): boolean {
  // A suggestion only when the names share their start or are short typos apart.
  return a.slice(0, 2) === b.slice(0, 2) || Math.abs(a.length - b.length) <= 2;
}

function isInside(dir: string, abs: string): boolean {
  return abs === dir || abs.startsWith(dir + sep);
}

function report(ctx: CliContext, opts: { dir: string; result: BuildResult; json: boolean }): void {
  const { result, dir } = opts;
  const counts = toReport(result.diagnostics);
  if (opts.json) {
    const files = result.documents.map(({ document, file, pages, bytes, sha256, reused }) => ({ document, file, pages, bytes, sha256, ...(reused ? { reused } : {}) }));
    const timings = Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    ctx.stdout.write(JSON.stringify({ ...counts, ok: result.ok, outDir: result.outDir, files, timings }) + '\n');
    return;
  }
  printDiagnostics(ctx, { dir, diagnostics: counts.diagnostics });
  const { lang, chalk } = ctx;
  if (ctx.verbose) {
    const ms = (n: number) => String(Math.round(n));
    ctx.stderr.write(m(lang, 'timings', { check: ms(result.timings.load + result.timings.check), documents: ms(result.timings.documents), write: ms(result.timings.write) }) + '\n');
  }
  if (!result.ok) {
    const parts = [
      counts.errors > 0 ? m(lang, 'errors', { n: counts.errors }) : '',
      counts.warnings > 0 ? m(lang, 'warnings', { n: counts.warnings }) : '',
    ].filter(Boolean);
    const text = m(lang, 'failed', { target: shownPath(ctx.cwd, dir), counts: counts.errors > 0 ? parts.join(', ') : m(lang, 'incomplete') });
    ctx.stdout.write(chalk.red(text.slice(0, 1)) + text.slice(1) + '\n');
    return;
  }
  const outDir = result.outDir ?? dir;
  if (!ctx.quiet) {
    for (const d of result.documents) {
      const details = [d.pages !== undefined ? m(lang, 'pages', { n: d.pages }) : '', size(lang, d.bytes), d.reused ? m(lang, 'unchanged') : ''].filter(Boolean).join(', ');
      ctx.stdout.write(`  ${chalk.cyan(shownPath(ctx.cwd, resolve(outDir, d.file)))}  ${chalk.dim(`(${details})`)}\n`);
    }
  }
  const total = result.timings.load + result.timings.check + result.timings.documents + result.timings.write;
  const seconds = (total / 1000).toFixed(1);
  const text = m(lang, 'built', { n: result.documents.length, dir: shownPath(ctx.cwd, outDir), seconds: lang === 'fr' ? seconds.replace('.', ',') : seconds });
  ctx.stdout.write(chalk.green(text.slice(0, 1)) + text.slice(1) + '\n');
}

function size(lang: 'fr' | 'en', bytes: number): string {
  const unit = lang === 'fr' ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  if (bytes < 1024) return `${bytes} ${unit[0]}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ${unit[1]}`;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return `${lang === 'fr' ? mb.replace('.', ',') : mb} ${unit[2]}`;
}

