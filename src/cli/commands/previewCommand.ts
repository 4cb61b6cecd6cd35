import { resolve, sep } from 'node:path';
import type { BuildResult } from '../../build.js';
import type { DocumentName } from '../../defaults.js';
import { DocumentCache } from '../../documents/DocumentCache.js';
import { PORT_TRIES, PreviewServer, type PreviewState } from '../../preview/previewServer.js';
import { UsageError } from '../../report/CapaError.js';
import { toReport } from '../../report/Diagnostic.js';
import { showControlsInline } from '../../report/showControls.js';
import { buildMessages } from '../buildMessages.js';
import type { CliContext } from '../CliContext.js';
import { kitFolder, shownPath } from '../kitFolder.js';
import { previewMessages as m } from '../previewMessages.js';
import { printDiagnostics } from '../printDiagnostics.js';
import { watchKit } from '../watchKit.js';
import { documentsFor } from './buildCommand.js';

export interface PreviewCommandOptions {
  dir: string;
  /** `--port`, as typed; default DEFAULT_PORT. */
  port?: string;
  open: boolean;
}

export const DEFAULT_PORT = 4173;

/**
 * `capa preview [dir]`: the kit's documents in the browser, rebuilt on every change as `build --watch` does.
 * The documents are built in memory (`to: 'memory'`) and served from there: the kit's dist/ is never
 * touched, nothing is left on disk when the preview stops, and a failed build only replaces the
 * diagnostics — the page keeps the last good documents. Ends on Ctrl+C (130) or SIGTERM (143).
 */
export async function previewCommand(ctx: CliContext, opts: PreviewCommandOptions): Promise<number> {
  const port = parsePort(ctx, opts.port);
  const dir = await kitFolder(ctx, opts.dir);
  const { signal, stopSignals } = stopSignal(ctx);
  const server = new PreviewServer(ctx.lang, {
    build: 0, building: true, ok: true, status: m(ctx.lang, 'statusStarting'), documents: [], diagnostics: [], text: pageText(ctx),
  });
  try {
    await listen(ctx, server, port);
    const url = `http://127.0.0.1:${server.port}/`;
    ctx.stdout.write(m(ctx.lang, 'url', { url }) + '\n');
    if (opts.open) await openBrowser(ctx, url);

    const cache = new DocumentCache();
    const outDirs = new Set([resolve(dir, 'dist')]);
    let built: DocumentName[] | undefined;
    let count = 0;
    const once = async (only?: DocumentName[]): Promise<number | undefined> => {
      server.publish({ ...server.current(), building: true, status: m(ctx.lang, 'statusBuilding') });
      let result: BuildResult;
      try {
        result = await ctx.deps.build({ dir, only, lang: ctx.lang, to: 'memory', cache, signal });
      } catch (err) {
        if (signal.aborted) return undefined; // stopped mid-build: nothing to show
        // An internal error (reported by watchKit, which goes on): the page stops saying it is building.
        server.publish({ ...server.current(), building: false, status: m(ctx.lang, 'statusCrashed') });
        throw err;
      }
      if (result.outDir) outDirs.add(result.outDir);
      if (result.ok && !only) built = result.documents.map((d) => d.document);
      publish(ctx, { server, dir, result, build: ++count, partial: only !== undefined });
      return result.ok ? 0 : 1;
    };
    const rebuild = async (files: string[]) => {
      const docs = documentsFor(files, built);
      if (docs?.length === 0) return undefined;
      if (!ctx.quiet) {
        const clock = new Date().toTimeString().slice(0, 8);
        const scope = docs ? buildMessages(ctx.lang, 'scope', { docs: docs.join(', ') }) : '';
        ctx.stderr.write(buildMessages(ctx.lang, 'changed', { clock, file: files.map(showControlsInline).join(', '), scope, n: files.length }) + '\n');
      }
      return once(docs);
    };
    await watchKit({ ...ctx, signal }, { dir, first: () => once().then((code) => code ?? 0), rebuild, ignore: (abs) => [...outDirs].some((o) => abs === o || abs.startsWith(o + sep)) });
  } finally {
    await server.close();
    stopSignals();
  }
  ctx.stderr.write(m(ctx.lang, 'stopped') + '\n');
  return signal.reason === 'SIGTERM' ? 143 : 130;
}

