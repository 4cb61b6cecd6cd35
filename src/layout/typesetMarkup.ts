import type { MarkupElement, MarkupNode } from './parseMarkup.js';
import { typeset, type TypoLang } from './typography.js';
import { VOCABULARY } from './vocabulary.js';

/**
 * Applies the typography of the document language (`<document lang>`, French by default) to every text node of
 * parsed markup, in place. Runs once per document, right after parsing, so every layout path (flow, tables,
 * cards, diagrams, headers and footers) sees the same typeset text.
 */
export function typesetMarkup(root: MarkupElement): void {
  const lang: TypoLang = root.attrs.lang === 'en' ? 'en' : 'fr';
  walk(root.children, lang, { last: '' });
}

/** `last`: the text just before, within the same paragraph (inline elements do not end it, blocks do). */
function walk(nodes: MarkupNode[], lang: TypoLang, ctx: { last: string }): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      n.text = typeset(n.text, lang, ctx.last);
      if (n.text) ctx.last = n.text;
      continue;
    }
    const inline = VOCABULARY[n.name]?.category === 'inline';
    if (!inline) ctx.last = '';
    walk(n.children, lang, ctx);
    if (!inline) ctx.last = '';
  }
}
