import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FALLBACK_FONTS } from '../../defaults.js';
import type { Family } from './fontFallback.js';

type ScriptFamily = (typeof FALLBACK_FONTS)[number]['family'];

/**
 * A face of the text family, of its fallback family (DejaVu) or of a script font, named the same in the model and
 * the renderer. Script fonts have a regular and a bold face (italic text uses them upright).
 */
export type FontId =
  | 'text' | 'text-bold' | 'text-italic' | 'text-bold-italic'
  | 'fallback' | 'fallback-bold' | 'fallback-italic' | 'fallback-bold-italic'
  | ScriptFamily | `${ScriptFamily}-bold`;

export interface InlineStyle {
  bold: boolean;
  italic: boolean;
}

const require = createRequire(import.meta.url);
const atkinson = dirname(require.resolve('@expo-google-fonts/atkinson-hyperlegible-next/package.json'));
const dejavu = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The files of the script fonts, by face: resolved here, opened only when a text needs them. */
function scriptFiles(): Record<ScriptFamily | `${ScriptFamily}-bold`, string> {
  const files = {} as Record<ScriptFamily | `${ScriptFamily}-bold`, string>;
  for (const f of FALLBACK_FONTS) {
    let dir: string;
    try {
      dir = dirname(require.resolve(`${f.package}/package.json`));
    } catch {
      // A package missing from a partial install: its files are then reported by `missingFontFiles`, not a crash.
      dir = f.package;
    }
    files[f.family] = join(dir, f.regular);
    files[`${f.family}-bold`] = join(dir, f.bold);
  }
  return files;
}

/** TTF files (TTF, not WOFF: WOFF was several times slower to embed): Atkinson Hyperlegible Next for text, DejaVu Sans for glyphs it lacks, then script fonts. */
export const FONT_FILES: Record<FontId, string> = {
  text: join(atkinson, '400Regular/AtkinsonHyperlegibleNext_400Regular.ttf'),
  'text-bold': join(atkinson, '700Bold/AtkinsonHyperlegibleNext_700Bold.ttf'),
  'text-italic': join(atkinson, '400Regular_Italic/AtkinsonHyperlegibleNext_400Regular_Italic.ttf'),
  'text-bold-italic': join(atkinson, '700Bold_Italic/AtkinsonHyperlegibleNext_700Bold_Italic.ttf'),
  fallback: join(dejavu, 'DejaVuSans.ttf'),
  'fallback-bold': join(dejavu, 'DejaVuSans-Bold.ttf'),
  'fallback-italic': join(dejavu, 'DejaVuSans-Oblique.ttf'),
  'fallback-bold-italic': join(dejavu, 'DejaVuSans-BoldOblique.ttf'),
  ...scriptFiles(),
};

/**
 * Font files of the install that cannot be read (a broken or partial install): checked once before
 * a build so that the user gets one clear message instead of a crash deep inside the renderer.
 */
export function missingFontFiles(): string[] {
  return [...new Set(Object.values(FONT_FILES))].filter((file) => {
    try {
      accessSync(file, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** Script families with a bold face of their own (emoji have one weight: bold emoji are the regular face, embedded once). */
const HAS_BOLD = new Set<Family>(FALLBACK_FONTS.filter((f) => f.bold !== f.regular).map((f) => f.family));

/** The face of `family` for a style: script fonts have no italic, emoji no bold. */
export function faceFor(style: InlineStyle, family: Family): FontId {
  if (family === 'text' || family === 'fallback') {
    const suffix = style.bold && style.italic ? '-bold-italic' : style.bold ? '-bold' : style.italic ? '-italic' : '';
    return (family + suffix) as FontId;
  }
  return (style.bold && HAS_BOLD.has(family) ? `${family}-bold` : family) as FontId;
}

/** A face of a script font (not of the text family or of DejaVu). */
export function isScriptFace(font: FontId): boolean {
  return !font.startsWith('text') && !font.startsWith('fallback');
}
