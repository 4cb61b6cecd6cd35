import { FALLBACK_FONTS } from '../../defaults.js';

/**
 * Families in the order they are tried for a character: the text face (Atkinson Hyperlegible Next), DejaVu Sans
 * (which the text face has always fallen back to), then the script fonts of `FALLBACK_FONTS`.
 */
export const FAMILIES = ['text', 'fallback', ...FALLBACK_FONTS.map((f) => f.family)] as const;
export type Family = (typeof FAMILIES)[number];

/** Index in `FAMILIES` of the first script font: characters these draw may carry cluster extenders along. */
export const FIRST_SCRIPT_FAMILY = 2;

/** What the font book knows about glyphs, by family index. */
export interface Coverage {
  /** The first family with a glyph for `cp`, or -1 when none has one. */
  familyOf(cp: number): number;
  /** Whether family `family` has a glyph for `cp`. */
  has(family: number, cp: number): boolean;
}

/** `text.slice(start, end)` is drawn with family `family`. */
export interface FamilySlice {
  start: number;
  end: number;
  family: number;
}

/**
 * Code points that belong to the character before them: combining marks (Thai vowels, Devanagari matras),
 * joiners, variation selectors, emoji skin tones and tag characters. Kept in the font of their base character,
 * they let that font shape the cluster (a ZWJ emoji sequence is one ligature of Noto Emoji).
 */
const EXTENDER = /^[\p{M}\u200C\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}]$/u;
const ZWJ = 0x200d;

const extenders = new Map<number, boolean>();
function isExtender(cp: number): boolean {
  let r = extenders.get(cp);
  if (r === undefined) {
    r = EXTENDER.test(String.fromCodePoint(cp));
    extenders.set(cp, r);
  }
  return r;
}

/**
 * Splits `text` into slices per family, by glyph coverage. ASCII is the text face's without a lookup; a character
 * no family draws stays with the text face (its empty box), as before fallback fonts existed. Extenders after a
 * character of a script font stay in that font when it has them, and so does a character after a ZWJ there.
 * Text the text face and DejaVu draw is split exactly as it was before the script fonts were added.
 */
export function splitByFamily(text: string, coverage: Coverage): FamilySlice[] {
  const out: FamilySlice[] = [];
  let start = 0;
  let current = 0;
  let afterZwj = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 32;
    let family: number;
    if (cp <= 0x7e) family = 0;
    else if (current >= FIRST_SCRIPT_FAMILY && (afterZwj || isExtender(cp)) && coverage.has(current, cp)) family = current;
    else family = Math.max(0, coverage.familyOf(cp));
    afterZwj = cp === ZWJ;
    if (i > start && family !== current) {
      out.push({ start, end: i, family: current });
      start = i;
    }
    current = family;
    i += cp > 0xffff ? 2 : 1;
  }
  if (text.length > start) out.push({ start, end: text.length, family: current });
  return out;
}

/** Whether `cp` may be in family `index` of `FAMILIES` (script fonts only cover their ranges). */
export function inRanges(index: number, cp: number): boolean {
  if (index < FIRST_SCRIPT_FAMILY) return true;
  for (const [lo, hi] of FALLBACK_FONTS[index - FIRST_SCRIPT_FAMILY].ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/**
 * Code points the text face or DejaVu draw (or that print nothing), listed so that checking a kit's text needs no
 * font for the usual French, Greek and Cyrillic text: opening fontkit costs as much CPU as the rest of `validate`.
 * A test holds the list to the fonts.
 */
export const DRAWN_BY_TEXT_FONTS: ReadonlyArray<readonly [number, number]> = [
  [0x0080, 0x02e9], [0x0300, 0x034f], [0x0384, 0x038a], [0x038e, 0x03a1], [0x03a3, 0x0525],
  [0x2000, 0x2071], [0x20a0, 0x20b5], [0x2190, 0x22ff],
];

/** Whether `cp` is known to be drawn without looking at a font (ASCII or `DRAWN_BY_TEXT_FONTS`). */
export function drawnWithoutLookup(cp: number): boolean {
  if (cp <= 0x7e) return true;
  for (const [lo, hi] of DRAWN_BY_TEXT_FONTS) if (cp >= lo && cp <= hi) return true;
  return false;
}
