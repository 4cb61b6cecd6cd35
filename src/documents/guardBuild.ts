import path from 'node:path';
import type { CheckedKit } from '../check/validateKit.js';
import { templatesOutside } from '../kit/templatesOutside.js';
import { missingFontFiles } from '../layout/fonts/fonts.js';
import { CapaError, UsageError } from '../report/CapaError.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { recoverInterrupted } from './capaFolder.js';
import { checkOutDir } from './checkOutDir.js';

const msg = defineMessages({
  fr: {
    fontMissing: (p) => `la police ${quote('fr', p.file)} est introuvable : l’installation de capa est incomplète ; réinstallez-la (npm install) puis relancez`,
    templateOutside: (p) => `${quote('fr', p.file)} est un lien vers un fichier hors du dossier du kit : capa ne lit que les modèles du kit ; copiez le fichier dans templates/ au lieu d’un lien`,
  },
  en: {
    fontMissing: (p) => `the font ${quote('en', p.file)} cannot be found: the capa install is incomplete; install it again (npm install) and retry`,
    templateOutside: (p) => `${quote('en', p.file)} is a link to a file outside the kit folder: capa only reads the kit’s own templates; copy the file into templates/ instead of linking it`,
  },
});

/**
 * What a build must make sure of before rendering anything, beyond the kit checks: the install has
 * its fonts (else a CapaError, exit 3), the kit's templates stay inside it (`kit/template-outside`),
 * and the output folder may be replaced (`--out`: a UsageError; the kit's `build.out`: `kit/out-unsafe`).
 * Returns the output folder and the diagnostics to add.
 */
export function guardBuild(opts: { checked: CheckedKit; out?: string; lang: Lang; /** False for in-memory builds: no folder is replaced. */ writes: boolean }): { outDir: string; diagnostics: Diagnostic[] } {
  const { checked, lang } = opts;
  const missing = missingFontFiles();
  if (missing.length > 0) throw new CapaError('install/font-missing', msg(lang, 'fontMissing', { file: missing[0] }), { exitCode: 3 });

  const kitDir = checked.loaded.dir;
  const diagnostics: Diagnostic[] = templatesOutside(kitDir).map((file) => ({
    severity: 'error',
    code: 'kit/template-outside',
    message: msg(lang, 'templateOutside', { file }),
    file,
  }));

  const kitOut = checked.kit?.build.out ?? 'dist';
  const outDir = path.resolve(kitDir, opts.out ?? kitOut);
  const logo = (checked.loaded.data.theme as { logo?: unknown } | undefined)?.logo;
  const sources = [
    ...checked.loaded.files.map((f) => f.abs),
    path.join(kitDir, 'templates'),
    ...(typeof logo === 'string' ? [path.resolve(kitDir, logo)] : []),
  ];
  // A build killed mid-replacement (kill -9) left the previous output moved aside: put it back first, so a
  // build that then fails still leaves the previous output where the user expects it.
  if (opts.writes) recoverQuietly(outDir);
  const problem = opts.writes && checkOutDir({ kitDir, outDir, sources, fromKit: opts.out === undefined, shown: opts.out ?? kitOut, lang });
  if (problem && opts.out !== undefined) throw new UsageError('usage/out-unsafe', problem.message);
  if (problem) {
    diagnostics.push({ severity: 'error', code: 'kit/out-unsafe', message: problem.message, ...checked.loaded.locate(['build', 'out']) });
  }
  return { outDir, diagnostics };
}

/** Recovery is a courtesy here: a failure (a folder that cannot be read) is reported by the writer later. */
function recoverQuietly(outDir: string): void {
  try {
    recoverInterrupted(outDir);
  } catch {
    // writeOutputs runs the same recovery and names the failure.
  }
}
