import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from '../defaults.js';
import { isInside, realPathOf } from '../kit/isInside.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { MANIFEST_JSON } from './writeOutputs.js';

const msg = defineMessages({
  fr: {
    isKit: (p) => `${quote('fr', p.out)} est le dossier du kit ou le contient : capa remplace tout le dossier de sortie à chaque construction, il effacerait le kit ; choisissez un sous-dossier dédié comme dist`,
    holdsSources: (p) => `${quote('fr', p.out)} contient des fichiers du kit (${p.file}) : capa remplace tout le dossier de sortie à chaque construction ; choisissez un dossier dédié comme dist`,
    outsideKit: (p) => `${quote('fr', p.out)} sort du dossier du kit : build.out doit rester dans le kit (par exemple dist) ; pour écrire ailleurs, utilisez capa build --out`,
    notCapa: (p) => `${quote('fr', p.out)} contient déjà des fichiers que capa n’a pas écrits (pas de ${MANIFEST_JSON}) : capa remplace tout le dossier de sortie, il les effacerait ; choisissez un dossier vide ou nouveau`,
    notAFolder: (p) => `${quote('fr', p.out)} existe mais n’est pas un dossier : choisissez un autre dossier de sortie`,
  },
  en: {
    isKit: (p) => `${quote('en', p.out)} is the kit folder or holds it: capa replaces the whole output folder on every build and would erase the kit; choose a dedicated subfolder such as dist`,
    holdsSources: (p) => `${quote('en', p.out)} holds files of the kit (${p.file}): capa replaces the whole output folder on every build; choose a dedicated folder such as dist`,
    outsideKit: (p) => `${quote('en', p.out)} leaves the kit folder: build.out must stay inside the kit (e.g. dist); to write elsewhere, use capa build --out`,
    notCapa: (p) => `${quote('en', p.out)} already holds files capa did not write (no ${MANIFEST_JSON}): capa replaces the whole output folder and would erase them; choose an empty or new folder`,
    notAFolder: (p) => `${quote('en', p.out)} exists but is not a folder: choose another output folder`,
  },
});

export interface OutDirProblem {
  /** `is-kit`, `holds-sources`, `outside-kit`, `not-capa`, `not-a-folder`. */
  reason: 'is-kit' | 'holds-sources' | 'outside-kit' | 'not-capa' | 'not-a-folder';
  message: string;
}

/**
 * Whether the build may replace `outDir`. The writer swaps the whole folder, so it must be a folder
 * of its own: not the kit nor one of its parents, not a folder holding a file the kit reads
 * (`templates`, included YAML, assets), not a folder of someone else's files (non-empty without
 * capa's manifest.json). The kit's own `build.out` must also stay inside the kit (`fromKit`):
 * a kit from a fork never writes elsewhere; a folder named on the command line may be anywhere.
 */
export function checkOutDir(opts: {
  kitDir: string;
  outDir: string;
  /** Absolute paths the kit reads: its YAML files, assets, the templates folder. */
  sources: string[];
  fromKit: boolean;
  /** What to show for the folder (as the user wrote it). */
  shown: string;
  lang: Lang;
}): OutDirProblem | undefined {
  const { lang } = opts;
  const out = realPathOf(opts.outDir);
  const kit = realPathOf(opts.kitDir);
  const problem = (reason: OutDirProblem['reason'], params: Record<string, string> = {}): OutDirProblem => ({
    reason,
    message: msg(lang, reason === 'is-kit' ? 'isKit' : reason === 'holds-sources' ? 'holdsSources' : reason === 'outside-kit' ? 'outsideKit' : reason === 'not-capa' ? 'notCapa' : 'notAFolder', { out: opts.shown, ...params }),
  });
  if (isInside(out, kit)) return problem('is-kit');
  if (opts.fromKit && !isInside(kit, out)) return problem('outside-kit');
  for (const source of [path.join(opts.kitDir, MANIFEST_FILE), ...opts.sources]) {
    if (existsSync(source) && isInside(out, source)) return problem('holds-sources', { file: path.relative(opts.kitDir, source).split(path.sep).join('/') || '.' });
  }
  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return problem('not-a-folder');
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes(MANIFEST_JSON)) return problem('not-capa');
  return undefined;
}
