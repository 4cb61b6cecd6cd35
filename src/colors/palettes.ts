import type { SlotKind } from '../kit/Kit.js';

/**
 * Built-in colours that mean something (a thread, a kind of slot). Every pair of a palette differs by at least
 * MIN_DIFFERENCE.palette (CIEDE2000) in normal vision and in simulated protanopia, deuteranopia and tritanopia, and
 * every colour takes white or dark labels at 4.5:1 as it is; tests/colors/palettes.test.ts holds both to it.
 */

/**
 * Thread colours for threads that set none, in this order: blue, vermillion, indigo, taupe, dark brown, yellow,
 * lavender, sage. Searched from Okabe & Ito's blue and vermillion for the largest least difference in all four visions
 * (20.7). The first five also stand out from white paper (3:1 at least: thin map lines, colour keys); the pale three
 * come last, for kits with many threads.
 */
export const THREAD_PALETTE = ['#0072B2', '#D55E00', '#15068A', '#7F6869', '#3C2829', '#FECA00', '#C4A3FF', '#97B1AB'] as const;

/**
 * Slot kinds with a fixed colour. Workshops take the kit's primary colour, plenaries a tint of it and informal time
 * its accent (agenda.ts): these six keep MIN_DIFFERENCE.palette from each other and from those three for the
 * default theme and the shipped kits' themes; a kit theme too close to one of them is warned about (checkColors).
 */
export const SLOT_KIND_FIXED_COLORS: Record<Exclude<SlotKind, 'workshop' | 'plenary' | 'informal'>, string> = {
  elected: '#5C0300',
  retro: '#7361E4',
  visit: '#7AF4B7',
  meal: '#DE9A60',
  break: '#DDE1E6',
  other: '#716B7E',
};

/**
 * Backgrounds the built-in templates print theme-coloured text on: the page and the pale panels (use-case box,
 * carnet boxes, table stripes). A theme colour used as text must reach 4.5:1 on each (checkColors).
 */
export const THEME_TEXT_BACKGROUNDS = ['#FFFFFF', '#F4F6F8', '#F3F6F8'] as const;
