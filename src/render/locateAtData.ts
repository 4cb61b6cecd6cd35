import type { LoadedKit } from '../kit/LoadedKit.js';
import { fromPointer } from '../kit/LoadedKit.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { renderMessage } from './renderMessages.js';

/**
 * A layout problem caused by a kit value (a row taller than a page because of a long name) is fixed in the
 * YAML: it is reported at the value (`path`, found by the renderer or given by the template's `source`), and
 * the template place that laid the text out becomes a related note.
 */
export function locateAtData(d: Diagnostic, loaded: LoadedKit | undefined, lang: Lang): Diagnostic {
  if (!d.path || !loaded || !d.code.startsWith('layout/')) return d;
  const at = loaded.locate(fromPointer(d.path));
  if (at.file === d.file && at.line === d.line) return d;
  const template =
    d.file !== undefined && d.line !== undefined
      ? [{ file: d.file, line: d.line, column: d.column ?? 1, message: renderMessage(lang, 'placedBy') }]
      : [];
  return { ...d, file: at.file, line: at.line, column: at.column, related: [...(d.related ?? []), ...template] };
}
