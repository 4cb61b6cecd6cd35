import { performance } from 'node:perf_hooks';
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
import { checkSchedule } from './checkSchedule.js';
import { checkMethod } from './checkMethod.js';
import { checkGlyphs } from './checkGlyphs.js';
import { checkColors } from './checkColors.js';
import { resolveKit } from '../kit/resolveKit.js';
import { appendAll } from '../kit/readData.js';
import type { Kit } from '../kit/Kit.js';
import { addStage } from '../stageClock.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS } from '../defaults.js';

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
  /** The resolved model, when the kit was sound enough to build it (no YAML or schema error). */
  kit?: Kit;
  diagnostics: Diagnostic[];
}

/**
 * Load a kit and run every check on it: YAML, manifest, schema, references, assets, schedule, method rules.
 * `digests`: record each file's data digest (`loaded.parts`), for the check cache.
 */
export async function checkKit(opts: { dir: string; lang?: Lang; digests?: boolean }): Promise<CheckedKit> {
  const lang = opts.lang ?? 'fr';
  const t0 = performance.now();
  const loaded = await loadKit({ dir: opts.dir, lang, digests: opts.digests });
  const t1 = addStage('load', t0);
  const diagnostics = [...loaded.diagnostics];
  let kit: Kit | undefined;
  // A file left unread would make the other checks report what it holds as missing.
  const readable = loaded.files.length > 0 && !diagnostics.some((d) => d.code.startsWith('yaml/') || UNREAD.has(d.code));
  if (readable) {
    const schema = checkSchema(loaded, lang);
    for (const found of [checkVersion(loaded, lang), schema, checkReferences(loaded, lang), await checkAssets(loaded, lang), await checkGlyphs(loaded, lang)]) appendAll(diagnostics, found);
    // Times and rules are only meaningful on data of the right shape; a dangling id is tolerated by the model.
    if (schema.length === 0) {
      const resolved = resolveKit(loaded, { lang });
      kit = resolved.kit;
      for (const found of [resolved.diagnostics, checkSchedule(loaded, kit, lang), checkMethod(loaded, kit, lang), checkColors(loaded, kit, lang)]) appendAll(diagnostics, found);
    }
  }
  // Templates do not depend on the data: checked whenever there is a kit, so a broken YAML file hides no template mistake.
  // A kit without a templates/ folder uses capa's own templates only, which capa's tests check: the
  // checker (and Handlebars) is not even loaded then.
  if (loaded.files.length > 0 && existsSync(join(loaded.dir, 'templates'))) {
    const { checkTemplates } = await import('../render/checkTemplates.js');
    appendAll(diagnostics, checkTemplates({ kitDir: loaded.dir, documents: documentsOf(loaded, kit), lang }));
  }
  addHints(loaded, diagnostics, lang);
  addStage('check', t1);
  return { loaded, kit, diagnostics: sortDiagnostics(diagnostics) };
}

/** Every problem of the kit in `dir`, sorted by file and line. */
export async function validateKit(opts: { dir: string; lang?: Lang }): Promise<Diagnostic[]> {
  return (await checkKit(opts)).diagnostics;
}

/** The documents the kit builds: its `build.documents` when readable, else all of them. */
function documentsOf(loaded: LoadedKit, kit: Kit | undefined): readonly string[] {
  if (kit) return kit.build.documents;
  const written = (loaded.data.build as { documents?: unknown } | undefined)?.documents;
  return Array.isArray(written) && written.every((d) => typeof d === 'string') ? written : Object.keys(DOCUMENTS);
}

function checkVersion(kit: LoadedKit, lang: Lang): Diagnostic[] {
  const version = kit.data.capa;
  // A missing or non-integer version is the schema's to report.
  if (!Number.isInteger(version) || version === FORMAT_VERSION) return [];
  return [{ severity: 'error', code: 'kit/version', message: msg(lang, 'version', { found: String(version) }), ...kit.locate(['capa']) }];
}

/** Codes of files that were not read, or whose data is missing from the kit. */
const UNREAD = new Set(['kit/not-a-mapping', 'kit/binary-file', 'kit/file-too-large', 'kit/too-large', 'kit/unreadable', 'kit/not-a-file', 'kit/outside']);

/** Codes whose line holds YAML that is no French-text trap: quoting would not help. */
const NO_HINT = new Set(['yaml/complex-key', 'yaml/merge-key', 'yaml/unknown-tag', 'yaml/alias-bomb', 'kit/too-large']);

/** Attach the advice for French-text YAML traps to diagnostics whose line shows one. */
function addHints(kit: LoadedKit, diagnostics: Diagnostic[], lang: Lang): void {
  // Each file split into lines once: 20,000 diagnostics must not split a large file 20,000 times.
  const lines = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!lines.has(file)) lines.set(file, kit.files.find((f) => f.file === file)?.text.split(/\r?\n/));
    return lines.get(file);
  };
  for (const d of diagnostics) {
    if (d.hint || !d.file || !d.line || NO_HINT.has(d.code)) continue;
    const sourceLine = linesOf(d.file)?.[d.line - 1];
    if (sourceLine === undefined) continue;
    const hint = yamlHint({ lang, code: d.code, message: d.message, sourceLine });
    if (hint) d.hint = hint;
  }
}
