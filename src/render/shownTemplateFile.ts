import { fileURLToPath } from 'node:url';
import { defineMessages, type Lang } from '../report/messages.js';
import type { TemplateFile } from './TemplateSources.js';

/**
 * How diagnostics name a template or label file. A kit's own file is its path in the kit
 * (`templates/agenda/main.hbs`); one of capa's built-in files is not in the kit, so it is never given
 * a path that reads as one: `modèle intégré agenda/main.hbs` / `built-in template agenda/main.hbs`
 * (the diagnostic's hint gives its real path and how to fork it).
 */
const prefix = defineMessages({ fr: { builtin: 'modèle intégré ' }, en: { builtin: 'built-in template ' } });
const PREFIX: Record<Lang, string> = { fr: prefix('fr', 'builtin'), en: prefix('en', 'builtin') };

/** The `file` of a diagnostic about `file`, in the language of the messages. */
export function shownTemplateFile(file: Pick<TemplateFile, 'file' | 'source'>, lang: Lang): string {
  if (file.source !== 'builtin') return file.file;
  return PREFIX[lang] + file.file.replace(/^templates\//, '');
}

/**
 * The path under capa's `templates/` folder (`agenda/main.hbs`) of a diagnostic's `file` that names a
 * built-in file, else undefined: for printers, which show it as it is (not under the kit) and read it for code frames.
 */
export function builtinTemplatePath(shown: string): string | undefined {
  for (const prefix of Object.values(PREFIX)) if (shown.startsWith(prefix)) return shown.slice(prefix.length);
  return undefined;
}

/** The absolute path of the built-in file a diagnostic's `file` names, else undefined (kept light: printers load no renderer). */
export function builtinTemplateAbs(shown: string): string | undefined {
  const rel = builtinTemplatePath(shown);
  return rel === undefined || rel.split('/').includes('..') ? undefined : fileURLToPath(new URL(`../../templates/${rel}`, import.meta.url));
}
