import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One element of a page's structure tree as pdfjs reads it back, with the text of its marked content. */
export interface StructNode {
  role: string;
  children: StructNode[];
  /** Text of this element and its descendants, in tree order, whitespace collapsed. */
  text: string;
}

export interface PageStructure {
  /** The children of the `Document` element on this page, in reading (tree) order. */
  top: StructNode[];
  /** Text drawn outside any structure element and outside artifacts (should be none in a tagged PDF). */
  untagged: string;
  /** Text drawn as artifacts. */
  artifacts: string;
}

interface RawNode {
  role?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

const collapse = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();

/** Reads the structure tree of every page of a PDF with pdfjs (`getStructTree`), matched to the marked-content text. */
export async function pageStructures(pdf: Buffer): Promise<PageStructure[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: PageStructure[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Text of each marked-content sequence by id; artifacts and text outside any sequence on the side.
    const byId = new Map<string, string>();
    const stack: Array<{ id?: string; artifact: boolean }> = [];
    let untagged = '';
    let artifacts = '';
    for (const item of content.items) {
      if ('type' in item) {
        const tag = (item as { tag?: string }).tag;
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push({ id: item.id ?? undefined, artifact: tag === 'Artifact' });
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      const top = stack[stack.length - 1];
      if (top?.artifact) artifacts += ` ${item.str}`;
      else if (top?.id) byId.set(top.id, `${byId.get(top.id) ?? ''} ${item.str}`);
      else untagged += ` ${item.str}`;
    }
    const tree = (await page.getStructTree()) as RawNode | null;
    const convert = (raw: RawNode): StructNode => {
      const children: StructNode[] = [];
      const parts: string[] = [];
      for (const c of raw.children ?? []) {
        if (c.role !== undefined) {
          const child = convert(c);
          children.push(child);
          parts.push(child.text);
        } else if (c.type === 'content' && c.id) parts.push(byId.get(c.id) ?? '');
      }
      return { role: raw.role!, children, text: collapse(parts.join(' ')) };
    };
    const document = (tree?.children ?? []).find((c) => c.role === 'Document');
    out.push({ top: document ? convert(document).children : [], untagged: collapse(untagged), artifacts: collapse(artifacts) });
  }
  await doc.destroy();
  return out;
}

/** Every role in a subtree. */
export function rolesOf(node: StructNode): string[] {
  return [node.role, ...node.children.flatMap(rolesOf)];
}
