import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../report/Diagnostic.js';
import { quote, type Lang } from '../report/messages.js';
import { layoutMessage } from '../layout/core/layoutMessages.js';
import { VOCABULARY } from '../layout/markup/vocabulary.js';
import { readTemplateText, unreadableDiagnostic } from './readTemplateFile.js';
import { helperNames } from './registerHelpers.js';
import { renderMessage } from './renderMessages.js';
import { shownTemplateFile } from './shownTemplateFile.js';
import { checkMessage } from './templateCheckMessages.js';
import { builtinHint, type LoadedTemplate } from './templateErrors.js';
import { checkLabelFiles, type Labels } from './checkLabelFiles.js';
import { checkMarkupNames } from './templateMarkup.js';
import { TEMPLATE_MODEL } from './templateModel.generated.js';
import { parseRecovering, type HbAst } from './templateSyntax.js';
import { typeKey, type FieldType } from './templateTypes.js';
import { suggestName } from './suggestName.js';
import { TemplateSources, type TemplateFile } from './TemplateSources.js';
import { walkTemplate, type Frame, type Place } from './walkTemplate.js';

type Ast = HbAst;

/** Every helper a template can call (capa's and Handlebars' block helpers). */
const HELPERS = new Set(helperNames());

/** HTML names people write out of habit, and the element of capa's markup that does the same. */
const HTML_NAMES: Record<string, string> = { bold: 'b', strong: 'b', em: 'i', italic: 'i', div: 'box', section: 'box', image: 'img', break: 'br', title: 'h1' };

/** Parsed templates by absolute path and text: `--watch` and repeated checks of the same files parse once. */
const parsedCache = new Map<string, { text: string; ast?: Ast; syntax: Diagnostic[]; markup: Diagnostic[] }>();

export interface CheckTemplatesOptions {
  kitDir: string;
  /** The documents built (those without a template, like the calendar, are skipped). */
  documents: readonly string[];
  /** Language of diagnostics. */
  lang: Lang;
  builtinDir?: string;
}

/**
 * Every problem of the templates and partials the kit's documents use (the kit's forks and capa's
 * built-in files), found without rendering: syntax (all of it, in words), unknown helpers, fields that
 * do not exist at that point of the data (from the model's types), unknown label keys, unknown markup
 * elements and attributes. `capa validate` and `capa build` both report these.
 */
