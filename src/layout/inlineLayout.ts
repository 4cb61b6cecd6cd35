import type { FontBook, FontId } from './fonts.js';
import { hyphenateRuns, NARROW_COLUMN } from './hyphenate.js';
import type { TypoLang } from './typography.js';
import type { MarkupNode } from './parseMarkup.js';
import type { Box, Role, TextBox } from './model.js';
import { parseColor, parseNumber } from './units.js';

export interface RunStyle {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  link?: string;
  /** Structure element (`Link`) of the `<a>` the text is in. */
  linkNode?: number;
}

export type Run = { text: string; style: RunStyle } | { br: true; style: RunStyle };

/** Page furniture values, known only once pages are counted. */
export interface PageContext {
  page: number;
  pages: number;
}

export interface CollectOptions {
  page?: PageContext;
  /** Colour of link text when the template gives none. */
  linkColor?: string;
  /** Creates the `Link` structure element of an `<a>`. */
  linkNode?: () => number;
}

/** Flattens inline markup into styled text runs. */
export function collectRuns(nodes: MarkupNode[], style: RunStyle, opts: CollectOptions = {}, out: Run[] = []): Run[] {
  const page = opts.page;
  for (const n of nodes) {
    if (n.type === 'text') {
      out.push({ text: n.text, style });
      continue;
    }
    switch (n.name) {
      case 'b':
        collectRuns(n.children, { ...style, bold: true }, opts, out);
        break;
      case 'i':
        collectRuns(n.children, { ...style, italic: true }, opts, out);
        break;
      case 'color':
      case 'span': {
        const c = parseColor(n.attrs.value ?? n.attrs.color ?? '');
        const s = parseNumber(n.attrs.size ?? '');
        collectRuns(n.children, { ...style, ...(c.ok ? { color: c.value } : {}), ...(s.ok ? { size: s.value } : {}) }, opts, out);
        break;
      }
      case 'a':
        collectRuns(n.children, { ...style, link: n.attrs.href, linkNode: opts.linkNode?.(), color: opts.linkColor ?? style.color }, opts, out);
        break;
      case 'br':
        out.push({ br: true, style });
        break;
      case 'page-number':
        out.push({ text: String(page?.page ?? 0), style });
        break;
      case 'page-count':
        out.push({ text: String(page?.pages ?? 0), style });
        break;
      default:
        // Blocks never reach here: the checker only lets inline elements into inline content.
        collectRuns(n.children, style, opts, out);
    }
  }
  return out;
}

interface Piece {
  text: string;
  font: FontId;
  size: number;
  color: string;
  link?: string;
  linkNode?: number;
  width: number;
}

type Token =
  | { kind: 'word'; pieces: Piece[]; width: number }
  | { kind: 'space'; piece: Piece }
  | { kind: 'shy'; hyphen: Piece }
  | { kind: 'br'; size: number };

export interface LaidLine {
  height: number;
  width: number;
  /** Boxes with x from the left edge of the text column and y from the top of the line. */
  boxes: Box[];
}

export interface LineOptions {
  runs: Run[];
  width: number;
  book: FontBook;
  align?: 'left' | 'center' | 'right';
  lineHeight?: number;
  role: Role;
  node?: number;
  /** Document language: columns narrower than `NARROW_COLUMN` are then hyphenated with its patterns. */
  lang?: TypoLang;
}

function measure(book: FontBook, text: string, style: RunStyle): Piece[] {
  return book.segments(text, style).map((s) => ({
    text: s.text,
    font: s.font,
    size: style.size,
    color: style.color,
    link: style.link,
    linkNode: style.linkNode,
    width: book.width(s.text, s.font, style.size),
  }));
}

const GLUE_BEFORE = /^[?!:;»]/;
const GLUE_AFTER = /«$/;

