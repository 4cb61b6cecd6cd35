import { sortDiagnostics, type Diagnostic } from './Diagnostic.js';
import { showControls } from './showControls.js';

/** Data of a workflow command: `%`, CR and LF escaped (GitHub Actions toolkit, `escapeData`). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which end a property (`escapeProperty`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Diagnostics as GitHub Actions workflow commands, one line each:
 * `::error file=kit/capa.yaml,line=3,col=7,title=ref/unknown::message`, which the runner turns into
 * annotations on those lines of the pull request. `pathOf` gives a kit file's path relative to the
 * repository root (what GitHub matches against the diff). Kit text is shown with its control
 * characters escaped, since the log is displayed too.
 */
export function formatGithub(list: Diagnostic[], opts: { pathOf: (file: string) => string }): string {
  return sortDiagnostics(list)
    .map((d) => {
      const props: string[] = [];
      if (d.file) {
        props.push(`file=${escapeProperty(showControls(opts.pathOf(d.file)))}`);
        if (d.line) props.push(`line=${d.line}`);
        if (d.line && d.column) props.push(`col=${d.column}`);
      }
      props.push(`title=${escapeProperty(d.code)}`);
      const related = (d.related ?? []).map((r) => `↳ ${opts.pathOf(r.file)}:${r.line}:${r.column}${r.message ? ` ${r.message}` : ''}`);
      const text = [d.message, ...(d.hint ? [d.hint] : []), ...related].join('\n');
      return `::${d.severity} ${props.join(',')}::${escapeData(showControls(text))}`;
    })
    .join('\n');
}