export function checkTemplates(opts: CheckTemplatesOptions): Diagnostic[] {
  const lang = opts.lang;
  const sources = new TemplateSources(opts.kitDir, opts.builtinDir ?? fileURLToPath(new URL('../../templates/', import.meta.url)));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  };
  let labelsRead: Labels | undefined;
  /** Label files are read only when a kit's template or label file is checked. */
  const labelFiles = (): Labels => (labelsRead ??= checkLabelFiles(sources, lang));
  const usedLabels: Array<{ key: string; exact: boolean }> = [];
  const walked = new Set<string>();

  function located(t: LoadedTemplate, d: Omit<Diagnostic, 'file'>, at: Place): Diagnostic {
    const hint = [d.hint, builtinHint(lang, t)].filter(Boolean).join('\n');
    return { ...d, ...(hint ? { hint } : {}), file: shownTemplateFile(t.file, lang), line: at.line, column: at.column };
  }

  function parsed(file: TemplateFile): { text: string; ast?: Ast; syntax: Diagnostic[]; markup: Diagnostic[] } | Diagnostic {
    const read = readTemplateText(file.abs, shownTemplateFile(file, lang), lang);
    if ('diagnostic' in read) return read.diagnostic;
    const cacheKey = `${lang}\0${file.source}\0${file.abs}`;
    const hit = parsedCache.get(cacheKey);
    if (hit && hit.text === read.text) return hit;
    // Located at the file by `check`, which knows how the file is used (its fork command).
    const at = (d: Omit<Diagnostic, 'file'>, p: Place): Diagnostic => ({ ...d, line: p.line, column: p.column });
    const { ast, problems } = parseRecovering(read.text, file.file);
    const syntax = problems.map((p) =>
      at({ severity: 'error', code: 'template/syntax', message: checkMessage(lang, p.key, { ...p.params, why: p.key === 'badTag' ? checkMessage(lang, p.params.why as never) : '' }) }, p),
    );
    const markup = checkMarkupNames(read.text).map((p) => {
      if (p.kind === 'element') {
        const near = HTML_NAMES[p.name.toLowerCase()] ?? suggestName(p.name, Object.keys(VOCABULARY));
        return at({ severity: 'error', code: 'template/unknown-element', message: layoutMessage(lang, 'unknownElement', { name: p.name }), ...(near ? { hint: renderMessage(lang, 'didYouMean', { name: `<${near}>` }) } : {}) }, p);
      }
      const allowed = Object.keys(VOCABULARY[p.element ?? '']?.attrs ?? {});
      const near = suggestName(p.name, allowed);
      const hint = near ? renderMessage(lang, 'didYouMean', { name: near }) : allowed.length ? checkMessage(lang, 'allowedAttributes', { list: allowed.join(', ') }) : undefined;
      return at({ severity: 'error', code: 'template/unknown-attribute', message: layoutMessage(lang, 'unknownAttribute', { attr: p.name, name: p.element ?? '' }), ...(hint ? { hint } : {}) }, p);
    });
    const entry = { text: read.text, ast, syntax, markup };
    parsedCache.set(cacheKey, entry);
    return entry;
  }

  /** Check one template file with the data it receives at one call site; each (file, data) once. */
  function check(file: TemplateFile, doc: string, eject: string, frames: Frame[], depth: number): void {
    const key = `${file.source}:${file.file}\0${frames.map((f) => typeKey(f.ctx)).join('\0')}`;
    if (walked.has(key) || depth > 20) return;
    walked.add(key);
    const p = parsed(file);
    if (!('text' in p)) return push(p);
    const t: LoadedTemplate = { file, text: p.text, doc, eject };
    for (const d of [...p.syntax, ...p.markup]) push(located(t, d, { line: d.line ?? 1, column: d.column ?? 1 }));
    if (!p.ast) return;
    walkTemplate(p.ast, frames, {
      model: TEMPLATE_MODEL,
      root: frames[0]?.ctx ?? { k: 'any' },
      helpers: HELPERS,
      on: {
        unknownField(field, at, candidates, ofValue) {
          const last = field.split(/[./]/).pop() ?? field;
          // A bare name (`{{uppercase}}`) may be a helper misspelled as well as a field.
          const near = suggestName(last, last === field ? [...candidates, ...HELPERS] : candidates);
          const hint = near ? renderMessage(lang, 'didYouMean', { name: field.slice(0, field.length - last.length) + near }) : undefined;
          const message = ofValue ? checkMessage(lang, 'fieldOfValue', { field: quote(lang, field), parent: quote(lang, ofValue) }) : renderMessage(lang, 'missingField', { field });
          push(located(t, { severity: 'error', code: 'template/missing-field', message, ...(hint ? { hint } : {}) }, at));
        },
        unknownHelper(name, at) {
          const near = suggestName(name, [...HELPERS]);
          push(located(t, { severity: 'error', code: 'template/unknown-helper', message: renderMessage(lang, 'unknownHelper', { name }), ...(near ? { hint: renderMessage(lang, 'didYouMean', { name: near }) } : {}) }, at));
        },
        partial(name, inner, at) {
          const found = sources.partialsFor(doc).get(name);
          if (!found) {
            const near = suggestName(name, [...sources.partialsFor(doc).keys()]);
            push(located(t, { severity: 'error', code: 'template/missing-partial', message: renderMessage(lang, 'missingPartial', { name, doc: doc || '<doc>' }), ...(near ? { hint: renderMessage(lang, 'didYouMean', { name: near }) } : {}) }, at));
            return;
          }
          const own = found.file.endsWith(`${doc}/partials/${name}.hbs`);
          check(found, doc, own ? doc : `partials/${name}`, inner, depth + 1);
        },
        blockValue(name, at) {
          const example = name === 'each' ? 'kit.sessions' : name === 'with' ? 'kit.theme' : 'kit.subtitle';
          push(located(t, { severity: 'error', code: 'template/syntax', message: checkMessage(lang, 'blockValue', { name, example }) }, at));
        },
        label(key, exact, at) {
          usedLabels.push({ key, exact });
          const labels = labelFiles();
          if (exact ? labels.all.has(key) : [...labels.all].some((k) => k.startsWith(`${key}.`))) return;
          const near = exact ? suggestName(key, [...labels.all]) : undefined;
          const message = exact ? checkMessage(lang, 'missingLabel', { key: quote(lang, key) }) : checkMessage(lang, 'missingLabelPrefix', { key: quote(lang, `${key}.`) });
          push(located(t, { severity: 'error', code: 'template/missing-translation', message, ...(near ? { hint: renderMessage(lang, 'didYouMean', { name: near }) } : {}) }, at));
        },
      },
    });
  }

  for (const doc of opts.documents) {
    const root = TEMPLATE_MODEL.documents[doc];
    if (!root) continue;
    const main = sources.resolveTemplate(`${doc}/main`);
    if (!main) continue; // the build reports template/not-found
    // capa's own templates are checked by its tests (tests/render/templateModel.test.ts): a document
    // that uses no file of the kit has nothing to report, and costs nothing to validate.
    if (main.source === 'builtin' && ![...sources.partialsFor(doc).values()].some((f) => f.source === 'kit')) continue;
    const data: FieldType = { k: 'obj', fields: { kit: { k: 'ref', name: 'Kit' }, theme: { k: 'ref', name: 'Theme' }, doc: { k: 'ref', name: root } } };
    check(main, doc, doc, [{ ctx: data, params: new Map() }], 0);
  }
  if (labelsRead || sources.catalogueFile('kit', 'i18n/fr.yaml') || sources.catalogueFile('kit', 'i18n/en.yaml')) {
    const labels = labelFiles();
    out.push(...labels.diagnostics);
    out.push(...labels.unknownKitKeys(usedLabels));
  }
  // Template folders and files that exist but cannot be read (permissions): located errors, as at build time.
  for (const u of sources.takeUnreadable()) push(unreadableDiagnostic({ file: shownTemplateFile(sources.shownPath(u.abs), lang), code: u.code, lang, folder: u.folder }));
  return out;
}
