import { resolve, sep } from 'node:path';
import type { BuildResult } from '../../build.js';
import { DOCUMENTS, type DocumentName } from '../../defaults.js';
import { DocumentCache } from '../../documents/DocumentCache.js';
import { limitYoungGeneration } from '../../documents/limitYoungGeneration.js';
import { optimizeLater } from '../../documents/optimizeLater.js';
import { toReport } from '../../report/Diagnostic.js';
import { safeJson, showControlsInline } from '../../report/showControls.js';
import { buildMessages as m } from '../buildMessages.js';
import type { CliContext } from '../CliContext.js';
import { kitFolder, shownPath } from '../kitFolder.js';
import { parseOnly } from '../parseOnly.js';
import { printAnnotations, type OutputFormat } from '../printAnnotations.js';
import { printDiagnostics } from '../printDiagnostics.js';

export interface BuildCommandOptions {
  dir: string;
  out?: string;
  /** Comma-separated document or file names, as typed. */
  only?: string;
  watch: boolean;
  format: OutputFormat;
  /** `--strict`: warnings fail the build, nothing is written. */
  strict?: boolean;
  /** `--pdfa`: archivable PDF/A-2a files. */
  pdfa?: boolean;
  /** `--duplex`: which edge the card sheets turn on. */
  duplex?: 'long-edge' | 'short-edge';
  /** `--calibration`: a front/back calibration sheet first in defis.pdf. */
  calibration?: boolean;
}

/** `capa build [dir]`: check, make the documents, write them all or none; `--watch` keeps rebuilding. */
export async function buildCommand(ctx: CliContext, opts: BuildCommandOptions): Promise<number> {
  const only = opts.only === undefined ? undefined : parseOnly(ctx.lang, opts.only);
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
    const result = await ctx.deps.build({ dir, out, only: documents, lang: ctx.lang, to: 'fs', cache, ...(opts.pdfa ? { pdfa: true } : {}), ...(opts.strict ? { strict: true } : {}),
      ...(opts.duplex ? { duplex: opts.duplex } : {}), ...(opts.calibration ? { calibration: true } : {}), ...progress });
    if (result.outDir) outDirs.add(result.outDir);
    await report(ctx, { dir, result, format: opts.format, strict: opts.strict });
    return result;
  };
  if (!opts.watch) {
    // One build: the young generation stays small (limitYoungGeneration.ts) and V8 optimises only what stays hot
    // (optimizeLater.ts). The watch keeps V8's defaults.
    limitYoungGeneration();
    optimizeLater();
    return cleanOnInterrupt(ctx, async () => ((await once()).ok ? 0 : 1));
  }
  // What a full build makes (--only, else the kit's build.documents): a template change rebuilds within it.
  let built: DocumentName[] | undefined;
  const first = async () => {
    const result = await once();
    if (result.ok) built = result.documents.map((d) => d.document);
    return result.ok ? 0 : 1;
  };
  const rebuild = async (files: string[]) => {
    const clock = new Date().toTimeString().slice(0, 8);
    const n = files.length;
    const file = files.map(showControlsInline).join(', ');
    const docs = documentsFor(files, built ?? only);
    if (docs?.length === 0) {
      if (!ctx.quiet) ctx.stderr.write(m(ctx.lang, 'notBuilt', { clock, file, n }) + '\n');
      return undefined;
    }
    const scope = docs ? m(ctx.lang, 'scope', { docs: docs.join(', ') }) : '';
    if (!ctx.quiet) ctx.stderr.write(m(ctx.lang, 'changed', { clock, file, scope, n }) + '\n');
    const result = await once(docs ?? only);
    if (result.ok && !docs) built = result.documents.map((d) => d.document);
    return result.ok ? 0 : 1;
  };
  // A rebuild in memory as if every document had changed, thrown away: see watchKit's warm-up.
  const rehearse = async (signal: AbortSignal) => {
    await ctx.deps.build({ dir, out, only: built ?? only, lang: ctx.lang, to: 'memory', cache: cache!.rehearsal(), signal, ...(opts.pdfa ? { pdfa: true } : {}),
      ...(opts.duplex ? { duplex: opts.duplex } : {}), ...(opts.calibration ? { calibration: true } : {}) });
  };
  const { watchKit } = await import('../watchKit.js');
  return watchKit(ctx, { dir, first, rebuild, rehearse, ignore: (abs) => [...outDirs].some((o) => isInside(o, abs)) });
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

function isInside(dir: string, abs: string): boolean {
  return abs === dir || abs.startsWith(dir + sep);
}

/**
 * The result of one build. Text: diagnostics and the failure line on stderr, the files written and the
 * success line on stdout (the result). Machine formats: only them on stdout, the human lines on stderr.
 */
async function report(ctx: CliContext, opts: { dir: string; result: BuildResult; format: OutputFormat; strict?: boolean }): Promise<void> {
  const { result, dir } = opts;
  const counts = toReport(result.diagnostics, { strict: opts.strict });
  if (opts.format === 'json') {
    const files = result.documents.map(({ document, file, pages, bytes, sha256, reused }) => ({ document, file, pages, bytes, sha256, ...(reused ? { reused } : {}) }));
    const timings = Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    ctx.stdout.write(safeJson({ ...counts, ok: result.ok, outDir: result.outDir, files, timings }) + '\n');
    return;
  }
  if (opts.format === 'text') printDiagnostics(ctx, { dir, diagnostics: counts.diagnostics, strict: opts.strict });
  else await printAnnotations(ctx, { dir, format: opts.format, diagnostics: counts.diagnostics });
  // In the machine formats stdout is the report alone: the files written are listed on stderr.
  const results = opts.format === 'text' ? ctx.stdout : ctx.stderr;
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
    const because = counts.errors > 0 ? parts.join(', ') : counts.warnings > 0 && opts.strict ? m(lang, 'strict', { counts: parts.join(', ') }) : m(lang, 'incomplete');
    const text = m(lang, 'failed', { target: shownPath(ctx.cwd, dir), counts: because });
    ctx.stderr.write(chalk.red(text.slice(0, 1)) + text.slice(1) + '\n');
    return;
  }
  const outDir = result.outDir ?? dir;
  if (!ctx.quiet) {
    for (const d of result.documents) {
      const details = [d.pages !== undefined ? m(lang, 'pages', { n: d.pages }) : '', size(lang, d.bytes), d.reused ? m(lang, 'unchanged') : ''].filter(Boolean).join(', ');
      results.write(`  ${chalk.cyan(showControlsInline(shownPath(ctx.cwd, resolve(outDir, d.file))))}  ${chalk.dim(`(${details})`)}\n`);
    }
  }
  const total = result.timings.load + result.timings.check + result.timings.documents + result.timings.write;
  const seconds = (total / 1000).toFixed(1);
  const text = m(lang, 'built', { n: result.documents.length, dir: showControlsInline(shownPath(ctx.cwd, outDir)), seconds: lang === 'fr' ? seconds.replace('.', ',') : seconds });
  results.write(chalk.green(text.slice(0, 1)) + text.slice(1) + '\n');
}

function size(lang: 'fr' | 'en', bytes: number): string {
  const unit = lang === 'fr' ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  if (bytes < 1024) return `${bytes} ${unit[0]}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ${unit[1]}`;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return `${lang === 'fr' ? mb.replace('.', ',') : mb} ${unit[2]}`;
}

