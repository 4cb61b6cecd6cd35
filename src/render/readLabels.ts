import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { fillLabel, hasForm, readCatalogue, type Catalogue, type Label, type TranslateParams } from './i18n.js';
import { shownTemplateFile } from './shownTemplateFile.js';
import type { TemplateOrigin, TemplateSources } from './TemplateSources.js';

export interface Labels {
  /** Problems in the label files. */
  diagnostics: Diagnostic[];
  /** The label of `key` in `lang`, or undefined when no file has it. */
  lookup(key: string, lang: Lang, params?: TranslateParams): Label | undefined;
  /**
   * `key` filled in the document language; from the other language with a warning when only it has the key, else
   * the key itself with an error (`report` receives the diagnostic, its message a `renderMessage` name).
   */
  translate(key: string, params: TranslateParams, report: (d: { severity: 'error' | 'warning'; code: string; message: 'missingTranslation' | 'translationFallback' }) => void): string;
}

/** The label files of `langs` (`templates/i18n/<lang>.yaml`): the kit's over the built-in ones. */
export function readLabels(opts: { sources: TemplateSources; lang: Lang; other: Lang; messageLang: Lang; known?: Parameters<typeof readCatalogue>[0]['known'] }): Labels {
  const { sources, messageLang } = opts;
  const diagnostics: Diagnostic[] = [];
  const catalogues: Array<{ lang: Lang; source: TemplateOrigin; catalogue: Catalogue }> = [];
  for (const l of [opts.lang, opts.other]) {
    for (const source of ['kit', 'builtin'] as const) {
      const f = sources.catalogueFile(source, `i18n/${l}.yaml`);
      if (!f) continue;
      const dir = source === 'kit' ? sources.kitTemplates : sources.builtinDir;
      const read = readCatalogue({ templatesDir: dir, lang: l, displayFile: shownTemplateFile(f, messageLang), messageLang, known: opts.known });
      catalogues.push({ lang: l, source, catalogue: read.catalogue });
      diagnostics.push(...read.diagnostics);
    }
  }
  /**
   * The kit's label first, then the built-in one. A role label asked in one gender (`gender=f`) comes from the first
   * file that has that form: a forked file that gives a role one plain form (as files did before gender forms) keeps
   * it for people who state no gender, and a person who states one still gets the built-in form of their gender.
   */
  const lookup = (key: string, l: Lang, params: TranslateParams = {}) => {
    let first: Label | undefined;
    for (const c of catalogues) {
      if (c.lang !== l) continue;
      const label = c.catalogue.get(key);
      if (label === undefined) continue;
      if (params.gender === undefined || hasForm(label, params.gender)) return label;
      first ??= label;
    }
    return first;
  };
  const translate: Labels['translate'] = (key, params, report) => {
    let label = lookup(key, opts.lang, params);
    if (label === undefined) {
      label = lookup(key, opts.other, params);
      const missing = label === undefined;
      report({ severity: missing ? 'error' : 'warning', code: 'template/missing-translation', message: missing ? 'missingTranslation' : 'translationFallback' });
      if (label === undefined) return key;
    }
    return fillLabel(opts.lang, label, params);
  };
  return { diagnostics, lookup, translate };
}
