import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { quoteYaml } from '../../report/yamlHints.js';
import { compareText } from '../../compareText.js';

/** Folder of the files `capa init` writes besides a copied kit (see its README.md). */
export function initFilesDir(packageRoot: string): string {
  return join(packageRoot, 'init-files');
}

/** A YAML scalar: plain when it reads back as the same string (not `2027`, `true`, `a: b`), else double-quoted. */
function yamlScalar(text: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./ ()-]*$/.test(text) && parse(text) === text ? text : quoteYaml(text);
}

/** A word for a POSIX shell: as it is when it holds only safe characters, else single-quoted. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Render every file of `<files>/<lang>/<set>/` with `data`: `.hbs` files through Handlebars (suffix
 * dropped), others as they are; a leading `_` of a path part becomes `.` (`_gitignore` → `.gitignore`).
 * Returns kit-relative path → text.
 */
export async function renderInitFiles(opts: { packageRoot: string; lang: string; set: 'kit' | 'blank'; data: object }): Promise<Map<string, string>> {
  const root = join(initFilesDir(opts.packageRoot), opts.lang, opts.set);
  const hbs = Handlebars.create();
  // Answers go into YAML and JSON: these helpers quote them so any name stays a valid string.
  hbs.registerHelper('yaml', (value: unknown) => quoteYaml(String(value)));
  // Paths and names in the CI recipes: plain when YAML reads them back the same, as people write them.
  hbs.registerHelper('plain', (value: unknown) => yamlScalar(String(value)));
  // A shell command inside a YAML list: the folder quoted for the shell, then the line for YAML.
  hbs.registerHelper('cd', (value: unknown) => yamlScalar(`cd ${shellWord(String(value))}`));
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
  const out = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const e of entries.filter((x) => x.isFile()).sort((a, b) => compareText(a.name, b.name))) {
    const abs = join(e.parentPath, e.name);
    const rel = abs.slice(root.length + 1).split(sep).join('/');
    const target = rel.split('/').map((part) => part.replace(/^_/, '.')).join('/').replace(/\.hbs$/, '');
    const text = await readFile(abs, 'utf8');
    out.set(target, rel.endsWith('.hbs') ? hbs.compile(text, { noEscape: true })(opts.data) : text);
  }
  return out;
}
