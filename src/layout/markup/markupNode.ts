// The parsed markup tree, apart from the parser so that `typesetMarkup` (which the parser calls) can read it
// without importing the parser back.

export interface Position {
  line: number;
  column: number;
}

export interface MarkupElement extends Position {
  type: 'element';
  name: string;
  /** Raw attribute values (already entity-decoded); checked against the vocabulary. */
  attrs: Record<string, string>;
  children: MarkupNode[];
}

export interface MarkupText extends Position {
  type: 'text';
  /** Whitespace runs already collapsed to one space, like HTML. */
  text: string;
}

export type MarkupNode = MarkupElement | MarkupText;
