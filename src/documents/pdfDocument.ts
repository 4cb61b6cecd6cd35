import { performance } from 'node:perf_hooks';
import type { DocumentName } from '../defaults.js';
import { DOCUMENTS } from '../defaults.js';
import { renderMarkup } from '../layout/renderMarkup.js';
import { locateAtData } from '../render/locateAtData.js';
import type { DocumentContext, DocumentSpec } from './DocumentSpec.js';
import type { SourceField } from '../layout/pages/layoutFurniture.js';
import { addStage, addStageTime } from '../stageClock.js';
import { RenderStopped } from '../render/RenderedParts.js';
import type { FileSink } from './FileSink.js';

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
      // Rendered part by part as the layout reads it (a day, a sheet…): a large document's markup is never whole.
      const rendered = ctx.renderer.renderParts(`${name}/main`, data);
      const t1 = addStage('render', t0);
      const failed = () => rendered.diagnostics.some((d) => d.severity === 'error');
      if (failed()) {
        rendered.finish();
        return { diagnostics: rendered.diagnostics };
      }
      await ctx.checkpoint?.();
      const file = `templates/${name}/main.hbs`;
      const info = { author: ctx.kit.organisers.map((o) => o.name).join(', ') || undefined };
      let sink: FileSink | undefined;
      try {
        const parts = timed(rendered.parts);
        // The watch's cache compares the whole markup with the previous build's.
        const whole = ctx.cache ? [...parts].join('') : undefined;
        const markup = whole ?? parts;
        // What the PDF depends on besides the markup (the diagnostic language only matters when there is no PDF).
        const inputs = { markup: whole ?? '', settings: [file, info.author ?? null, ctx.pdfa ?? false] };
        const reused = ctx.cache?.reuse(name, inputs, ctx.assets);
        if (reused) return { content: reused.pdf, pages: reused.pages, diagnostics: rendered.diagnostics, reused: true };
        // Written to its file as it is drawn, unless the watch's cache keeps the PDF for the next build.
        sink = ctx.cache ? undefined : ctx.openOutput?.();
        const make = (assets: DocumentContext['assets']) =>
          renderMarkup({ markup, file: rendered.file ?? file, locate: rendered.locate, assets, lang: ctx.messageLang, pdfa: ctx.pdfa, info, fields: kitFields(ctx), checkpoint: ctx.checkpoint, sink });
        const result = ctx.cache ? await ctx.cache.remember(name, inputs, ctx.assets, make) : await make(ctx.assets);
        addStage('layout', t1);
        // Parts rendered while laying out count as rendering; parts a failed layout did not read are rendered now, so
        // that every template problem is reported, and a template error stands alone, as before any layout.
        rendered.finish();
        addStageTime('render', parts.ms());
        addStageTime('layout', -parts.ms());
        if (failed()) {
          sink?.close();
          return { diagnostics: rendered.diagnostics };
        }
        const laid = result.diagnostics.map((d) => locateAtData(d, ctx.loaded, ctx.messageLang));
        const diagnostics = [...rendered.diagnostics, ...laid];
        if (sink) {
          const written = sink.close();
          return result.diagnostics.length ? { diagnostics } : { written, pages: result.pages, diagnostics };
        }
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
