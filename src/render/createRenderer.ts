import { fileURLToPath } from 'node:url';
import type { Diagnostic, Location } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import type { TranslateParams } from './i18n.js';
import { readLabels } from './readLabels.js';
import { registerHelpers } from './registerHelpers.js';
import { renderMessage } from './renderMessages.js';
import { precompiledTemplates, type PrecompiledTemplates } from './builtinTemplates.js';
import { beginDataOrigins } from './dataOrigins.js';
import { templateLocator } from './templateLocator.js';
import { removeMarkers, stripMarkers, type MarkedPlace } from './sourceMarkers.js';
import { installDeferredEach, type Deferral } from './deferredEach.js';
import { renderedParts, singlePart, type RenderedParts } from './RenderedParts.js';
import { compileOptions, createTemplateEnv, templateHash, templateSourceId } from './templateCompiler.js';
import {
  builtinHint,
  errorToDiagnostic,
  syntaxErrorToDiagnostic,
  ReportedError,
  type HbLoc,
  type LoadedTemplate,
} from './templateErrors.js';
import { readTemplateText, unreadableDiagnostic } from './readTemplateFile.js';
import { shownTemplateFile } from './shownTemplateFile.js';
import { TemplateSources, type TemplateEntry, type TemplateFile } from './TemplateSources.js';

export interface RendererOptions {
  /** The kit folder (its `templates/` overrides the built-in ones). */
  kitDir: string;
  /** Built-in templates folder; defaults to the package's `templates/`. */
  builtinDir?: string;
  /** Language of the documents (`kit.lang`): labels, dates, times, numbers. */
  lang: Lang;
  /** Language of diagnostics (`--lang`); defaults to `lang`. */
  messageLang?: Lang;
  /** Built-in templates compiled ahead; default: the ones built with capa, `null` for none (tests). */
  precompiled?: PrecompiledTemplates | null;
}

export interface RenderResult {
  /** The document markup (empty when an error stopped the rendering). */
  output: string;
  /** How diagnostics name the template rendered (`templates/agenda/main.hbs`, or `built-in template agenda/main.hbs`). */
  file?: string;
  diagnostics: Diagnostic[];
  /**
   * The template place (file as in diagnostics, 1-based line and column) that produced a 1-based
   * line and column of `output`, so markup problems point at the template, not the generated text.
   * With `content`, for a problem of the element starting there that its text may cause (too long to fit):
   * `path` is then the kit value printed inside it, the longest one (a JSON pointer, for `LoadedKit.locate`).
   */
  locate(line: number, column: number, opts?: { content?: boolean }): Location | undefined;
}

const nowhere = (): Location | undefined => undefined;

/** The Handlebars environment of one build: templates compiled once, helpers in the kit's language. */
export interface Renderer {
  readonly lang: Lang;
  /** Problems in the label files (`templates/i18n/*.yaml`), found when the renderer was created. */
  readonly diagnostics: Diagnostic[];
  /** Render `agenda/main` (file `templates/agenda/main.hbs`, kit first) with `data` as context. */
  render(name: string, data: unknown): RenderResult;
  /** The same markup as `render`, read in parts, each rendered when asked for (see `RenderedParts`). */
  renderParts(name: string, data: unknown): RenderedParts;
  /** A label for code that needs one outside templates (e.g. the PDF title); the key itself when missing. */
  translate(key: string, params?: TranslateParams): string;
  /** Which file each template, partial and label file of a document (or of all documents) comes from. */
  listTemplates(doc?: string): TemplateEntry[];
  /** How many template files were read and compiled so far (each at most once). */
  readonly compiledCount: number;
}

/** capa's own `templates/` folder (next to `src/` and `lib/`). */
export function builtinTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

type TemplateFn = (context: unknown, options?: Record<string, unknown>) => string;
type Compiled = { loaded: LoadedTemplate; fn: TemplateFn } | { loaded: LoadedTemplate; error: Diagnostic };

