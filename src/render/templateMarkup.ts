import { VOCABULARY } from '../layout/markup/vocabulary.js';
import { positionOf } from './templateSyntax.js';

/** An element or attribute name written in a template's markup that the layout does not know. */
export interface MarkupProblem {
  kind: 'element' | 'attribute';
  name: string;
  /** The element of an attribute. */
  element?: string;
  line: number;
  column: number;
}

/** Stands for template code in the markup: not a name character, so `<{{tag}}>` or `{{name}}="…"` is never checked. */
const HOLE = '\u0001';

/** The template's text with each `{{…}}` tag replaced by holes of the same length (line breaks kept). */
function markupOnly(text: string): string {
  const hole = (m: string) => m.replace(/[^\n]/g, HOLE);
  return text.replace(/\{\{~?!--[\s\S]*?--~?\}\}/g, hole).replace(/\{\{\{[\s\S]*?\}\}\}/g, hole).replace(/\{\{[\s\S]*?\}\}/g, hole);
}

const TAG = /<([A-Za-z][\w.:-]*)/g;
const ATTR = /\s+([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/y;

/**
 * Element and attribute names of a template's own markup that are not in the vocabulary
 * (`src/layout/markup/vocabulary.ts`), found in the text before rendering: the whole template is checked,
 * including branches the kit's data never takes. Names made by template code are left alone.
 */
export function checkMarkupNames(text: string): MarkupProblem[] {
  const markup = markupOnly(text);
  const problems: MarkupProblem[] = [];
  for (const m of markup.matchAll(TAG)) {
    const name = m[1] ?? '';
    const start = m.index ?? 0;
    const after = markup[start + m[0].length];
    if (after === HOLE) continue;
    const spec = VOCABULARY[name];
    if (!spec) {
      problems.push({ kind: 'element', name, ...positionOf(text, start) });
      continue;
    }
    ATTR.lastIndex = start + m[0].length;
    for (let a = ATTR.exec(markup); a; a = ATTR.exec(markup)) {
      const attr = a[1] ?? '';
      if (attr.includes(HOLE) || Object.prototype.hasOwnProperty.call(spec.attrs, attr)) continue;
      const at = a.index + a[0].indexOf(attr);
      problems.push({ kind: 'attribute', name: attr, element: name, ...positionOf(text, at) });
    }
  }
  return problems;
}
