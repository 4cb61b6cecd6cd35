import type { FontBook, FontId } from '../fonts/fonts.js';
import { hyphenateRuns, NARROW_COLUMN } from './hyphenate.js';
import type { TypoLang } from '../markup/typography.js';
import type { MarkupNode } from '../markup/parseMarkup.js';
import type { Box, Role, TextBox } from './model.js';
import { parseColor, parseNumber } from '../core/units.js';

export interface RunStyle {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  link?: string;
  /** Structure element (`Link`) of the `<a>` the text is in. */
  linkNode?: number;
  /** How far above the baseline the text sits (`<sup>`), in points. */
  rise?: number;
}

export type Run = { text: string; style: RunStyle } | { br: true; style: RunStyle };

/** Page furniture values, known only once pages are counted. */
export interface PageContext {
  page: number;
  pages: number;
  /** The page's running text (`<running>`), for `<running-title/>`. */
  running?: string;
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
      case 'sup':
        // The font has no superscript letters (its `sups` feature covers figures only): smaller and raised.
        collectRuns(n.children, { ...style, size: style.size * 0.62, rise: (style.rise ?? 0) + style.size * 0.36 }, opts, out);
        break;
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
      case 'running-title':
        if (page?.running) out.push({ text: page.running, style });
        break;
      default:
        // Blocks never reach here: the checker only lets inline elements into inline content.
        collectRuns(n.children, style, opts, out);
    }
  }
  return out;
}

/** A measured stretch of one face and style; it shares its run's style rather than copying it. */
interface Piece {
  text: string;
  font: FontId;
  style: RunStyle;
  width: number;
  /** The hyphen of a word broken at the line end: drawn, but not part of the text (see `TextBox.outline`). */
  outline?: true;
}

/** A word is `pieces[start..end)` of its paragraph: words share one array of pieces instead of one array each. */
type Token =
  | { kind: 'word'; start: number; end: number; width: number }
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
  /** Document language: the running text of columns narrower than `NARROW_COLUMN` is then hyphenated (see `hyphenateRuns`). */
  lang?: TypoLang;
}

/**
 * Measures `text` into `out`, one piece per face (text face or fallback). Returns `width` plus the pieces' widths,
 * added one by one in order, so a word's width is the same sum whichever way its text was split.
 */
function measure(book: FontBook, text: string, style: RunStyle, out: Piece[], width = 0): number {
  for (const s of book.segments(text, style)) {
    const w = s.perPoint * style.size;
    out.push({ text: s.text, font: s.font, style, width: w });
    width += w;
  }
  return width;
}

/** A single piece: a space or a hyphen, which the text face always has. */
function measureOne(book: FontBook, text: string, style: RunStyle): Piece {
  const out: Piece[] = [];
  measure(book, text, style, out);
  return out[0];
}

const SPACE = 32;
const SHY = 0xad;
/** French typography: a space before ? ! : ; » or after « never breaks (data rarely has the no-break space). */
const GLUE_BEFORE = new Set(['?', '!', ':', ';', '»']);
const GLUE_AFTER = '«';