function tokenize(runs: Run[], book: FontBook): Token[] {
  const tokens: Token[] = [];
  let word: Piece[] | null = null;
  const endWord = () => {
    if (word?.length) tokens.push({ kind: 'word', pieces: word, width: word.reduce((s, p) => s + p.width, 0) });
    word = null;
  };
  for (const run of runs) {
    if ('br' in run) {
      endWord();
      while (tokens.length && tokens[tokens.length - 1].kind === 'space') tokens.pop();
      tokens.push({ kind: 'br', size: run.style.size });
      continue;
    }
    // Spaces and soft hyphens are the only break opportunities (no-break spaces are not).
    const parts = run.text.split(/( |\u00AD)/);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      if (part === '') continue;
      // French typography: a space before ? ! : ; » or after « never breaks (data rarely has the no-break space).
      if (part === ' ' && word?.length && (GLUE_BEFORE.test(parts[k + 1] ?? '') || GLUE_AFTER.test(word[word.length - 1].text))) {
        word.push(...measure(book, part, run.style));
        continue;
      }
      if (part === ' ') {
        endWord();
        const last = tokens[tokens.length - 1];
        if (last && last.kind !== 'space' && last.kind !== 'br') tokens.push({ kind: 'space', piece: measure(book, ' ', run.style)[0] });
      } else if (part === '\u00AD') {
        endWord();
        tokens.push({ kind: 'shy', hyphen: measure(book, '-', run.style)[0] });
      } else {
        word ??= [];
        word.push(...measure(book, part, run.style));
      }
    }
  }
  endWord();
  while (tokens.length && tokens[tokens.length - 1].kind === 'space') tokens.pop();
  return tokens;
}

/**
 * Cuts a word wider than the column into chunks that fit (never drops a character). Characters are measured one
 * by one (cached), not as growing prefixes, so a pathological word costs linear time and pollutes no cache.
 */
function splitWord(book: FontBook, pieces: Piece[], width: number): Piece[][] {
  const chunks: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const p of pieces) {
    let text = '';
    let w = 0;
    const flush = () => {
      if (text) line.push({ ...p, text, width: w });
      text = '';
      w = 0;
    };
    for (const ch of p.text) {
      const cw = book.width(ch, p.font, p.size);
      if (used + cw > width && used > 0) {
        flush();
        chunks.push(line);
        line = [];
        used = 0;
      }
      text += ch;
      w += cw;
      used += cw;
    }
    flush();
  }
  if (line.length) chunks.push(line);
  return chunks;
}

/** A line filled to this fraction of its width breaks at its last space rather than hyphenate a word. */
const HYPHENATE_BELOW_FILL = 0.65;

/** Greedy line breaking of styled runs into a column of `width` points. */
export function breakLines(opts: LineOptions): LaidLine[] {
  const { book, width, role, node } = opts;
  const ratio = opts.lineHeight ?? 1.3;
  const runs = opts.lang && width < NARROW_COLUMN ? hyphenateRuns(opts.runs, opts.lang) : opts.runs;
  const tokens = tokenize(runs, book);
  const lines: LaidLine[] = [];
  let cur: Piece[] = [];
  let used = 0;
  let pendingSpace: Piece | null = null;
  let pendingShy: Piece | null = null;
  // Where the line's last space is (index in `cur`, width before it): a line already this full
  // breaks there rather than hyphenate the word that crosses its end.
  let lastSpace: { at: number; used: number } | null = null;

  const emit = (hyphen: Piece | null, emptySize?: number, atSpace = false) => {
    const pieces = hyphen ? [...cur, hyphen] : cur;
    const line = buildLine({ pieces, width, ratio, align: opts.align ?? 'left', role, node, emptySize });
    if (atSpace) markTrailingSpace(line);
    lines.push(line);
    cur = [];
    used = 0;
    pendingSpace = null;
    pendingShy = null;
    lastSpace = null;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'br') {
      emit(null, t.size);
      continue;
    }
    if (t.kind === 'space') {
      if (cur.length) pendingSpace = t.piece;
      pendingShy = null;
      continue;
    }
    if (t.kind === 'shy') {
      pendingShy = t.hyphen;
      continue;
    }
    const gap = pendingSpace ? pendingSpace.width : 0;
    // A word part followed by a soft hyphen may end the line there: leave room for the printed hyphen.
    const next = tokens[i + 1];
    const hyphen = next?.kind === 'shy' ? next.hyphen.width : 0;
    if (cur.length && used + gap + t.width + hyphen > width) {
      const carriedWidth = lastSpace ? used - lastSpace.used - (cur[lastSpace.at]?.width ?? 0) : 0;
      const carry = pendingShy && !pendingSpace && lastSpace && lastSpace.used >= HYPHENATE_BELOW_FILL * width
        && carriedWidth + t.width + hyphen <= width;
      if (carry && lastSpace) {
        // Mid-word, on a line already nearly full: carry the word's start over instead of hyphenating.
        const carried = cur.slice(lastSpace.at + 1);
        cur = cur.slice(0, lastSpace.at);
        emit(null, undefined, true);
        cur = carried;
        used = carried.reduce((sum, p) => sum + p.width, 0);
      } else {
        // Broken at a space: the space is dropped from the layout but kept in the PDF's text (see `trailingSpace`).
        emit(pendingShy && !pendingSpace ? pendingShy : null, undefined, pendingSpace !== null);
      }
    }
    if (!cur.length && t.width > width) {
      const chunks = splitWord(book, t.pieces, width);
      chunks.forEach((chunk, k) => {
        cur = chunk;
        used = chunk.reduce((s, p) => s + p.width, 0);
        if (k < chunks.length - 1) emit(null);
      });
      continue;
    }
    if (cur.length && pendingSpace) {
      lastSpace = { at: cur.length, used };
      cur.push(pendingSpace);
      used += pendingSpace.width;
    }
    pendingSpace = null;
    pendingShy = null;
    cur.push(...t.pieces);
    used += t.width;
  }
  if (cur.length) emit(null);
  return lines;
}

