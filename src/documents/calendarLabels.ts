import { precompiledTemplates } from '../render/builtinTemplates.js';
import { builtinTemplatesDir } from '../render/createRenderer.js';
import { fillLabel, readCatalogue, type TranslateParams } from '../render/i18n.js';
import { shownTemplateFile } from '../render/shownTemplateFile.js';
import type { Lang } from '../report/messages.js';

/**
 * A label lookup (`renderer.translate`): the calendar's few words (slot kinds, "Objectifs"…)
 * come from the same `templates/i18n/<lang>.yaml` as the PDFs, so a kit's overrides apply here too.
 */
export type CalendarLabels = (key: string, params?: TranslateParams) => string;

/** Labels of capa's built-in catalogue, for callers without a renderer; the key itself when missing. */
export function builtinCalendarLabels(lang: Lang): CalendarLabels {
  const { catalogue } = readCatalogue({
    templatesDir: builtinTemplatesDir(),
    lang,
    displayFile: shownTemplateFile({ source: 'builtin', file: `templates/i18n/${lang}.yaml` }, lang),
    messageLang: lang,
    known: precompiledTemplates()?.catalogues,
  });
  return (key, params = {}) => {
    const label = catalogue.get(key);
    return label === undefined ? key : fillLabel(lang, label, params);
  };
}