function tokenize(runs: Run[], book: FontBook): { tokens: Token[]; pieces: Piece[] } {
  const tokens: Token[] = [];
  const pieces: Piece[] = [];
  let wordStart = 0;
  let wordWidth = 0;
  const endWord = () => {
    if (pieces.length > wordStart) tokens.push({ kind: 'word', start: wordStart, end: pieces.length, width: wordWidth });
    wordStart = pieces.length;
    wordWidth = 0;
  };
  // Runs of a paragraph share their style objects: one space piece and one hyphen piece per style.
  let spaceStyle: RunStyle | null = null;
  let space: Piece | null = null;
  let hyphenStyle: RunStyle | null = null;
  let hyphen: Piece | null = null;
  for (const run of runs) {
    if ('br' in run) {
      endWord();
      while (tokens.length && tokens[tokens.length - 1].kind === 'space') tokens.pop();
      tokens.push({ kind: 'br', size: run.style.size });
      continue;
    }
    const { text, style } = run;
    // Spaces and soft hyphens are the only break opportunities (no-break spaces are not).
    let start = 0;
    for (let k = 0; k <= text.length; k++) {
      const c = k < text.length ? text.charCodeAt(k) : -1;
      if (c !== SPACE && c !== SHY && c !== -1) continue;
      if (k > start) wordWidth = measure(book, text.slice(start, k), style, pieces, wordWidth);
      start = k + 1;
      if (c === SPACE) {
        const inWord = pieces.length > wordStart;
        if (inWord && (GLUE_BEFORE.has(text[k + 1]) || pieces[pieces.length - 1].text.endsWith(GLUE_AFTER))) {
          wordWidth = measure(book, ' ', style, pieces, wordWidth);
          continue;
        }
        endWord();
        const last = tokens[tokens.length - 1];
        if (last && last.kind !== 'space' && last.kind !== 'br') {
          if (spaceStyle !== style) {
            space = measureOne(book, ' ', style);
            spaceStyle = style;
          }
          tokens.push({ kind: 'space', piece: space! });
        }
      } else if (c === SHY) {
        endWord();
        if (hyphenStyle !== style) {
          hyphen = measureOne(book, '-', style);
          hyphenStyle = style;
        }
        tokens.push({ kind: 'shy', hyphen: hyphen! });
      }
    }
  }
  endWord();
  while (tokens.length && tokens[tokens.length - 1].kind === 'space') tokens.pop();
  return { tokens, pieces };
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
    for (const ch of book.cuttable(p.text, p.font)) {
      const cw = book.width(ch, p.font, p.style.size);
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
  const tooWide = (word: string, run: { style: RunStyle }) => book.segments(word, run.style).reduce((w, g) => w + g.perPoint * run.style.size, 0) > width;
  const runs = opts.lang && width < NARROW_COLUMN ? hyphenateRuns(opts.runs, { lang: opts.lang, tooWide }) : opts.runs;
  const { tokens, pieces } = tokenize(runs, book);
  const lines: LaidLine[] = [];
  let cur: Piece[] = [];
  let used = 0;
  let pendingSpace: Piece | null = null;
  let pendingShy: Piece | null = null;
  // Where the line's last space is (index in `cur`, -1 for none; width before it): a line already this full
  // breaks there rather than hyphenate the word that crosses its end.
  let lastSpaceAt = -1;
  let lastSpaceUsed = 0;

  const emit = (hyphen: Piece | null, emptySize?: number, atSpace = false) => {
    if (hyphen) cur.push({ ...hyphen, outline: true });
    const line = buildLine({ pieces: cur, width, ratio, align: opts.align ?? 'left', role, node, emptySize });
    if (atSpace) markTrailingSpace(line);
    lines.push(line);
    cur = [];
    used = 0;
    pendingSpace = null;
    pendingShy = null;
    lastSpaceAt = -1;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'br') {
      // A forced break is a word boundary too: the text layer gets a space there, as at a soft break.
      emit(null, t.size, true);
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
      const hasSpace = lastSpaceAt >= 0;
      const carriedWidth = hasSpace ? used - lastSpaceUsed - (cur[lastSpaceAt]?.width ?? 0) : 0;
      const carry = pendingShy && !pendingSpace && hasSpace && lastSpaceUsed >= HYPHENATE_BELOW_FILL * width
        && carriedWidth + t.width + hyphen <= width;
      if (carry) {
        // Mid-word, on a line already nearly full: carry the word's start over instead of hyphenating.
        const carried = cur.slice(lastSpaceAt + 1);
        cur = cur.slice(0, lastSpaceAt);
        emit(null, undefined, true);
        cur = carried;
        used = carried.reduce((sum, p) => sum + p.width, 0);
      } else {
        // Broken at a space: the space is dropped from the layout but kept in the PDF's text (see `trailingSpace`).
        emit(pendingShy && !pendingSpace ? pendingShy : null, undefined, pendingSpace !== null);
      }
    }
    if (!cur.length && t.width > width) {
      const chunks = splitWord(book, pieces.slice(t.start, t.end), width);
      chunks.forEach((chunk, k) => {
        cur = chunk;
        used = chunk.reduce((s, p) => s + p.width, 0);
        if (k < chunks.length - 1) emit(null);
      });
      continue;
    }
    if (cur.length && pendingSpace) {
      lastSpaceAt = cur.length;
      lastSpaceUsed = used;
      cur.push(pendingSpace);
      used += pendingSpace.width;
    }
    pendingSpace = null;
    pendingShy = null;
    for (let k = t.start; k < t.end; k++) cur.push(pieces[k]);
    used += t.width;
  }
  if (cur.length) emit(null);
  return lines;
}

