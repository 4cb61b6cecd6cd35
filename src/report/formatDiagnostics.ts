import { Chalk, type ChalkInstance } from 'chalk';
import { sortDiagnostics, toReport, type Diagnostic } from './Diagnostic.js';
import { defineMessages, type Lang } from './messages.js';
import { codeFrame } from './codeFrame.js';

const t = defineMessages({
  fr: {
    hint: 'astuce :',
    errors: (p) => `${p.n} erreur${Number(p.n) > 1 ? 's' : ''}`,
    warnings: (p) => `${p.n} avertissement${Number(p.n) > 1 ? 's' : ''}`,
    clean: '{target} est valide : aucun problème',
    validWithWarnings: '{target} est valide ({counts})',
    invalid: '{target} : {counts}',
    strictFail: '{target} : {counts} (refusé avec --strict)',
  },
  en: {
    hint: 'hint:',
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
  /** The text of a kit file, by its kit-relative path, for code frames; undefined if unreadable. */
  source?: (file: string) => string | undefined;
  /** How a kit-relative file is shown (the CLI makes it relative to the current folder). */
  displayPath?: (file: string) => string;
  /** Leave out warnings (unless `strict` makes them failures). */
  quiet?: boolean;
  strict?: boolean;
}

const plain = new Chalk({ level: 0 });

/**
 * Diagnostics for a terminal, one block each: `file:line:col  error  message  [code]`, a code
 * frame, the hint, related places. The severity words stay English (`error`/`warning`) in every
 * language so CI log parsers (problem matchers) read the header the same way.
 */
export function formatDiagnostics(list: Diagnostic[], opts: FormatOptions): string {
  const chalk = opts.chalk ?? plain;
  const shown = sortDiagnostics(list).filter((d) => !opts.quiet || opts.strict || d.severity === 'error');
  return shown.map((d) => formatOne(d, { ...opts, chalk })).join('\n\n');
}

function formatOne(d: Diagnostic, opts: FormatOptions & { chalk: ChalkInstance }): string {
  const { chalk } = opts;
  const colour = d.severity === 'error' ? chalk.red : chalk.yellow;
  const where = location(d.file, d.line, d.column, opts);
  const header = [where && chalk.cyan(where), colour.bold(d.severity), d.message, chalk.dim(`[${d.code}]`)]
    .filter(Boolean)
    .join('  ');
  const out = [header];
  const source = d.file && d.line ? opts.source?.(d.file) : undefined;
  if (source !== undefined && d.line) {
    const frame = codeFrame({ source, line: d.line, column: d.column, chalk, mark: colour });
    if (frame) out.push(frame);
  }
  if (d.hint) {
    const [first, ...rest] = d.hint.split('\n');
    out.push(`  ${chalk.bold(t(opts.lang, 'hint'))} ${first}`, ...rest.map((l) => `  ${l}`));
  }
  for (const r of d.related ?? []) {
    const at = location(r.file, r.line, r.column, opts);
    out.push(`  ↳ ${chalk.cyan(at)}${r.message ? `  ${r.message}` : ''}`);
  }
  return out.join('\n');
}

function location(file: string | undefined, line: number | undefined, column: number | undefined, opts: FormatOptions): string {
  if (!file) return '';
  const shown = opts.displayPath ? opts.displayPath(file) : file;
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
  const target = opts.target;
  if (report.ok) {
    const text = report.warnings === 0 ? t(opts.lang, 'clean', { target }) : t(opts.lang, 'validWithWarnings', { target, counts });
    return `${chalk.green('✓')} ${text}`;
  }
  const key = report.errors === 0 ? 'strictFail' : 'invalid';
  return `${chalk.red('✖')} ${t(opts.lang, key, { target, counts })}`;
}
