import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';

type CodeFrameColumns = typeof import('@babel/code-frame').codeFrameColumns;
const require = createRequire(import.meta.url);
let codeFrameColumns: CodeFrameColumns | undefined;

/**
 * The YAML line at `line`:`column` (1-based) with one line of context above and below and a
 * caret under the column, indented by two spaces. Undefined when the line is not in `source`
 * (the file changed since it was checked, or the position is past its end).
 */
export function codeFrame(opts: {
  source: string;
  line: number;
  column?: number;
  /** Colours the caret line; the rest of the frame is dimmed. */
  mark?: (text: string) => string;
  chalk?: ChalkInstance;
}): string | undefined {
  const lines = opts.source.replace(/\r?\n$/, '').split(/\r?\n/);
  const text = lines[opts.line - 1];
  if (text === undefined || opts.line < 1) return undefined;
  // A column past the end (e.g. "missing key" at the end of a line) points just after the text.
  const column = Math.min(Math.max(opts.column ?? 1, 1), text.length + 1);
  // Loaded on first use (with its three dependencies): a kit without problems prints no frame.
  codeFrameColumns ??= (require('@babel/code-frame') as { codeFrameColumns: CodeFrameColumns }).codeFrameColumns;
  // Syntax highlighting stays off: its colours would clash with ours and with NO_COLOR.
  const frame = codeFrameColumns(lines.join('\n'), { start: { line: opts.line, column } }, {
    linesAbove: 1,
    linesBelow: 1,
    highlightCode: false,
  });
  const dim = opts.chalk ? opts.chalk.dim : (s: string) => s;
  const mark = opts.mark ?? ((s: string) => s);
  return frame
    .split('\n')
    .map((l) => '  ' + (/^\s+\|\s*\^/.test(l) ? mark(l) : dim(l)))
    .join('\n');
}
