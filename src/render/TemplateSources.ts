import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isInside } from '../kit/isInside.js';
import { fsErrorCode } from './readTemplateFile.js';

/** Where a template file was found: the kit's `templates/` (forked) or capa's built-in `templates/`. */
export type TemplateOrigin = 'kit' | 'builtin';

/** One template file found on disk. */
export interface TemplateFile {
  /** Absolute path. */
  abs: string;
  /** What diagnostics print: relative to the kit folder (`templates/agenda/main.hbs`) or, built-in, `templates/…` of the package. */
  file: string;
  source: TemplateOrigin;
}

/** One row of `capa templates list`. */
export interface TemplateEntry extends TemplateFile {
  /** `agenda/main` (document template), `agenda/partials/day` or `partials/header` (partials), `i18n/fr` (labels). */
  name: string;
  kind: 'template' | 'partial' | 'i18n';
  /** The document folder (`agenda`), absent for shared partials and labels. */
  doc?: string;
}

/** Folder names under `templates/` that are not documents. */
const RESERVED = new Set(['partials', 'i18n']);
const NAME = /^[A-Za-z0-9][\w-]*(\/[A-Za-z0-9][\w-]*)*$/;

function toSlash(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** A file or folder that exists but cannot be read (permissions): reported, never taken for absent. */
export interface Unreadable {
  abs: string;
  code: string;
  folder: boolean;
}

/** Absent is `undefined`; a file-system error other than absence is noted in `problems`. */
function statOf(abs: string, problems: Unreadable[], folder: boolean): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch (err) {
    const code = fsErrorCode(err);
    if (!code) throw err;
    if (code !== 'ENOTDIR' && code !== 'ENOENT') problems.push({ abs, code, folder });
    return undefined;
  }
}

function entries(dir: string, problems: Unreadable[]): string[] {
  if (!statOf(dir, problems, true)?.isDirectory()) return [];
  try {
    return readdirSync(dir);
  } catch (err) {
    const code = fsErrorCode(err);
    if (!code) throw err;
    problems.push({ abs: dir, code, folder: true });
    return [];
  }
}

function hbsIn(dir: string, problems: Unreadable[]): string[] {
  return entries(dir, problems)
    .filter((f) => f.endsWith('.hbs') && statOf(join(dir, f), problems, false)?.isFile())
    .map((f) => f.slice(0, -'.hbs'.length))
    .sort();
}

function subdirs(dir: string, problems: Unreadable[]): string[] {
  return entries(dir, problems)
    .filter((f) => !RESERVED.has(f) && !f.startsWith('.') && statOf(join(dir, f), problems, true)?.isDirectory())
    .sort();
}

/**
 * Finds templates, partials and label files: the kit's `templates/` first, then the built-in one.
 * Layout of a templates folder:
 *   <doc>/<name>.hbs           document templates, rendered as `<doc>/<name>` (e.g. `agenda/main`)
 *   <doc>/partials/<p>.hbs     partials of that document, used as `{{> p}}`
 *   partials/<p>.hbs           partials shared by every document, used as `{{> p}}`
 *   i18n/fr.yaml, i18n/en.yaml labels for the `t` helper
 */
export class TemplateSources {
  readonly kitTemplates: string;
  /** Files and folders met that exist but cannot be read, in the order met (see `takeUnreadable`). */
  private readonly problems: Unreadable[] = [];
  private taken = 0;
  private readonly partialCache = new Map<string, Map<string, TemplateFile>>();

  constructor(
    readonly kitDir: string,
    readonly builtinDir: string,
  ) {
    this.kitTemplates = join(kitDir, 'templates');
  }

  /** A file `templates/<rel>` of one origin, or undefined when absent. */
  private fileOf(source: TemplateOrigin, rel: string): TemplateFile | undefined {
    const root = source === 'kit' ? this.kitTemplates : this.builtinDir;
    const abs = join(root, rel);
    if (!statOf(abs, this.problems, false)?.isFile()) return undefined;
    // A kit's template that links outside the kit is never read (the build reports it as kit/template-outside).
    if (source === 'kit' && !isInside(this.realKitDir(), abs)) return undefined;
    const file = source === 'kit' ? toSlash(relative(this.kitDir, abs)) : `templates/${toSlash(rel)}`;
    return { abs, file, source };
  }

  private realKit?: string;
  private realKitDir(): string {
    this.realKit ??= realpathSync(this.kitDir);
    return this.realKit;
  }

  /** The unreadable files and folders met since the last call (each reported once per build). */
  takeUnreadable(): Unreadable[] {
    const seen = new Set(this.problems.slice(0, this.taken).map((p) => p.abs));
    const fresh = this.problems.slice(this.taken).filter((p) => !seen.has(p.abs) && seen.add(p.abs));
    this.taken = this.problems.length;
    return fresh;
  }

