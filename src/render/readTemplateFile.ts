import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, type Lang } from '../report/messages.js';

const message = defineMessages({
  fr: {
    denied: (p) =>
      `Impossible de lire ${p.what} : permission refusée (${p.code}). Donnez le droit de lecture à l’utilisateur qui lance capa (chmod a+r), ou retirez le fichier pour utiliser le modèle intégré.`,
    other: (p) => `Impossible de lire ${p.what} (${p.code}${p.detail ? ` : ${p.detail}` : ''}).`,
    file: 'ce fichier',
    folder: 'ce dossier de modèles',
  },
  en: {
    denied: (p) =>
      `Cannot read ${p.what}: permission denied (${p.code}). Give read permission to the user running capa (chmod a+r), or remove the file to use the built-in template.`,
    other: (p) => `Cannot read ${p.what} (${p.code}${p.detail ? `: ${p.detail}` : ''}).`,
    file: 'this file',
    folder: 'this templates folder',
  },
});

/** A file-system error's code (`EACCES`…), or undefined for anything that is not one. */
export function fsErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * `template/unreadable`: a template, partial, label file or templates folder the user running capa cannot
 * read. It is the kit's problem (permissions, a file that vanished), not capa's: a located error, exit 1.
 */
export function unreadableDiagnostic(opts: { file: string; code: string; lang: Lang; folder?: boolean; detail?: string }): Diagnostic {
  const what = message(opts.lang, opts.folder ? 'folder' : 'file');
  const denied = opts.code === 'EACCES' || opts.code === 'EPERM';
  return {
    severity: 'error',
    code: 'template/unreadable',
    message: denied ? message(opts.lang, 'denied', { what, code: opts.code }) : message(opts.lang, 'other', { what, code: opts.code, detail: opts.detail ?? '' }),
    file: opts.file,
    line: 1,
    column: 1,
  };
}

/** A template or label file's text, or the diagnostic saying why it cannot be read (only file-system errors are caught). */
export function readTemplateText(abs: string, file: string, lang: Lang): { text: string } | { diagnostic: Diagnostic; code: string } {
  try {
    return { text: readFileSync(abs, 'utf8') };
  } catch (err) {
    const code = fsErrorCode(err);
    if (!code) throw err;
    return { diagnostic: unreadableDiagnostic({ file, code, lang }), code };
  }
}
