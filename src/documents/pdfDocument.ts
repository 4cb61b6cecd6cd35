import { performance } from 'node:perf_hooks';
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
      const file = `templates/${name}/main.hbs`;
      const info = { author: ctx.kit.organisers.map((o) => o.name).join(', ') || undefined };
      const fields = kitFields(ctx);
      // What the PDF and its diagnostics depend on besides the markup.
      const settings = [file, info.author ?? null, ctx.pdfa ?? false, ctx.messageLang, fields];
      const cached = ctx.cache?.open(name, { settings, renderer: ctx.renderer, kitDir: ctx.loaded?.dir, assets: ctx.assets });
      const t0 = performance.now();
      // The watch: a template that would read the same data as last time is not even rendered.
      const unchanged = cached?.unchanged(data);
      if (unchanged) return { content: unchanged.content, pages: unchanged.pages, diagnostics: unchanged.diagnostics, reused: true };
      const render = (d: object) => ctx.renderer.render(`${name}/main`, d);
      const rendered = cached ? cached.render(data, render) : render(data);
      const t1 = addStage('render', t0);
      if (rendered.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: rendered.diagnostics };
      await ctx.checkpoint?.();
      const reused = cached?.reuse(rendered.output, rendered.diagnostics);
      if (reused) return { content: reused.content, pages: reused.pages, diagnostics: rendered.diagnostics, reused: true };
      // Written to its file as it is drawn, unless the watch's cache keeps the PDF for the next build.
      const sink = cached ? undefined : ctx.openOutput?.();
      const make = (assets: DocumentContext['assets']) =>
        renderMarkup({ markup: rendered.output, file: rendered.file ?? file, locate: rendered.locate, assets, lang: ctx.messageLang, pdfa: ctx.pdfa, info, fields, checkpoint: ctx.checkpoint, sink });
      const result = cached ? await cached.remember(rendered.output, rendered.diagnostics, make) : await make(ctx.assets);
      addStage('layout', t1);
      const laid = result.diagnostics.map((d) => locateAtData(d, ctx.loaded, ctx.messageLang));
      const diagnostics = [...rendered.diagnostics, ...laid];
      if (sink) {
        const written = sink.close();
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
