import { createHash } from 'node:crypto';
import { sortDiagnostics, type Diagnostic } from './Diagnostic.js';
import { safeJson } from './showControls.js';

/** One issue of a Code Climate report, the subset GitLab's code quality widget reads. */
interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'major' | 'minor';
  location: { path: string; lines: { begin: number } };
}

/**
 * Diagnostics as a GitLab code quality report (a Code Climate JSON array), for
 * `artifacts: reports: codequality`. Errors are `major`, warnings `minor`. The fingerprint is a
 * hash of the code, the file, the JSON path (else the position) and the message, so the same
 * problem keeps its fingerprint when lines above it move, and GitLab can tell new problems from
 * old ones between pipelines; identical problems get a running number to stay distinct.
 * `pathOf` gives a kit file's path relative to the repository root. A problem with no file is
 * reported on the kit's manifest (`manifestPath`), since GitLab requires a location.
 */
export function formatGitlab(list: Diagnostic[], opts: { pathOf: (file: string) => string; manifestPath: string }): string {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = sortDiagnostics(list).map((d) => {
    const path = d.file ? opts.pathOf(d.file) : opts.manifestPath;
    const key = [d.code, path, d.path ?? `${d.line ?? 0}:${d.column ?? 0}`, d.message].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
    return {
      description: d.hint ? `${d.message}\n${d.hint}` : d.message,
      check_name: d.code,
      fingerprint,
      severity: d.severity === 'error' ? 'major' : 'minor',
      location: { path, lines: { begin: d.line ?? 1 } },
    };
  });
  return safeJson(issues);
}
