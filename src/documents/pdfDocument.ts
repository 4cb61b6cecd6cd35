import { performance } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import type { DocumentName } from '../defaults.js';
import { DOCUMENTS } from '../defaults.js';
import { renderMarkup } from '../layout/renderMarkup.js';
import { locateAtData } from '../render/locateAtData.js';
import type { DocumentContext, DocumentSpec } from './DocumentSpec.js';
import type { SourceField } from '../layout/pages/layoutFurniture.js';
import { addStage, addStageTime } from '../stageClock.js';
import { setV8Flag } from '../setV8Flag.js';
import { RenderStopped } from '../render/RenderedParts.js';
import type { FileSink } from './FileSink.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { continued, DocumentKey, readAhead } from './storedDocuments.js';

/**
 * A PDF document made the one way capa makes them: the template `<name>/main.hbs` receives
 * `{ kit, doc }` (`doc` = what this document shapes from the model), emits markup, and the layout draws it.
 */
export function pdfDocument(opts: { name: DocumentName; data?: (ctx: DocumentContext) => unknown }): DocumentSpec {
  const { name } = opts;
  return {
    name,
    file: DOCUMENTS[name],
    async make(ctx) {
      const data = { kit: ctx.kit, theme: ctx.kit.theme, doc: opts.data?.(ctx) ?? {} };
      const file = `templates/${name}/main.hbs`;
      const info = { author: ctx.kit.organisers.map((o) => o.name).join(', ') || undefined };
      const fields = kitFields(ctx);
      const failed = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');
      const located = (laid: Diagnostic[]) => laid.map((d) => locateAtData(d, ctx.loaded, ctx.messageLang));
      // What the PDF and its diagnostics depend on besides the markup.
      const settings = [file, info.author ?? null, ctx.pdfa ?? false, ctx.messageLang, fields];
      const cached = ctx.cache?.open(name, { settings, renderer: ctx.renderer, kitDir: ctx.loaded?.dir, assets: ctx.assets });
      const t0 = performance.now();
      if (cached) {
        // The watch: a template that would read the same data as last time is not even rendered; otherwise its
        // markup is rendered whole, to compare with the last build's, and the PDF is kept in memory for the next.
        const unchanged = cached.unchanged(data);
        if (unchanged) return { content: unchanged.content, pages: unchanged.pages, diagnostics: unchanged.diagnostics, reused: true };
        const rendered = cached.render(data, (d: object) => ctx.renderer.render(`${name}/main`, d));
        const t1 = addStage('render', t0);
        if (failed(rendered.diagnostics)) return { diagnostics: rendered.diagnostics };
        await ctx.checkpoint?.();
        const reused = cached.reuse(rendered.output, rendered.diagnostics);
        if (reused) return { content: reused.content, pages: reused.pages, diagnostics: rendered.diagnostics, reused: true };
        const make = (assets: DocumentContext['assets']) =>
          renderMarkup({ markup: rendered.output, file: rendered.file ?? file, locate: rendered.locate, assets, lang: ctx.messageLang, pdfa: ctx.pdfa, info, fields, checkpoint: ctx.checkpoint, faces: cached.faces });
        const result = await cached.remember(rendered.output, rendered.diagnostics, make);
        addStage('layout', t1);
        return { content: result.pdf, pages: result.pages, diagnostics: [...rendered.diagnostics, ...located(result.diagnostics)] };
      }
      // A build: rendered part by part as the layout reads it (a day, a sheet…), so a large document's markup is never
      // whole, and written to its file as it is drawn.
      const rendered = ctx.renderer.renderParts(`${name}/main`, data);
      const t1 = addStage('render', t0);
      if (failed(rendered.diagnostics)) {
        rendered.finish();
        return { diagnostics: rendered.diagnostics };
      }
      await ctx.checkpoint?.();
      let sink: FileSink | undefined;
      try {
        const parts = timed(rendered.parts);
        // The PDFs of earlier builds (storedDocuments.ts): the markup is read ahead, while it is small enough to be
        // a key, and a document made from the same markup before is copied instead of laid out and drawn.
        const key = DocumentKey.open(name, settings);
        const ahead = key ? readAhead(parts, key) : undefined;
        if (ahead?.whole && failed(rendered.diagnostics)) {
          addStageTime('render', parts.ms());
          return { diagnostics: rendered.diagnostics };
        }
        const stored = ahead?.whole ? key!.find(ctx.assets) : undefined;
        if (stored) {
          rendered.finish();
          addStageTime('render', parts.ms());
          sink = ctx.openOutput?.();
          if (!sink) return { content: stored.content, pages: stored.pages, diagnostics: rendered.diagnostics };
          sink.write(stored.content);
          return { written: sink.close(), pages: stored.pages, diagnostics: rendered.diagnostics };
        }
        const used = new Map<string, Buffer | undefined>();
        const assets: DocumentContext['assets'] = (src) => {
          const bytes = ctx.assets(src);
          used.set(src, bytes);
          return bytes;
        };
        sink = ctx.openOutput?.();
        // A document with a contents list is read twice (its headings, then its pages): the second time it is
        // rendered again, in parts too, rather than kept. Parts read ahead are let go as the layout takes them.
        const again = () => ctx.renderer.renderParts(`${name}/main`, data).parts;
        const markup = ahead ? continued(ahead) : parts;
        const result = await renderMarkup({ markup, again, file: rendered.file ?? file, locate: rendered.locate, assets, lang: ctx.messageLang, pdfa: ctx.pdfa, info, fields, checkpoint: ctx.checkpoint, sink });
        addStage('layout', t1);
        // Parts rendered while laying out count as rendering; parts a failed layout did not read are rendered now, so
        // that every template problem is reported, and a template error stands alone, as before any layout.
        rendered.finish();
        addStageTime('render', parts.ms());
        addStageTime('layout', -parts.ms());
        if (failed(rendered.diagnostics)) {
          sink?.close();
          return { diagnostics: rendered.diagnostics };
        }
        const diagnostics = [...rendered.diagnostics, ...located(result.diagnostics)];
        // Kept for the next build when read ahead whole and laid out with nothing to report.
        const keep = ahead?.whole && result.diagnostics.length === 0;
        if (sink) {
          const written = sink.close();
          if (keep) key!.keep({ file: sink.path, bytes: written.bytes }, result.pages, used);
          if (result.pages >= LONG_DOCUMENT) collectGarbage();
          return result.diagnostics.length ? { diagnostics } : { written, pages: result.pages, diagnostics };
        }
        if (keep && result.pdf) key!.keep({ content: result.pdf }, result.pages, used);
        return { content: result.pdf, pages: result.pages, diagnostics };
      } catch (err) {
        if (!(err instanceof RenderStopped)) throw err;
        sink?.close();
        return { diagnostics: rendered.diagnostics };
      }
    },
  };
}