/** Flags the last text of a line broken at a space, so the renderer writes that space (see `TextBox.trailingSpace`). */
function markTrailingSpace(line: LaidLine): void {
  for (let k = line.boxes.length - 1; k >= 0; k--) {
    const b = line.boxes[k];
    if (b.kind !== 'text' || b.outline) continue;
    b.trailingSpace = true;
    return;
  }
}

/** Scratch list of `buildLine` (which never runs inside itself): one array for all lines instead of one per line. */
const boxTexts: string[] = [];

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
  let maxSize = pieces.length ? 0 : (opts.emptySize ?? 10);
  let lineWidth = 0;
  for (const p of pieces) {
    maxSize = Math.max(maxSize, p.style.size);
    lineWidth += p.width;
  }
  const height = maxSize * ratio;
  const baseline = height / 2 + maxSize * 0.35;
  let x = opts.align === 'center' ? (opts.width - lineWidth) / 2 : opts.align === 'right' ? opts.width - lineWidth : 0;
  const boxes: Box[] = [];
  let last: TextBox | null = null;
  // Texts of the open box, joined once it is complete: one flat string per box rather than a chain of
  // concatenations, which the model would keep alive until the page is drawn.
  const texts = boxTexts;
  texts.length = 0;
  const closeText = () => {
    if (last && texts.length > 1) last.text = texts.join('');
  };
  let linkStart = 0;
  let linkUrl: string | undefined;
  let linkNode: number | undefined;
  const closeLink = (endX: number) => {
    if (linkUrl) boxes.push({ kind: 'link', url: linkUrl, x: linkStart, y: 0, width: endX - linkStart, height, role: 'Link', node: linkNode });
    linkUrl = undefined;
  };
  for (const p of pieces) {
    const { style } = p;
    if (style.link !== linkUrl || style.linkNode !== linkNode) {
      closeLink(x);
      linkNode = style.linkNode;
      if (style.link) {
        linkUrl = style.link;
        linkStart = x;
      }
    }
    const pieceRole: Role = style.linkNode !== undefined ? 'Link' : role;
    const pieceNode = style.linkNode ?? node;
    if (p.outline) {
      closeText();
      boxes.push({ kind: 'text', text: p.text, font: p.font, size: style.size, color: style.color, x, y: baseline, width: p.width, role: pieceRole, node: pieceNode, outline: true });
      last = null;
      x += p.width;
      continue;
    }
    // Merge neighbours with the same face, size, colour and structure element into one text box (fewer PDF operators).
    const y = baseline - (style.rise ?? 0);
    if (last && last.font === p.font && last.size === style.size && last.color === style.color && last.node === pieceNode && last.role === pieceRole && last.y === y) {
      texts.push(p.text);
      last.width += p.width;
    } else {
      closeText();
      last = { kind: 'text', text: p.text, font: p.font, size: style.size, color: style.color, x, y, width: p.width, role: pieceRole, node: pieceNode };
      texts.length = 0;
      texts.push(p.text);
      boxes.push(last);
    }
    x += p.width;
  }
  closeText();
  closeLink(x);
  return { height, width: lineWidth, boxes };
}
