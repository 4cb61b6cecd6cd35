import { readFileSync, statSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import type { DataPath, LoadedKit } from '../kit/LoadedKit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { isInside } from '../kit/isInside.js';
import { LIMITS } from '../defaults.js';
import { imageProblemMessage } from './imageMessages.js';
import { validateImage } from './validateImage.js';

export { imageFormat } from './validateImage.js';

/**
 * Places in the kit that name an image of the kit. Every image a document embeds from the kit's data is
 * listed here, so it is fully validated (validateImage) and any problem located at the YAML value that names
 * it, never at the template that draws it.
 */
function assetPaths(data: Record<string, unknown>): DataPath[] {
  const paths: DataPath[] = [['theme', 'logo']];
  const workshops = Array.isArray(data.workshops) ? (data.workshops as unknown[]) : [];
  workshops.forEach((w, i) => {
    const photos = (w as { capture?: { photos?: unknown } } | null)?.capture?.photos;
    if (Array.isArray(photos)) photos.forEach((_, j) => paths.push(['workshops', i, 'capture', 'photos', j, 'src']));
  });
  return paths;
}

const msg = defineMessages({
  fr: {
    outside: (p) => `${quote('fr', p.file)} est hors du dossier du kit : placez l’image dans le kit (par exemple assets/logo.png) et donnez un chemin relatif`,
    missing: (p) => `le fichier ${quote('fr', p.file)} n’existe pas dans le kit (chemin relatif au dossier qui contient capa.yaml)`,
    tooLarge: (p) => `${quote('fr', p.file)} dépasse ${p.max} Mo : réduisez l’image`,
    unreadable: (p) => `${quote('fr', p.file)} ne peut pas être lu (${p.reason}) : donnez le droit de lecture sur ce fichier`,
  },
  en: {
    outside: (p) => `${quote('en', p.file)} is outside the kit folder: put the image inside the kit (e.g. assets/logo.png) and give a relative path`,
    missing: (p) => `the file ${quote('en', p.file)} does not exist in the kit (path relative to the folder holding capa.yaml)`,
    tooLarge: (p) => `${quote('en', p.file)} is larger than ${p.max} MB: make the image smaller`,
    unreadable: (p) => `${quote('en', p.file)} cannot be read (${p.reason}): give read permission on this file`,
  },
});

/**
 * The kit's images exist, stay inside the kit folder (after links), are at most LIMITS.maxAssetBytes, and are
 * sound PNG or JPEG files within the pixel limit (validateImage), each problem at the YAML value naming the image.
 */
export async function checkAssets(kit: LoadedKit, lang: Lang): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const realDir = realpathSync(kit.dir);
  for (const assetPath of assetPaths(kit.data)) {
    let value: unknown = kit.data;
    for (const step of assetPath) value = (value as Record<string | number, unknown> | undefined)?.[step];
    if (typeof value !== 'string') continue;
    // Located only on failure: placing a value may need parsing its file again (see yamlCache).
    const fail = (code: string, message: string) =>
      diagnostics.push({ severity: 'error', code, message, ...kit.locate(assetPath), path: toPointer(assetPath) });
    const abs = path.resolve(kit.dir, value);
    if (path.isAbsolute(value) || !isInside(realDir, abs)) {
      fail('asset/outside-kit', msg(lang, 'outside', { file: value }));
      continue;
    }
    let size: number;
    try {
      const stats = statSync(abs);
      if (!stats.isFile()) throw new Error('not a file');
      size = stats.size;
    } catch {
      fail('asset/missing', msg(lang, 'missing', { file: value }));
      continue;
    }
    if (size > LIMITS.maxAssetBytes) {
      fail('asset/too-large', msg(lang, 'tooLarge', { file: value, max: LIMITS.maxAssetBytes / 1024 / 1024 }));
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (err) {
      fail('asset/unreadable', msg(lang, 'unreadable', { file: value, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
      continue;
    }
    const checked = await validateImage(bytes);
    if (!checked.ok) fail(checked.problem.code, imageProblemMessage(lang, value, checked.problem));
  }
  return diagnostics;
}
