import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DocumentName } from './defaults.js';
import { checkKit } from './check/validateKit.js';
import { createRenderer } from './render/createRenderer.js';
import type { Diagnostic } from './report/Diagnostic.js';
import { sortDiagnostics } from './report/Diagnostic.js';
import type { Lang } from './report/messages.js';
import { DOCUMENT_SPECS } from './documents/registry.js';
import type { DocumentCache } from './documents/DocumentCache.js';
import { addStage, resetStages, stageTimes } from './stageClock.js';
import { kitAssets } from './documents/kitAssets.js';
import { makeDocuments, type MadeDocument, type WorkerOptions } from './documents/makeDocuments.js';
import { documentThreads } from './documents/documentThreads.js';
import { guardBuild } from './documents/guardBuild.js';
import { fontBook } from './layout/fonts/fonts.js';
import { saveHyphenation } from './layout/flow/hyphenate.js';
import { manifestOf, openStaging, type MadeFile, type ManifestEntry, type OutputFile } from './documents/writeOutputs.js';

export interface BuildOptions {
  /** The kit folder. */
  dir: string;
  /** Output folder; default: the kit's `build.out` (`dist`), relative to the kit. */
  out?: string;
  /** Documents to build; default: the kit's `build.documents` (all). */
  only?: DocumentName[];
  /** Language of diagnostics. */
  lang?: Lang;
  /** `fs` writes the files (all or nothing); `memory` only returns them (tests, dry runs). */
  to?: 'fs' | 'memory';
  /** Duplex edge of cut documents (cards, badges): `--duplex short-edge`; default long edge. */
  duplex?: 'long-edge' | 'short-edge';
  /** Prepend a duplex calibration sheet pair to cut documents (to measure `build.duplex_offset_mm`). */
  calibration?: boolean;
  /** Write PDF/A-2a files for archiving (`--pdfa`). */
  pdfa?: boolean;
  /** Warnings fail the build too (`--strict`): every document is still made, so all are reported, but nothing is written. */
  strict?: boolean;
  /**
   * Stops the build (reason: `SIGINT`, `SIGTERM`): checked between documents and, within one, every ~50 ms of
   * layout and drawing, and before the output folder is replaced.
   */
  signal?: AbortSignal;
  /** Called as each document is made (progress for `--verbose`). */
  onDocument?: (done: { document: DocumentName; ms: number; reused: boolean }) => void;
  /** Kept between builds by `--watch`: documents whose inputs did not change are reused instead of drawn again (in this thread). */
  cache?: DocumentCache;
  /** Threads making documents, this one included (1: no worker thread); default `CAPA_WORKERS`, else decided from the cores and the kit. */
  threads?: number;
  /** Tests: worker threads make every document (`only`, `threads` of them), with these heap `limits`. */
  workers?: WorkerOptions;
}

export interface BuiltDocument extends ManifestEntry {
  document: DocumentName;
  /** Milliseconds spent making this document. */
  ms: number;
  /** Same inputs as in the previous build of the watch: its PDF was reused. */
  reused: boolean;
}

export interface BuildTimings {
  load: number;
  check: number;
  render: number;
  layout: number;
  draw: number;
  documents: number;
  write: number;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  outDir?: string;
  documents: BuiltDocument[];
  files: OutputFile[];
  /**
   * Milliseconds per stage: load (YAML), check (schema, references, model, rules), render (templates),
   * layout (markup to pages, with `draw`: pdfkit drawing, part of it), write; `documents` = render + layout + other documents.
   */
  timings: BuildTimings;
  /** How many worker threads made documents (0: all were made in the build's own thread). */
  workers?: number;
}