/** Show one build in the page and in the terminal: its documents when it succeeded, its diagnostics always. */
function publish(ctx: CliContext, o: { server: PreviewServer; dir: string; result: BuildResult; build: number; partial: boolean }): void {
  const { lang } = ctx;
  const { result, server } = o;
  const counts = toReport(result.diagnostics);
  printDiagnostics(ctx, { dir: o.dir, diagnostics: counts.diagnostics });
  const clock = new Date().toTimeString().slice(0, 8);
  const countText = [counts.errors > 0 ? buildMessages(lang, 'errors', { n: counts.errors }) : '', counts.warnings > 0 ? buildMessages(lang, 'warnings', { n: counts.warnings }) : '']
    .filter(Boolean)
    .join(', ') || buildMessages(lang, 'incomplete');
  const diagnostics = counts.diagnostics.map((d) => ({
    severity: d.severity,
    severityText: m(lang, d.severity),
    code: d.code,
    message: d.message,
    place: d.file === undefined ? '' : [d.file, d.line, d.column].filter((x) => x !== undefined).join(':'),
    ...(d.hint ? { hint: d.hint } : {}),
  }));
  const previous = server.current();
  if (!result.ok) {
    server.publish({ ...previous, build: o.build, building: false, ok: false, status: m(lang, 'statusFailed', { build: o.build, clock, counts: countText }), diagnostics });
    ctx.stderr.write(m(lang, 'failed', { target: showControlsInline(shownPath(ctx.cwd, o.dir)), counts: countText }) + '\n');
    return;
  }
  const fresh = result.documents.map((d) => ({ document: d.document, file: d.file, details: m(lang, 'details', { document: d.document, pages: d.pages ?? '' }), version: d.sha256.slice(0, 16) }));
  const files = result.files.map((f) => ({ file: f.file, content: f.content }));
  // A partial rebuild (one document's templates changed) replaces that document; the others stay as they were.
  const documents = o.partial ? [...previous.documents.map((d) => fresh.find((f) => f.file === d.file) ?? d), ...fresh.filter((f) => !previous.documents.some((d) => d.file === f.file))] : fresh;
  if (o.partial) files.push(...previous.documents.filter((d) => !files.some((f) => f.file === d.file)).map((d) => ({ file: d.file, content: server.fileOf(d.file)! })));
  server.publish({ build: o.build, building: false, ok: true, status: m(lang, 'statusOk', { build: o.build, clock, n: documents.length }), documents, diagnostics, text: pageText(ctx) }, files);
  const seconds = ((result.timings.load + result.timings.check + result.timings.documents) / 1000).toFixed(1);
  if (!ctx.quiet) ctx.stderr.write(m(lang, 'ready', { n: result.documents.length, seconds: lang === 'fr' ? seconds.replace('.', ',') : seconds }) + '\n');
}

function pageText(ctx: CliContext): PreviewState['text'] {
  const { lang } = ctx;
  return { documents: m(lang, 'documents'), problems: m(lang, 'problems'), download: m(lang, 'download'), none: m(lang, 'none') };
}

function parsePort(ctx: CliContext, typed: string | undefined): number {
  if (typed === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(typed) ? Number(typed) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError('usage/bad-port', m(ctx.lang, 'badPort', { value: JSON.stringify(typed) }));
  return port;
}

/** Listen at `port` or a next free one, saying which when it is not the one asked. */
async function listen(ctx: CliContext, server: PreviewServer, port: number): Promise<void> {
  try {
    const taken = await server.listen(port);
    if (taken.length > 0) ctx.stderr.write(m(ctx.lang, 'portTaken', { taken: taken.join(', '), port: server.port }) + '\n');
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { taken?: number[] };
    if (e.code === 'EADDRINUSE' && port !== 0) {
      throw new UsageError('usage/port-unavailable', m(ctx.lang, 'portsBusy', { from: port, to: e.taken?.at(-1) ?? port + PORT_TRIES - 1 }), { cause: err });
    }
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
      throw new UsageError('usage/port-unavailable', m(ctx.lang, 'portUnavailable', { port, reason: e.code }), { cause: err });
    }
    throw err;
  }
}

/** `--open`: the system's browser (the `open` package: xdg-open, open, start); never in CI, where there is none. */
async function openBrowser(ctx: CliContext, url: string): Promise<void> {
  if (ctx.env.CI !== undefined && ctx.env.CI !== '' && ctx.env.CI !== 'false') {
    ctx.stderr.write(m(ctx.lang, 'openInCi') + '\n');
    return;
  }
  try {
    const { default: open } = await import('open');
    const child = await open(url);
    // A browser that fails to start is a message, not the end of the preview.
    child.once('error', (err) => ctx.stderr.write(m(ctx.lang, 'openFailed', { message: err.message, url }) + '\n'));
  } catch (err) {
    ctx.stderr.write(m(ctx.lang, 'openFailed', { message: err instanceof Error ? err.message : String(err), url }) + '\n');
  }
}

/**
 * What stops the preview: `ctx.signal` (tests), else Ctrl+C or SIGTERM, whose name becomes the reason.
 * A second Ctrl+C while stopping (a build still finishing) ends the process at once.
 */
function stopSignal(ctx: CliContext): { signal: AbortSignal; stopSignals: () => void } {
  if (ctx.signal) return { signal: ctx.signal, stopSignals: () => {} };
  const controller = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => (controller.signal.aborted ? process.exit(name === 'SIGINT' ? 130 : 143) : controller.abort(name));
    process.on(name, handler);
    return [name, handler] as const;
  });
  return { signal: controller.signal, stopSignals: () => handlers.forEach(([name, handler]) => process.off(name, handler)) };
}
