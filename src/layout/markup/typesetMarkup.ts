import type { MarkupElement, MarkupNode, MarkupText } from './markupNode.js';
import { typeset, type TypoLang } from './typography.js';
import { VOCABULARY } from './vocabulary.js';

/** French abbreviated ordinals set with a superscript ending: « 1er juillet », « 1re session », « 1ers ». */
const ORDINAL = /(?<![\p{L}\p{N}])1(ers?|res?)(?!\p{L})/u;
const ORDINALS = new RegExp(ORDINAL.source, 'gu');

/** A text node split around each ordinal ending, the ending in a `<sup>` (the text layer still reads « 1er »). */
function superscriptOrdinals(node: MarkupText): MarkupNode[] {
  const { text } = node;
  const piece = (t: string): MarkupText => ({ ...node, text: t });
  const out: MarkupNode[] = [];
  let last = 0;
  for (const m of text.matchAll(ORDINALS)) {
    const end = m.index + 1;
    out.push(piece(text.slice(last, end)), { line: node.line, column: node.column, type: 'element', name: 'sup', attrs: {}, children: [piece(m[1])] });
    last = end + m[1].length;
  }
  if (last < text.length) out.push(piece(text.slice(last)));
  return out;
}

/**
 * Applies the typography of the document language (`<document lang>`, French by default) to every text node of
 * parsed markup, in place. Runs once per document, right after parsing, so every layout path (flow, tables,
 * cards, diagrams, headers and footers) sees the same typeset text.
 */
export function typesetMarkup(root: MarkupElement): void {
  typesetter(root)(root.children);
}

/**
 * `typesetMarkup` for a document whose top-level nodes come a few at a time (parsed block by block): call the
 * returned function on each run of them, in order. Nodes of a run may be replaced in place (French ordinals).
 */
export function typesetter(root: MarkupElement): (nodes: MarkupNode[]) => void {
  const lang: TypoLang = root.attrs.lang === 'en' ? 'en' : 'fr';
  const ctx = { last: '' };
  return (nodes) => walk(nodes, lang, ctx);
}

/** `last`: the text just before, within the same paragraph (inline elements do not end it, blocks do). */
function walk(nodes: MarkupNode[], lang: TypoLang, ctx: { last: string }): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type === 'text') {
      n.text = typeset(n.text, lang, ctx.last);
      if (n.text) ctx.last = n.text;
      if (lang === 'fr' && ORDINAL.test(n.text)) {
        const parts = superscriptOrdinals(n);
        nodes.splice(i, 1, ...parts);
        i += parts.length - 1;
      }
      continue;
    }
    const inline = VOCABULARY[n.name]?.category === 'inline';
    if (!inline) ctx.last = '';
    walk(n.children, lang, ctx);
    if (!inline) ctx.last = '';
  }
}
