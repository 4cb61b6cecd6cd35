import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** Families every diagnostic and CLI error code starts with; a family used in a `code:` or an error constructor joins them. */
const FAMILIES = ['yaml', 'kit', 'schema', 'ref', 'schedule', 'asset', 'method', 'color', 'template', 'layout', 'build', 'usage', 'install', 'init'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every diagnostic code that src/ can report, with the first file that names it:
 * quoted literals `'family/name'` (comments mention codes in backticks, which are not counted),
 * `schedule/<code>` from `report('<code>', …)` in checkSchedule.ts, and `method/<id>` from each method rule's `id`.
 */
export function diagnosticCodesInSource(): Map<string, string> {
  const files = sourceFiles(join(root, 'src')).map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));
  const families = new Set(FAMILIES);
  for (const { text } of files) {
    for (const m of text.matchAll(/(?:code:\s*|(?:Error|Diagnostic)\(\s*)['"]([a-z]+)\/[a-z0-9-]+['"]/g)) families.add(m[1]);
  }
  const codes = new Map<string, string>();
  const add = (code: string, file: string) => {
    if (!codes.has(code)) codes.set(code, file);
  };
  const literal = new RegExp(`['"]((?:${[...families].join('|')})/[a-z0-9]+(?:-[a-z0-9]+)*)['"]`, 'g');
  for (const { file, text } of files) {
    for (const m of text.matchAll(literal)) add(m[1], file);
    if (file.endsWith('checkSchedule.ts')) for (const m of text.matchAll(/\breport\(\s*'([a-z0-9-]+)'/g)) add(`schedule/${m[1]}`, file);
    if (file.includes('methodRules/')) for (const m of text.matchAll(/^\s*id:\s*'([a-z0-9-]+)'/gm)) add(`method/${m[1]}`, file);
  }
  return codes;
}

/** Codes written as `` `family/name` `` in the first column of a Markdown table row of the given text. */
export function documentedCodes(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\|\s*`([a-z]+\/[a-z0-9-]+)`/gm)].map((m) => m[1]));
}
