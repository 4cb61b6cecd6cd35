import type { ChalkInstance } from 'chalk';
import { showControls } from './showControls.js';

/** Characters of a source line shown around the column; longer lines are cut, with `…` where cut. */
export const FRAME_WIDTH = 120;

/** A file's text split into lines once, for every frame shown in it (see `sourceLines`). */
export type SourceLines = readonly string[];

/** Split a file's text into lines (LF or CRLF) — once per file, not once per diagnostic. */
export function sourceLines(source: string): SourceLines {
  return source.replace(/\r?\n$/, '').split(/\r?\n/);
}

/**
 * The YAML line at `line`:`column` (1-based) with one line of context above and below and a
 * caret under the column, indented by two spaces, laid out as @babel/code-frame does. Undefined
 * when the line is not in `source` (the file changed since it was checked, or the position is past
 * its end). Written here rather than with @babel/code-frame because that one splits the whole
 * source again for every frame (20,000 diagnostics in one file took minutes) and prints lines whole
 * (a 6 MB line printed 6 MB): here only the three lines are read, each cut to `FRAME_WIDTH`
 * characters around the column, and control characters from the kit are shown escaped (`\x1b`).
 */
export function codeFrame(opts: {
  source: string | SourceLines;
  line: number;
  column?: number;
  /** Colours the caret line; the rest of the frame is dimmed. */
  mark?: (text: string) => string;
  chalk?: ChalkInstance;
}): string | undefined {
  const lines = typeof opts.source === 'string' ? sourceLines(opts.source) : opts.source;
  const raw = lines[opts.line - 1];
  if (raw === undefined || opts.line < 1) return undefined;
  // A column past the end (e.g. "missing key" at the end of a line) points just after the text.
  const rawColumn = Math.min(Math.max(opts.column ?? 1, 1), raw.length + 1);
  const text = showControls(raw);
  const column = showControls(raw.slice(0, rawColumn - 1)).length + 1;
  // The same horizontal window for the three lines, so that they stay aligned.
  let from = 0;
  if (text.length + 1 > FRAME_WIDTH) {
    from = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, text.length + 1 - FRAME_WIDTH));
  }
  const cut = (t: string) => {
    if (from === 0 && t.length <= FRAME_WIDTH) return t;
    const shown = t.slice(from, from + FRAME_WIDTH);
    return (from > 0 ? '…' : '') + shown + (from + FRAME_WIDTH < t.length ? '…' : '');
  };
  const first = Math.max(1, opts.line - 1);
  const last = Math.min(lines.length, opts.line + 1);
  const width = String(last).length;
  const dim = opts.chalk ? opts.chalk.dim : (s: string) => s;
  const mark = opts.mark ?? ((s: string) => s);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const shown = n === opts.line ? cut(text) : cut(showControls(lines[n - 1]!));
    const gutter = ` ${String(n).padStart(width)} |`;
    const body = shown.length > 0 ? ` ${shown}` : '';
    if (n !== opts.line) {
      out.push(dim(` ${gutter}${body}`));
      continue;
    }
    out.push(dim(`>${gutter}${body}`));
    // Under the column: tabs kept (so the caret lines up whatever the tab width), the rest blanked.
    const before = (from > 0 ? '…' : '') + text.slice(from, column - 1);
    out.push(mark(` ${gutter.replace(/\d/g, ' ')} ${before.replace(/[^\t]/g, ' ')}^`));
  }
  return out.map((l) => '  ' + l).join('\n');
}