/** Parts read through it, with the time spent rendering them. */
function timed(parts: Iterable<string>): Iterable<string> & { ms(): number } {
  let ms = 0;
  return {
    [Symbol.iterator]() {
      const it = parts[Symbol.iterator]();
      return {
        next() {
          const t = performance.now();
          try {
            return it.next();
          } finally {
            ms += performance.now() - t;
          }
        },
      };
    },
    ms: () => ms,
  };
}

/** The kit's own texts that templates print in page headers and footers. */
function kitFields(ctx: DocumentContext): SourceField[] {
  const k = ctx.kit;
  return [
    { path: '/kit/title', text: k.title },
    ...(k.subtitle ? [{ path: '/kit/subtitle', text: k.subtitle }] : []),
    ...(k.license ? [{ path: '/kit/license', text: k.license }] : []),
  ];
}

/** Pages from which a document leaves enough garbage to be worth a full collection once written. */
const LONG_DOCUMENT = 40;

let fullCollection: ((opts?: { type: 'minor' }) => void) | null | undefined;

/**
 * A full garbage collection once a long document is written (a build, not the watch, which keeps its PDFs). All of
 * its markup, layout and drawing is garbage then, but V8 sizes the heap from the collections it made so far and
 * lets the next document grow it further before collecting: on the 500-workshop kit the peak memory went from
 * ~310 to ~225 MB (Node 20), for a few hundred ms of collection. `gc` is reached as test runners do (`--expose-gc` set at run time, then
 * read in a new context); where that fails, nothing is collected early. `minor`: the young generation only (the
 * watch, between rebuilds: see watchKit.ts).
 */
export function collectGarbage(type: 'major' | 'minor' = 'major'): void {
  if (fullCollection === undefined) {
    try {
      const gc: unknown = setV8Flag('--expose-gc') ? runInNewContext('gc') : undefined;
      fullCollection = typeof gc === 'function' ? (gc as (opts?: { type: 'minor' }) => void) : null;
    } catch {
      fullCollection = null;
    }
  }
  // `gc()` as before for a full collection; the option object only for the young generation.
  if (type === 'minor') fullCollection?.({ type });
  else fullCollection?.();
}
