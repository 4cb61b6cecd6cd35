import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DocumentName } from '../defaults.js';
import { DOCUMENTS } from '../defaults.js';
import { renderMarkup } from '../layout/renderMarkup.js';
import { locateAtData } from '../render/locateAtData.js';
import type { DocumentContext, DocumentSpec } from './DocumentSpec.js';
import type { SourceField } from '../layout/pages/layoutFurniture.js';
import { addStage } from '../stageClock.js';

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
      const t0 = performance.now();
      const rendered = ctx.renderer.render(`${name}/main`, data);
      const t1 = addStage('render', t0);
      if (rendered.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: rendered.diagnostics };
      await ctx.checkpoint?.();
      const file = `templates/${name}/main.hbs`;
      const info = { author: ctx.kit.organisers.map((o) => o.name).join(', ') || undefined };
      // What the PDF depends on besides the markup (the diagnostic language only matters when there is no PDF).
      const inputs = { markup: rendered.output, settings: [file, info.author ?? null, ctx.pdfa ?? false] };
      const reused = ctx.cache?.reuse(name, inputs, ctx.assets);
      if (reused) return { content: reused.pdf, pages: reused.pages, diagnostics: rendered.diagnostics, reused: true };
      // Written to its file as it is drawn, unless the watch's cache keeps the PDF for the next build.
      const sink = ctx.cache ? undefined : ctx.openOutput?.();
      const make = (assets: DocumentContext['assets']) =>
        renderMarkup({ markup: rendered.output, file: rendered.file ?? file, locate: rendered.locate, assets, lang: ctx.messageLang, pdfa: ctx.pdfa, info, fields: kitFields(ctx), checkpoint: ctx.checkpoint, sink });
      const result = ctx.cache ? await ctx.cache.remember(name, inputs, ctx.assets, make) : await make(ctx.assets);
      addStage('layout', t1);
      const laid = result.diagnostics.map((d) => locateAtData(d, ctx.loaded, ctx.messageLang));
      const diagnostics = [...rendered.diagnostics, ...laid];
      if (sink) {
        const written = sink.close();
        if (result.pages >= LONG_DOCUMENT) collectGarbage();
        return result.diagnostics.length ? { diagnostics } : { written, pages: result.pages, diagnostics };
      }
      return { content: result.pdf, pages: result.pages, diagnostics };
    },
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

let fullCollection: (() => void) | null | undefined;

/**
 * A full garbage collection once a long document is written (a build, not the watch, which keeps its PDFs). All of
 * its markup, layout and drawing is garbage then, but V8 sizes the heap from the collections it made so far and
 * lets the next document grow it further before collecting: on the 500-workshop kit the peak memory went from
 * ~310 to ~225 MB (Node 20), for a few hundred ms of collection. `gc` is reached as test runners do (`--expose-gc` set at run time, then
 * read in a new context); where that fails, nothing is collected early.
 */
export function collectGarbage(): void {
  if (fullCollection === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      fullCollection = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      fullCollection = null;
    }
  }
  fullCollection?.();
}