  /** How diagnostics name an absolute path under one of the two templates folders. */
  shownPath(abs: string): { file: string; source: TemplateOrigin } {
    const inKit = abs.startsWith(this.kitTemplates + sep) || abs === this.kitTemplates;
    return inKit ? { file: toSlash(relative(this.kitDir, abs)) || '.', source: 'kit' } : { file: `templates/${toSlash(relative(this.builtinDir, abs))}`, source: 'builtin' };
  }

  /** `true` when `name` is a safe template name (no `..`, no absolute path). */
  static isValidName(name: string): boolean {
    return NAME.test(name);
  }

  /** The document template `name` (`agenda/main` → `agenda/main.hbs`), kit first. */
  resolveTemplate(name: string): TemplateFile | undefined {
    if (!TemplateSources.isValidName(name)) return undefined;
    return this.fileOf('kit', `${name}.hbs`) ?? this.fileOf('builtin', `${name}.hbs`);
  }

  /**
   * Every partial a document can use, by partial name. First found wins, in this order:
   * kit `<doc>/partials/`, kit `partials/`, built-in `<doc>/partials/`, built-in `partials/`.
   * So a kit's shared partial overrides every built-in one of the same name.
   */
  partialsFor(doc: string): Map<string, TemplateFile> {
    const cached = this.partialCache.get(doc);
    if (cached) return cached;
    const found = new Map<string, TemplateFile>();
    const order: Array<[TemplateOrigin, string]> = [
      ['kit', `${doc}/partials`],
      ['kit', 'partials'],
      ['builtin', `${doc}/partials`],
      ['builtin', 'partials'],
    ];
    for (const [source, folder] of order) {
      const root = source === 'kit' ? this.kitTemplates : this.builtinDir;
      for (const name of hbsIn(join(root, folder), this.problems)) {
        if (found.has(name)) continue;
        const f = this.fileOf(source, `${folder}/${name}.hbs`);
        if (f) found.set(name, f);
      }
    }
    this.partialCache.set(doc, found);
    return found;
  }

  /** A label file (`i18n/fr.yaml`) of one origin. */
  catalogueFile(source: TemplateOrigin, rel: string): TemplateFile | undefined {
    return this.fileOf(source, rel);
  }

  /** Documents that have a template folder, in the kit or built in. */
  documents(): string[] {
    return [...new Set([...subdirs(this.builtinDir, this.problems), ...subdirs(this.kitTemplates, this.problems)])].sort();
  }

  /**
   * What a document uses and where each file comes from (for `capa templates list`):
   * its templates, the partials it sees, and the label files. Without `doc`, every document.
   */
  list(doc?: string): TemplateEntry[] {
    const docs = doc === undefined ? this.documents() : [doc];
    const rows: TemplateEntry[] = [];
    const seenShared = new Set<string>();
    for (const d of docs) {
      const names = new Set([...hbsIn(join(this.builtinDir, d), this.problems), ...hbsIn(join(this.kitTemplates, d), this.problems)]);
      for (const n of [...names].sort()) {
        const f = this.resolveTemplate(`${d}/${n}`);
        if (f) rows.push({ ...f, name: `${d}/${n}`, kind: 'template', doc: d });
      }
      for (const [p, f] of this.partialsFor(d)) {
        const own = f.file.endsWith(`${d}/partials/${p}.hbs`);
        if (own) rows.push({ ...f, name: `${d}/partials/${p}`, kind: 'partial', doc: d });
        else if (!seenShared.has(p)) {
          seenShared.add(p);
          rows.push({ ...f, name: `partials/${p}`, kind: 'partial' });
        }
      }
    }
    if (doc === undefined) {
      // Shared partials no document uses yet are still part of the kit's templates.
      for (const source of ['kit', 'builtin'] as const) {
        const root = source === 'kit' ? this.kitTemplates : this.builtinDir;
        for (const p of hbsIn(join(root, 'partials'), this.problems)) {
          const f = this.fileOf(source, `partials/${p}.hbs`);
          if (f && !seenShared.has(p)) {
            seenShared.add(p);
            rows.push({ ...f, name: `partials/${p}`, kind: 'partial' });
          }
        }
      }
    }
    for (const lang of ['fr', 'en']) {
      for (const source of ['kit', 'builtin'] as const) {
        const f = this.fileOf(source, `i18n/${lang}.yaml`);
        if (f) rows.push({ ...f, name: `i18n/${lang}`, kind: 'i18n' });
      }
    }
    return rows;
  }
}
