import { runToEnd } from '../../../src/layout/core/checkpoint.js';
import { layoutFlow } from '../../../src/layout/flow/layoutFlow.js';
import { tocScanner } from '../../../src/layout/flow/layoutToc.js';
import { parseMarkup, type MarkupElement, type MarkupNode } from '../../../src/layout/markup/parseMarkup.js';
import { VOCABULARY } from '../../../src/layout/markup/vocabulary.js';
import { imposeSheets, misplacedBesideSheets } from '../../../src/layout/pages/imposeSheet.js';
import { documentSetup } from '../../../src/layout/pages/layoutDocument.js';
import { Paginator, type PaginatedPage } from '../../../src/layout/pages/paginate.js';

/**
 * The layout of a document's body as it was before it was laid out block by block (the reference the streamed
 * layout is held to): the whole markup parsed into one tree, the contents found over the whole body, sheets imposed,
 * the body paginated block by block from the tree.
 */
export function wholeTreeLayout(markup: string, file = 'doc.hbs', lang: 'fr' | 'en' = 'en') {
  const parsed = parseMarkup({ markup, file, lang });
  if (!parsed.root || parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  const root = parsed.root;
  const setup = documentSetup(root, file, lang);
  if (!('context' in setup)) return { diagnostics: [setup] };
  const ctx = setup.context();
  const body = root.children.filter((c) => !(c.type === 'element' && (c.name === 'header' || c.name === 'footer')));
  const sheets = body.filter((c): c is MarkupElement => c.type === 'element' && c.name === 'sheet');
  const pages: PaginatedPage[] = [];
  if (sheets.length) {
    const misplaced = body.filter(misplacedBesideSheets).flatMap((n) => [n.line, n.column]);
    const imposed = imposeSheets({ misplaced, sheets, ctx, page: setup.page });
    if (ctx.diagnostics.length) return { diagnostics: ctx.diagnostics };
    return { diagnostics: [], pages: imposed.pages.map((p) => ({ boxes: p.items })), outline: imposed.outline, ctx };
  }
  const scan = tocScanner();
  scan.add(body);
  ctx.toc = scan.found ? scan.state : undefined;
  const pager = new Paginator({ top: setup.top, height: ctx.bodyHeight, file, lang, diagnostics: ctx.diagnostics, onPage: (p) => pages.push(p) });
  const { outline } = runToEnd(
    (function* () {
      let inline: MarkupNode[] = [];
      for (const n of body) {
        if (n.type === 'text' || VOCABULARY[n.name]?.category === 'inline') {
          inline.push(n);
          continue;
        }
        if (inline.length) yield* pager.push(layoutFlow(inline, ctx));
        inline = [];
        yield* pager.push(layoutFlow([n], ctx));
      }
      if (inline.length) yield* pager.push(layoutFlow(inline, ctx));
      return yield* pager.end();
    })(),
  );
  if (ctx.diagnostics.length) return { diagnostics: ctx.diagnostics };
  return { diagnostics: [], pages, outline, ctx };
}
