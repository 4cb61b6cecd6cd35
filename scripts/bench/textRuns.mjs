/**
 * Extracts the text runs capa draws for one PDF document of a kit (from its layout model), for the
 * bare-pdfkit floor: `node scripts/bench/textRuns.mjs <kitDir> <document> <out.json>`.
 * The document is made the normal way (lib/, after `npm run build`) with a renderer that keeps the markup of the
 * document's template (whole, or the parts the layout read), which is then laid out again to get the model. With a fourth argument, the
 * markup itself is written there too (the Typst peer is made from it: scripts/bench/typstSource.mjs).
 */
import { writeFileSync } from 'node:fs';
import { checkKit } from '../../lib/check/validateKit.js';
import { createRenderer } from '../../lib/render/createRenderer.js';
import { DOCUMENT_SPECS } from '../../lib/documents/registry.js';
import { layoutDocument } from '../../lib/layout/pages/layoutDocument.js';
import { FONT_FILES } from '../../lib/layout/fonts/fonts.js';

const [dir, name, out, markupOut] = process.argv.slice(2);
const checked = await checkKit({ dir });
if (!checked.kit) throw new Error(`kit ${dir} does not check`);
const spec = DOCUMENT_SPECS.find((s) => s.name === name);
if (!spec) throw new Error(`no document ${name}`);
const renderer = createRenderer({ kitDir: dir, lang: checked.kit.lang });
let markup;
const keeping = Object.create(renderer, {
  render: {
    value: (template, data) => {
      const r = renderer.render(template, data);
      if (template === `${name}/main`) markup = r.output;
      return r;
    },
  },
  // A build renders a document in parts as its layout reads them: the parts read are kept, in order.
  renderParts: {
    value: (template, data) => {
      const r = renderer.renderParts(template, data);
      if (template !== `${name}/main`) return r;
      const read = [];
      markup = undefined;
      const parts = {
        *[Symbol.iterator]() {
          for (const part of r.parts) {
            read.push(part);
            yield part;
          }
          markup = read.join('');
        },
      };
      return Object.create(r, { parts: { value: parts } });
    },
  },
});
await spec.make({ kit: checked.kit, renderer: keeping, messageLang: 'fr', assets: () => undefined, loaded: checked.loaded });
if (markup === undefined) throw new Error(`document ${name} rendered no ${name}/main template`);
const { model, diagnostics } = layoutDocument({ markup, file: `${name}/main.hbs`, assets: () => undefined });
if (!model) throw new Error(`layout failed: ${diagnostics.map((d) => d.message).join('; ')}`);
const pages = model.pages.map((p) => ({
  width: p.width,
  height: p.height,
  runs: p.items.filter((b) => b.kind === 'text').map((b) => [b.font, b.size, b.color, b.x, b.y, b.text]),
}));
writeFileSync(out, JSON.stringify({ fonts: FONT_FILES, pages }));
if (markupOut) writeFileSync(markupOut, markup);
