import { converter, differenceCiede2000, type Lrgb } from './culori.js';

/**
 * Telling colours apart, for people with normal colour vision and with the three common dichromacies.
 * The simulation is Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color
 * Vision Deficiency", severity 1.0 matrices as the authors publish them, applied to linear RGB (as their model
 * and the reference implementations do: culori's own filters apply them to gamma-encoded values, hence ours).
 * The difference is CIEDE2000 (culori).
 */

export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';
export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

/** Machado et al. 2009, severity 1.0, row-major, for linear RGB. */
export const MACHADO_2009: Record<Exclude<Vision, 'normal'>, readonly number[]> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/**
 * Minimum CIEDE2000 difference between two colours that must be told apart at a glance. ΔE00 ≈ 1 is a just
 * noticeable difference side by side and about 10 lets two small marks be named apart from memory (a band on one
 * card, a node on a map page); office printers drift by up to about 5 between runs and papers. So: built-in palettes
 * keep 15 (10 plus the printer's drift) in every vision; a kit's own colours are warned about below 10, where they
 * are too close even when printed true.
 */
export const MIN_DIFFERENCE = { palette: 15, warn: 10 } as const;

const toLrgb = converter('lrgb');
const deltaE = differenceCiede2000();
const unit = (v: number) => Math.min(1, Math.max(0, v));

/** `hex` as a person with `vision` sees it (linear RGB, clipped to the displayable range). */
export function simulate(hex: string, vision: Vision): Lrgb {
  const c = linear(hex);
  if (vision === 'normal') return { ...c };
  const m = MACHADO_2009[vision];
  return {
    mode: 'lrgb',
    r: unit(m[0] * c.r + m[1] * c.g + m[2] * c.b),
    g: unit(m[3] * c.r + m[4] * c.g + m[5] * c.b),
    b: unit(m[6] * c.r + m[7] * c.g + m[8] * c.b),
  };
}

/**
 * `hex` in linear RGB. Remembered: culori tries each of its colour syntaxes on the string at each call (~70 µs), and a
 * kit's check compares the same few colours under four visions, pair by pair (a third of `capa validate`'s checks).
 */
function linear(hex: string): Lrgb {
  let c = linears.get(hex);
  if (c === undefined) {
    if (linears.size >= 4096) linears.clear();
    c = toLrgb(hex) ?? { mode: 'lrgb' as const, r: 0, g: 0, b: 0 };
    linears.set(hex, c);
  }
  return c;
}
const linears = new Map<string, Lrgb>();

/** CIEDE2000 difference of two colours as seen with `vision`. */
export function colorDifference(a: string, b: string, vision: Vision = 'normal'): number {
  return deltaE(simulate(a, vision), simulate(b, vision));
}

/** The smallest difference of two colours over normal vision and the three simulations, and where it is. */
export function leastDifference(a: string, b: string): { delta: number; vision: Vision } {
  let least = { delta: Infinity, vision: 'normal' as Vision };
  for (const vision of VISIONS) {
    const delta = colorDifference(a, b, vision);
    if (delta < least.delta) least = { delta, vision };
  }
  return least;
}
