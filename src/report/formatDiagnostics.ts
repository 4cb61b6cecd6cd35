import { Chalk, type ChalkInstance } from 'chalk';
import { sortDiagnostics, toReport, type Diagnostic } from './Diagnostic.js';
import { defineMessages, type Lang } from './messages.js';
import { codeFrame, FRAME_WIDTH, sourceLines, type SourceLines } from './codeFrame.js';
import { showControls, showControlsInline } from './showControls.js';
import { wrapText } from './wrapText.js';

const t = defineMessages({
  fr: {
    hint: 'astuce :',
    error: 'erreur',
    warning: 'avertissement',
    errors: (p) => `${p.n} erreur${Number(p.n) > 1 ? 's' : ''}`,
    warnings: (p) => `${p.n} avertissement${Number(p.n) > 1 ? 's' : ''}`,
    clean: '{target} est valide : aucun problème',
    validWithWarnings: '{target} est valide ({counts})',
    invalid: '{target} : {counts}',
    strictFail: '{target} : {counts} (refusé avec --strict)',
  },
  en: {
    hint: 'hint:',
    error: 'error',
    warning: 'warning',
    errors: (p) => `${p.n} error${Number(p.n) === 1 ? '' : 's'}`,
    warnings: (p) => `${p.n} warning${Number(p.n) === 1 ? '' : 's'}`,
    clean: '{target} is valid: no problems',
    validWithWarnings: '{target} is valid ({counts})',
    invalid: '{target}: {counts}',
    strictFail: '{target}: {counts} (fails under --strict)',
  },
});

export interface FormatOptions {
  lang: Lang;
  /** Colours as decided by the CLI (level 0 for none). Default: no colour. */
  chalk?: ChalkInstance;
  /** The text of a kit file (or its lines), by its kit-relative path, for code frames; undefined if unreadable. */
  source?: (file: string) => string | SourceLines | undefined;
  /** How a kit-relative file is shown (the CLI makes it relative to the current folder). */
  displayPath?: (file: string) => string;
  /** Leave out warnings (unless `strict` makes them failures). */
  quiet?: boolean;
  strict?: boolean;
  /** Terminal width: messages and hints longer than this are wrapped, their next lines indented. Default: no wrapping. */
  width?: number;
}

const plain = new Chalk({ level: 0 });

/**
 * Diagnostics for a terminal, one block each: `file:line:col  erreur  message  [code]`, a code
 * frame, the hint, related places. Severity words are in the message language; CI reads
 * `--format github|gitlab|json` instead of parsing this. Every text that comes from the kit
 * (messages quote its values, file names, frames) has its control characters shown escaped, so a
 * kit cannot drive the terminal. Each file's text is split into lines once, for all its frames.
 */
export function formatDiagnostics(list: Diagnostic[], opts: FormatOptions): string {
  const chalk = opts.chalk ?? plain;
  const shown = sortDiagnostics(list).filter((d) => !opts.quiet || opts.strict || d.severity === 'error');
  const split = new Map<string, SourceLines | undefined>();
  const source = (file: string) => {
    if (!split.has(file)) {
      const text = opts.source?.(file);
      split.set(file, typeof text === 'string' ? sourceLines(text) : text);
    }
    return split.get(file);
  };
  return shown.map((d) => formatOne(d, { ...opts, chalk, source })).join('\n\n');
}

function formatOne(d: Diagnostic, opts: FormatOptions & { chalk: ChalkInstance }): string {
  const { chalk } = opts;
  const colour = d.severity === 'error' ? chalk.red : chalk.yellow;
  const wrap = (text: string, indent: string) => (opts.width ? wrapText(text, { width: opts.width, indent }) : text);
  const where = location(d.file, d.line, d.column, opts);
  const header = [where && chalk.cyan(where), colour.bold(t(opts.lang, d.severity)), showControls(d.message), chalk.dim(`[${d.code}]`)]
    .filter(Boolean)
    .join('  ');
  const out = [wrap(header, '    ')];
  const source = d.file && d.line ? opts.source?.(d.file) : undefined;
  if (source !== undefined && d.line) {
    const frame = codeFrame({ source, line: d.line, column: d.column, chalk, mark: colour });
    if (frame) out.push(frame);
  }
  if (d.hint) {
    const [first, ...rest] = showControls(d.hint).split('\n');
    // The lines after the sentence are YAML to copy: never wrapped, but a huge one is shortened in the middle.
    out.push(wrap(`  ${chalk.bold(t(opts.lang, 'hint'))} ${first}`, '    '), ...rest.map((l) => `  ${shorten(l)}`));
  }
  for (const r of d.related ?? []) {
    const at = location(r.file, r.line, r.column, opts);
    out.push(wrap(`  ↳ ${chalk.cyan(at)}${r.message ? `  ${showControls(r.message)}` : ''}`, '      '));
  }
  return out.join('\n');
}

function shorten(line: string): string {
  const half = FRAME_WIDTH / 2;
  return line.length <= FRAME_WIDTH + 8 ? line : `${line.slice(0, half)}…${line.slice(-half)}`;
}

function location(file: string | undefined, line: number | undefined, column: number | undefined, opts: FormatOptions): string {
  if (!file) return '';
  const shown = showControlsInline(opts.displayPath ? opts.displayPath(file) : file);
  if (!line) return shown;
  return column ? `${shown}:${line}:${column}` : `${shown}:${line}`;
}

/**
 * The closing line: `✓ kits/demo est valide : aucun problème`, `✓ … est valide (1 avertissement)`,
 * `✖ kits/demo : 2 erreurs, 1 avertissement`. `target` names the kit as the user typed it.
 */
export function formatSummary(list: Diagnostic[], opts: FormatOptions & { target: string }): string {
  const chalk = opts.chalk ?? plain;
  const report = toReport(list, { strict: opts.strict });
  const counts = [
    report.errors > 0 ? t(opts.lang, 'errors', { n: report.errors }) : '',
    report.warnings > 0 ? t(opts.lang, 'warnings', { n: report.warnings }) : '',
  ]
    .filter(Boolean)
    .join(', ');
  const target = showControlsInline(opts.target);
  if (report.ok) {
    const text = report.warnings === 0 ? t(opts.lang, 'clean', { target }) : t(opts.lang, 'validWithWarnings', { target, counts });
    return `${chalk.green('✓')} ${text}`;
  }
  const key = report.errors === 0 ? 'strictFail' : 'invalid';
  return `${chalk.red('✖')} ${t(opts.lang, key, { target, counts })}`;
}
