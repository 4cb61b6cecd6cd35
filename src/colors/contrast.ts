import { clampChroma, converter, formatHex, wcagContrast } from './culori.js';

/**
 * WCAG 2.x contrast, used wherever a text colour is chosen or checked (culori computes relative luminance and the
 * ratio exactly as WCAG 2.2 defines them).
 */

/** Dark text: near-black, softer on the eye than pure black. */
export const DARK_TEXT = '#1A1A1A';
export const WHITE = '#FFFFFF';

/** WCAG 1.4.3 (AA): 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold: 24 px and 18.66 px). */
export const MIN_CONTRAST = { text: 4.5, large: 3 } as const;

/** Whether text of `size` points is large in WCAG's sense. */
export function isLargeText(size: number, bold: boolean): boolean {
  return size >= (bold ? 14 : 18) - 1e-9;
}

/** The ratio WCAG asks for text of `size` points. */
export function minContrastFor(size: number, bold: boolean): number {
  return isLargeText(size, bold) ? MIN_CONTRAST.large : MIN_CONTRAST.text;
}

/** Contrast ratio of two `#RRGGBB` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  // Tables ask for the same few pairs cell after cell, and culori parses both colours at each call.
  const key = `${a} ${b}`;
  let ratio = ratios.get(key);
  if (ratio === undefined) {
    if (ratios.size >= 4096) ratios.clear();
    ratio = wcagContrast(a, b);
    ratios.set(key, ratio);
  }
  return ratio;
}
const ratios = new Map<string, number>();

const toOklch = converter('oklch');

/**
 * `color` made readable on `background` with the smallest change of lightness that reaches `min`, keeping its hue
 * (OKLCH: lightness moved, chroma cut back only as far as sRGB requires). Deterministic; unchanged when it passes.
 */
export function readableOn(color: string, background: string, min: number = MIN_CONTRAST.text): string {
  // Cards and use-case sheets ask it for every défi at every build (each rebuild of the watch): a bisection in OKLCH.
  const key = `${color} ${background} ${min}`;
  let readable = readables.get(key);
  if (readable === undefined) {
    if (readables.size >= 4096) readables.clear();
    readable = findReadable(color, background, min);
    readables.set(key, readable);
  }
  return readable;
}
const readables = new Map<string, string>();

function findReadable(color: string, background: string, min: number): string {
  const hex = color.toUpperCase();
  if (contrastRatio(hex, background) >= min) return hex;
  const candidates = (['darker', 'lighter'] as const).map((way) => shift(hex, background, min, way)).filter((c): c is string => c !== undefined);
  // Both ways can work on a mid-tone background: take the one closer in lightness to what was asked for.
  const l0 = toOklch(hex)?.l ?? 0;
  candidates.sort((a, b) => Math.abs((toOklch(a)?.l ?? 0) - l0) - Math.abs((toOklch(b)?.l ?? 0) - l0));
  return candidates[0] ?? (contrastRatio('#000000', background) >= contrastRatio(WHITE, background) ? '#000000' : WHITE);
}

/** Bisection on OKLCH lightness towards black or white; undefined when even the end (black or white) fails. */
function shift(hex: string, background: string, min: number, way: 'darker' | 'lighter'): string | undefined {
  const end = way === 'darker' ? '#000000' : WHITE;
  if (contrastRatio(end, background) < min) return undefined;
  const start = toOklch(hex) ?? { mode: 'oklch' as const, l: 0, c: 0, h: 0 };
  const at = (l: number) => formatHex(clampChroma({ ...start, l }, 'oklch', 'rgb')).toUpperCase();
  let pass = way === 'darker' ? 0 : 1;
  let fail = start.l;
  for (let i = 0; i < 40; i++) {
    const mid = (pass + fail) / 2;
    if (contrastRatio(at(mid), background) >= min) pass = mid;
    else fail = mid;
  }
  const out = at(pass);
  return contrastRatio(out, background) >= min ? out : end;
}

/**
 * Text colour for a coloured fill: dark or white, whichever contrasts more (WCAG ratio, not a luminance cut-off);
 * darkened further in the few mid-tones where neither reaches `min` (black or white always does).
 */
export function textOn(fill: string, min: number = MIN_CONTRAST.text): string {
  const best = contrastRatio(DARK_TEXT, fill) >= contrastRatio(WHITE, fill) ? DARK_TEXT : WHITE;
  return readableOn(best, fill, min);
}