/** Flags the last text of a line broken at a space, so the renderer writes that space (see `TextBox.trailingSpace`). */
function markTrailingSpace(line: LaidLine): void {
  for (let k = line.boxes.length - 1; k >= 0; k--) {
    const b = line.boxes[k];
    if (b.kind !== 'text') continue;
    b.trailingSpace = true;
    return;
  }
}

function buildLine(opts: {
  pieces: Piece[];
  width: number;
  ratio: number;
  align: 'left' | 'center' | 'right';
  role: Role;
  node?: number;
  emptySize?: number;
}): LaidLine {
  const { pieces, ratio, role, node } = opts;
  const maxSize = pieces.reduce((m, p) => Math.max(m, p.size), pieces.length ? 0 : (opts.emptySize ?? 10));
  const height = maxSize * ratio;
  const baseline = height / 2 + maxSize * 0.35;
  const lineWidth = pieces.reduce((s, p) => s + p.width, 0);
  let x = opts.align === 'center' ? (opts.width - lineWidth) / 2 : opts.align === 'right' ? opts.width - lineWidth : 0;
  const boxes: Box[] = [];
  let last: TextBox | null = null;
  let linkStart = 0;
  let linkUrl: string | undefined;
  let linkNode: number | undefined;
  const closeLink = (endX: number) => {
    if (linkUrl) boxes.push({ kind: 'link', url: linkUrl, x: linkStart, y: 0, width: endX - linkStart, height, role: 'Link', node: linkNode });
    linkUrl = undefined;
  };
  for (const p of pieces) {
    if (p.link !== linkUrl || p.linkNode !== linkNode) {
      closeLink(x);
      linkNode = p.linkNode;
      if (p.link) {
        linkUrl = p.link;
        linkStart = x;
      }
    }
    const pieceRole: Role = p.linkNode !== undefined ? 'Link' : role;
    const pieceNode = p.linkNode ?? node;
    // Merge neighbours with the same face, size, colour and structure element into one text box (fewer PDF operators).
    if (last && last.font === p.font && last.size === p.size && last.color === p.color && last.node === pieceNode && last.role === pieceRole) {
      last.text += p.text;
      last.width += p.width;
    } else {
      last = { kind: 'text', text: p.text, font: p.font, size: p.size, color: p.color, x, y: baseline, width: p.width, role: pieceRole, node: pieceNode };
      boxes.push(last);
    }
    x += p.width;
  }
  closeLink(x);
  return { height, width: lineWidth, boxes };
}