/** Create the rendering environment for one kit. Templates and label files are read lazily, once. */
export function createRenderer(opts: RendererOptions): Renderer {
  const lang = opts.lang;
  const messageLang = opts.messageLang ?? lang;
  const sources = new TemplateSources(opts.kitDir, opts.builtinDir ?? builtinTemplatesDir());
  // Built-in templates compiled at build time carry marker ids 0…n-1: their places come first.
  const precompiled = opts.precompiled === undefined ? precompiledTemplates() : (opts.precompiled ?? undefined);
  const places: MarkedPlace[] = precompiled ? [...precompiled.places] : [];
  const hb = createTemplateEnv((place) => places.push(place) - 1);

  // Labels: kit file over built-in file, in the document language, then in the other one.
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const labels = readLabels({ sources, lang, other, messageLang, known: precompiled?.catalogues });
  const loadDiagnostics: Diagnostic[] = [...labels.diagnostics];
  /** Templates, partials, label files and folders that exist but cannot be read: located errors, not crashes. */
  const unreadable = (): Diagnostic[] =>
    sources.takeUnreadable().map((u) => unreadableDiagnostic({ file: shownTemplateFile(sources.shownPath(u.abs), messageLang), code: u.code, lang: messageLang, folder: u.folder }));
  loadDiagnostics.push(...unreadable());

  /** By `templateSourceId`, the `source` of every location in compiled code. */
  const cache = new Map<string, Compiled>();
  /** The template whose code raised an error: innermost wrapper wins. */
  const owners = new WeakMap<object, LoadedTemplate>();
  let compiledCount = 0;
  let current: { diagnostics: Diagnostic[]; seen: Set<string> } | undefined;

  const report = (d: Diagnostic, loc: HbLoc | undefined) => {
    if (!current) return;
    const t = loc?.source ? cache.get(loc.source)?.loaded : undefined;
    const full: Diagnostic = { ...d };
    if (t) {
      full.file = shownTemplateFile(t.file, messageLang);
      const hint = builtinHint(messageLang, t);
      if (hint) full.hint = hint;
    }
    if (loc) {
      full.line = loc.start.line;
      full.column = loc.start.column + 1;
    }
    const key = [full.code, full.file, full.line, full.column, full.message].join('|');
    if (current.seen.has(key)) return;
    current.seen.add(key);
    current.diagnostics.push(full);
  };

  /** A label in the document language, else in the other one (a warning), else the key itself (an error). */
  const translate = (key: string, params: TranslateParams, loc: HbLoc | undefined): string =>
    labels.translate(key, params, (d) => report({ ...d, message: renderMessage(messageLang, d.message, { key, lang }) }, loc));

  const helperNames = registerHelpers(hb, { lang, messageLang, translate });
  /** Set while the main template of `renderParts` runs. */
  let deferral: Deferral | undefined;
  installDeferredEach(hb, () => deferral);

  function load(file: TemplateFile, doc: string, eject: string): Compiled {
    const id = templateSourceId(file);
    const hit = cache.get(id);
    if (hit) return hit;
    compiledCount++;
    const read = readTemplateText(file.abs, shownTemplateFile(file, messageLang), messageLang);
    if ('diagnostic' in read) {
      const failed: Compiled = { loaded: { file, text: '', doc, eject }, error: read.diagnostic };
      cache.set(id, failed);
      return failed;
    }
    const loaded: LoadedTemplate = { file, text: read.text, doc, eject };
    const built = file.source === 'builtin' ? precompiled?.templates.get(id) : undefined;
    let entry: Compiled;
    try {
      let fn: TemplateFn;
      if (built && built.hash === templateHash(loaded.text)) fn = hb.template(built.spec) as TemplateFn;
      else {
        // Parse now so syntax errors are found before rendering; `srcName` puts the file in every location.
        const ast = hb.parseWithoutProcessing(loaded.text, { srcName: id });
        fn = hb.compile(ast, compileOptions(id)) as TemplateFn;
      }
      const wrapped: TemplateFn = (context, options) => {
        try {
          return fn(context, options);
        } catch (err) {
          if (typeof err === 'object' && err !== null && !owners.has(err)) owners.set(err, loaded);
          throw err;
        }
      };
      entry = { loaded, fn: wrapped };
    } catch (err) {
      // The parser is a shared singleton: its lexer still holds the position where it stopped.
      const lexer = (hb as unknown as { Parser?: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } } })
        .Parser?.lexer?.yylloc;
      entry = { loaded, error: syntaxErrorToDiagnostic(err, loaded, lexer, messageLang) };
    }
    cache.set(id, entry);
    return entry;
  }

  const partialMaps = new Map<string, Record<string, TemplateFn>>();
  /**
   * The partials a document sees, each read and compiled on first use only, so an unused
   * partial costs nothing and a broken one is reported by the template that calls it.
   */
  function partialsOf(doc: string): Record<string, TemplateFn> {
    const hit = partialMaps.get(doc);
    if (hit) return hit;
    const map: Record<string, TemplateFn> = {};
    for (const [pname, pfile] of sources.partialsFor(doc)) {
      const own = doc !== '' && pfile.file.endsWith(`${doc}/partials/${pname}.hbs`);
      map[pname] = (context, options) => {
        const p = load(pfile, own ? doc : '', own ? doc : `partials/${pname}`);
        if ('error' in p) throw new ReportedError(p.error);
        // A loop inside a partial is not the main template's top level: it is not deferred (deferredEach.ts).
        if (deferral) deferral.partials++;
        try {
          return p.fn(context, options);
        } finally {
          if (deferral) deferral.partials--;
        }
      };
    }
    partialMaps.set(doc, map);
    return map;
  }

  /** The main template of `name` and the partials of its document, or why it cannot be rendered. */
  function prepare(name: string): { failed: RenderResult } | { main: Compiled & { fn: TemplateFn }; partials: Record<string, TemplateFn>; file: TemplateFile } {
    const failed = (diagnostics: Diagnostic[]) => ({ failed: { output: '', diagnostics, locate: nowhere } });
    const file = sources.resolveTemplate(name);
    const unread = unreadable();
    if (unread.length) return failed(unread);
    if (!file) {
      const d: Diagnostic = {
        severity: 'error',
        code: 'template/not-found',
        message: renderMessage(messageLang, 'notFound', { name, kitPath: `templates/${name}.hbs` }),
      };
      return failed([d]);
    }
    const doc = name.includes('/') ? (name.split('/')[0] ?? '') : '';
    const main = load(file, doc, doc || name);
    if ('error' in main) return failed([main.error]);
    const partials = partialsOf(doc);
    const unreadPartials = unreadable();
    if (unreadPartials.length) return failed(unreadPartials);
    return { main, partials, file };
  }

  function render(name: string, data: unknown): RenderResult {
    const ready = prepare(name);
    if ('failed' in ready) return ready.failed;
    const { main, partials, file } = ready;
    current = { diagnostics: [], seen: new Set() };
    const collected = current;
    const origins = beginDataOrigins(hb);
    try {
      const { output, map } = stripMarkers(main.fn(data, { data: { lang }, partials }), places);
      const locate = templateLocator({ map, origins, escape: hb.Utils.escapeExpression, file: (source) => {
        const t = cache.get(source)?.loaded;
        return t && shownTemplateFile(t.file, messageLang);
      } });
      return { output, diagnostics: collected.diagnostics, locate, file: shownTemplateFile(file, messageLang) };
    } catch (err) {
      const running = typeof err === 'object' && err !== null ? owners.get(err) : undefined;
      const d = errorToDiagnostic(err, {
        running: running ?? main.loaded,
        bySource: (source) => cache.get(source)?.loaded,
        helperNames,
        lang: messageLang,
      });
      return { output: '', diagnostics: [...collected.diagnostics, d], locate: nowhere };
    } finally {
      current = undefined;
    }
  }

  function renderParts(name: string, data: unknown): RenderedParts {
    const ready = prepare(name);
    if ('failed' in ready) return singlePart(ready.failed);
    const { main, partials, file } = ready;
    const collected = { diagnostics: [] as Diagnostic[], seen: new Set<string>() };
    const top = { lang };
    const d: Deferral = { top, items: [], partials: 0 };
    let frame: string | undefined;
    current = collected;
    deferral = d;
    beginDataOrigins(hb);
    try {
      frame = main.fn(data, { data: top, partials });
    } catch {
      frame = undefined;
    } finally {
      current = undefined;
      deferral = undefined;
    }
    // An error in the main template itself: the whole render says what it says (and stops where it does).
    if (frame === undefined) return singlePart(render(name, data));
    return renderedParts({
      file: shownTemplateFile(file, messageLang),
      frame,
      items: d.items,
      diagnostics: collected.diagnostics,
      clean: removeMarkers,
      renderItem: (item) => {
        current = collected;
        beginDataOrigins(hb);
        try {
          return removeMarkers(item.block(item.context, item.options));
        } finally {
          current = undefined;
        }
      },
      whole: () => render(name, data),
    });
  }

  return {
    lang,
    diagnostics: loadDiagnostics,
    render,
    renderParts,
    translate: (key, params = {}) => translate(key, params, undefined),
    listTemplates: (doc) => sources.list(doc),
    get compiledCount() {
      return compiledCount;
    },
  };
}
