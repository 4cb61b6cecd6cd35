import { openSync, readSync, closeSync, statSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import type { DataPath, LoadedKit } from '../kit/LoadedKit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { isInside } from '../kit/isInside.js';
import { LIMITS } from '../defaults.js';

/** Places in the kit that name a file of the kit (images). */
const ASSET_PATHS: DataPath[] = [['theme', 'logo']];

const msg = defineMessages({
  fr: {
    outside: (p) => `${quote('fr', p.file)} est hors du dossier du kit : placez l’image dans le kit (par exemple assets/logo.png) et donnez un chemin relatif`,
    missing: (p) => `le fichier ${quote('fr', p.file)} n’existe pas dans le kit (chemin relatif au dossier qui contient capa.yaml)`,
    badFormat: (p) => `${quote('fr', p.file)} n’est ni une image PNG ni une image JPEG (d’après son contenu) : exportez-la dans l’un de ces formats`,
    tooLarge: (p) => `${quote('fr', p.file)} dépasse ${p.max} Mo : réduisez l’image`,
  },
  en: {
    outside: (p) => `${quote('en', p.file)} is outside the kit folder: put the image inside the kit (e.g. assets/logo.png) and give a relative path`,
    missing: (p) => `the file ${quote('en', p.file)} does not exist in the kit (path relative to the folder holding capa.yaml)`,
    badFormat: (p) => `${quote('en', p.file)} is neither a PNG nor a JPEG image (judging by its content): export it to one of these formats`,
    tooLarge: (p) => `${quote('en', p.file)} is larger than ${p.max} MB: make the image smaller`,
  },
});

/** The image formats documents can embed, told by their first bytes. */
export function imageFormat(head: Buffer): 'png' | 'jpeg' | undefined {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Theme assets exist, are PNG or JPEG by content, and stay inside the kit folder (after links). */
export function checkAssets(kit: LoadedKit, lang: Lang): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const realDir = realpathSync(kit.dir);
  for (const assetPath of ASSET_PATHS) {
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
    const head = Buffer.alloc(8);
    const fd = openSync(abs, 'r');
    try {
      readSync(fd, head, 0, 8, 0);
    } finally {
      closeSync(fd);
    }
    if (!imageFormat(head)) fail('asset/bad-format', msg(lang, 'badFormat', { file: value }));
  }
  return diagnostics;
}
