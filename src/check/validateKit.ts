import type { Diagnostic } from '../report/Diagnostic.js';
import { sortDiagnostics } from '../report/Diagnostic.js';
import { defineMessages, type Lang } from '../report/messages.js';
import { yamlHint } from '../report/yamlHints.js';
import { FORMAT_VERSION } from '../defaults.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import { loadKit } from '../kit/loadKit.js';
import { checkSchema } from './checkSchema.js';
import { checkReferences } from './checkReferences.js';
import { checkAssets } from './checkAssets.js';

const msg = defineMessages({
  fr: {
    version: (p) => `version de format ${p.found} inconnue : cette version de capa lit « capa: ${FORMAT_VERSION} » (mettez capa à jour si le kit vient d’une version plus récente)`,
  },
  en: {
    version: (p) => `unknown format version ${p.found}: this capa reads “capa: ${FORMAT_VERSION}” (update capa if the kit comes from a newer version)`,
  },
});

export interface CheckedKit {
  loaded: LoadedKit;
  diagnostics: Diagnostic[];
}

/** Load a kit and run every check on it: YAML, manifest, schema, references, assets, schedule, method rules. */
export async function checkKit(opts: { dir: string; lang?: Lang }): Promise<CheckedKit> {
  const lang = opts.lang ?? 'fr';
  const loaded = await loadKit({ dir: opts.dir, lang });
  const diagnostics = [...loaded.diagnostics];
  if (loaded.files.length > 0 && !diagnostics.some((d) => d.code.startsWith('yaml/') || d.code === 'kit/not-a-mapping')) {
    diagnostics.push(...checkVersion(loaded, lang));
    diagnostics.push(...checkSchema(loaded, lang));
    diagnostics.push(...checkReferences(loaded, lang));
    diagnostics.push(...checkAssets(loaded, lang));
  }
  addHints(loaded, diagnostics, lang);
  return { loaded, diagnostics: sortDiagnostics(diagnostics) };
}

/** Every problem of the kit in `dir`, sorted by file and line. */
export async function validateKit(opts: { dir: string; lang?: Lang }): Promise<Diagnostic[]> {
  return (await checkKit(opts)).diagnostics;
}

function checkVersion(kit: LoadedKit, lang: Lang): Diagnostic[] {
  const version = kit.data.capa;
  // A missing or non-integer version is the schema's to report.
  if (!Number.isInteger(version) || version === FORMAT_VERSION) return [];
  return [{ severity: 'error', code: 'kit/version', message: msg(lang, 'version', { found: String(version) }), ...kit.locate(['capa']) }];
}

/** Attach the advice for French-text YAML traps to diagnostics whose line shows one. */
function addHints(kit: LoadedKit, diagnostics: Diagnostic[], lang: Lang): void {
  for (const d of diagnostics) {
    if (d.hint || !d.file || !d.line) continue;
    const source = kit.files.find((f) => f.file === d.file);
    const sourceLine = source?.text.split(/\r?\n/)[d.line - 1];
    if (sourceLine === undefined) continue;
    const hint = yamlHint({ lang, code: d.code, message: d.message, sourceLine });
    if (hint) d.hint = hint;
  }
}
