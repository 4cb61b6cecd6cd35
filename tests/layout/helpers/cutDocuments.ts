import { checkKit } from '../../../src/check/validateKit.js';
import { badgesData } from '../../../src/documents/badges.js';
import { cardsData } from '../../../src/documents/cards.js';
import type { DocumentContext, PrintOptions } from '../../../src/documents/DocumentSpec.js';
import type { Kit } from '../../../src/kit/Kit.js';
import { layoutDocument, type LayoutResult } from '../../../src/layout/pages/layoutDocument.js';
import { createRenderer } from '../../../src/render/createRenderer.js';

/** Helper of the cards and badges tests: lay a cut document out without drawing it. */

/** The layout of `cards` or `badges` for a kit folder, made the way the document module makes it. */
export async function cutLayout(opts: { dir: string; document: 'cards' | 'badges'; print?: PrintOptions }): Promise<LayoutResult & { kit: Kit; markup: string }> {
  const checked = await checkKit({ dir: opts.dir, lang: 'fr' });
  if (!checked.kit) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  const kit = checked.kit;
  const renderer = createRenderer({ kitDir: checked.loaded.dir, lang: kit.lang, messageLang: 'fr' });
  const ctx: DocumentContext = { kit, renderer, messageLang: 'fr', assets: () => undefined, loaded: checked.loaded, print: opts.print };
  const doc = opts.document === 'cards' ? cardsData(ctx) : badgesData(ctx);
  const rendered = renderer.render(`${opts.document}/main`, { kit, theme: kit.theme, doc });
  if (rendered.diagnostics.length) throw new Error(rendered.diagnostics.map((d) => d.message).join('\n'));
  return { ...layoutDocument({ markup: rendered.output, file: `templates/${opts.document}/main.hbs` }), kit, markup: rendered.output };
}