/** Validate the kit, then make every requested document; write them only when all succeeded. */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const lang = opts.lang ?? 'fr';
  resetStages();
  const checked = await checkKit({ dir: opts.dir, lang });
  const timings: BuildTimings = { ...stageTimes(), documents: 0 };
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  const fail = (diagnostics: Diagnostic[]): BuildResult => ({ ok: false, diagnostics: sortDiagnostics(diagnostics), documents: [], files: [], timings });
  if (errors.length > 0 || !checked.kit) return fail(checked.diagnostics);

  const kit = checked.kit;
  const kitDir = checked.loaded.dir;
  const guarded = guardBuild({ checked, out: opts.out, lang, writes: (opts.to ?? 'fs') === 'fs' });
  if (guarded.diagnostics.length > 0) return fail([...checked.diagnostics, ...guarded.diagnostics]);
  const tr = performance.now();
  const renderer = createRenderer({ kitDir, lang: kit.lang, messageLang: lang });
  addStage('render', tr);
  const diagnostics = [...checked.diagnostics, ...renderer.diagnostics];
  const names = opts.only ?? kit.build.documents;
  const specs = DOCUMENT_SPECS.filter((s) => names.includes(s.name));
  const outDir = guarded.outDir;
  // Files are written into a staging folder as the documents are drawn, and put in place only if all succeed.
  const staging = (opts.to ?? 'fs') === 'fs' ? await openStaging({ outDir, files: specs.map((s) => s.file), keepOthers: opts.only !== undefined, lang, signal: opts.signal }) : undefined;
  const files: MadeFile[] = [];
  const made: Array<{ document: DocumentName; ms: number; reused: boolean; file: MadeFile }> = [];
  const t1 = performance.now();
  let results: MadeDocument[];
  try {
    results = await makeDocuments({
      specs,
      context: { kit, renderer, messageLang: lang, assets: kitAssets(kitDir), loaded: checked.loaded, print: { duplex: opts.duplex, calibration: opts.calibration }, pdfa: opts.pdfa, cache: opts.cache },
      ...(staging ? { openOutput: (file: string) => staging.sink(file) } : {}),
      kitDir,
      data: checked.loaded.data,
      lang,
      threads: documentThreads({ names: specs.map((s) => s.name), kit, cached: opts.cache !== undefined, lang, threads: opts.threads }),
      signal: opts.signal,
      workers: opts.workers,
      onDocument: ({ spec, output, ms }) => {
        if (output.content || output.written) opts.onDocument?.({ document: spec.name, ms, reused: output.reused ?? false });
      },
    });
  } catch (err) {
    throw staging ? await staging.abandon(err) : err;
  }
  for (const { spec, output, ms } of results) {
    diagnostics.push(...output.diagnostics);
    const file: MadeFile | undefined = output.content
      ? { file: spec.file, content: output.content, pages: output.pages }
      : output.written && { file: spec.file, ...output.written, pages: output.pages };
    if (!file) continue;
    files.push(file);
    made.push({ document: spec.name, ms, reused: output.reused ?? false, file });
  }
  timings.documents = performance.now() - t1;
  Object.assign(timings, { render: stageTimes().render, layout: stageTimes().layout, draw: stageTimes().draw });
  const workers = new Set(results.map((r) => r.thread).filter((t) => t > 0)).size;
  const refused = diagnostics.some((d) => d.severity === 'error' || opts.strict);
  if (refused || files.length < specs.length) {
    await staging?.abandon();
    return { ...fail(diagnostics), workers };
  }

  const t2 = performance.now();
  if (staging) await staging.commit(files);
  timings.write = performance.now() - t2;
  // Texts shaped and words hyphenated for these documents serve the next build (the watch, a repeated CI run):
  // see shapeCache.ts and hyphenCache.ts.
  fontBook().saveShapes();
  saveHyphenation();
  const entries = new Map(manifestOf(files).map((e) => [e.file, e]));
  const documents = made.map((m) => ({ ...entries.get(m.file.file)!, document: m.document, ms: m.ms, reused: m.reused }));
  return { ok: true, diagnostics: sortDiagnostics(diagnostics), outDir, documents, files: files.map((f) => inMemory(f, outDir)), timings, workers };
}

/** A file of the result: written files are read back from the output folder only if asked (`content`). */
function inMemory(f: MadeFile, outDir: string): OutputFile {
  if ('content' in f) return f;
  const { file, pages } = f;
  return Object.defineProperty({ file, ...(pages !== undefined ? { pages } : {}) }, 'content', {
    get: () => readFileSync(path.join(outDir, file)),
    enumerable: false,
  }) as OutputFile;
}

