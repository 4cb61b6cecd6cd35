import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from '../defaults.js';
import { isInside, realPathOf } from '../kit/isInside.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { foreignEntry, MANIFEST_JSON } from './capaFolder.js';

const msg = defineMessages({
  fr: {
    isKit: (p) => `${quote('fr', p.out)} est le dossier du kit ou le contient : capa remplace tout le dossier de sortie à chaque construction, il effacerait le kit ; choisissez un sous-dossier dédié comme dist`,
    holdsSources: (p) => `${quote('fr', p.out)} contient des fichiers du kit (${p.file}) : capa remplace tout le dossier de sortie à chaque construction ; choisissez un dossier dédié comme dist`,
    outsideKit: (p) => `${quote('fr', p.out)} sort du dossier du kit : build.out doit rester dans le kit (par exemple dist) ; pour écrire ailleurs, utilisez capa build --out`,
    notCapa: (p) => `${quote('fr', p.out)} contient ${quote('fr', p.file)}, que capa n’a pas écrit${p.file === MANIFEST_JSON ? ' (ce n’est pas un manifeste de capa)' : ''} : capa remplace tout le dossier de sortie, il l’effacerait ; choisissez un dossier vide ou nouveau (rien n’a été touché)`,
    notAFolder: (p) => `${quote('fr', p.out)} existe mais n’est pas un dossier : choisissez un autre dossier de sortie`,
    unreadable: (p) => `${quote('fr', p.out)} ne peut pas être lu (${p.reason}) : capa doit voir ce qu’il contient avant de le remplacer ; donnez les droits de lecture ou choisissez un autre dossier de sortie`,
  },
  en: {
    isKit: (p) => `${quote('en', p.out)} is the kit folder or holds it: capa replaces the whole output folder on every build and would erase the kit; choose a dedicated subfolder such as dist`,
    holdsSources: (p) => `${quote('en', p.out)} holds files of the kit (${p.file}): capa replaces the whole output folder on every build; choose a dedicated folder such as dist`,
    outsideKit: (p) => `${quote('en', p.out)} leaves the kit folder: build.out must stay inside the kit (e.g. dist); to write elsewhere, use capa build --out`,
    notCapa: (p) => `${quote('en', p.out)} holds ${quote('en', p.file)}, which capa did not write${p.file === MANIFEST_JSON ? ' (it is not a capa manifest)' : ''}: capa replaces the whole output folder and would erase it; choose an empty or new folder (nothing was touched)`,
    notAFolder: (p) => `${quote('en', p.out)} exists but is not a folder: choose another output folder`,
    unreadable: (p) => `${quote('en', p.out)} cannot be read (${p.reason}): capa must see what it holds before replacing it; give read permission or choose another output folder`,
  },
});

const KEYS = { 'is-kit': 'isKit', 'holds-sources': 'holdsSources', 'outside-kit': 'outsideKit', 'not-capa': 'notCapa', 'not-a-folder': 'notAFolder', unreadable: 'unreadable' } as const;

export interface OutDirProblem {
  reason: 'is-kit' | 'holds-sources' | 'outside-kit' | 'not-capa' | 'not-a-folder' | 'unreadable';
  message: string;
}

/**
 * Whether the build may replace `outDir`. The writer swaps the whole folder, so it must be a folder
 * of its own: not the kit nor one of its parents, not a folder holding a file the kit reads
 * (`templates`, included YAML, assets), not a folder holding anything capa did not write (see
 * capaFolder.ts: capa's own manifest.json, listing every file). The kit's own `build.out` must also stay inside the kit (`fromKit`):
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
    message: msg(lang, KEYS[reason], { out: opts.shown, ...params }),
  });
  if (isInside(out, kit)) return problem('is-kit');
  if (opts.fromKit && !isInside(kit, out)) return problem('outside-kit');
  for (const source of [path.join(opts.kitDir, MANIFEST_FILE), ...opts.sources]) {
    if (existsSync(source) && isInside(out, source)) return problem('holds-sources', { file: path.relative(opts.kitDir, source).split(path.sep).join('/') || '.' });
  }
  try {
    if (!existsSync(out)) return undefined;
    if (!statSync(out).isDirectory()) return problem('not-a-folder');
    const foreign = foreignEntry(out);
    if (foreign !== undefined) return problem('not-capa', { file: foreign });
  } catch (err) {
    return problem('unreadable', { reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  return undefined;
}
