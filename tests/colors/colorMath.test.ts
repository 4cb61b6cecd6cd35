import { clampChroma, converter, differenceCiede2000, formatHex } from 'culori';
import { describe, expect, it } from 'vitest';
import { colorDifference, leastDifference, simulate } from '../../src/colors/colorDifference.js';
import { contrastRatio, DARK_TEXT, isLargeText, minContrastFor, readableOn, textOn, WHITE } from '../../src/colors/contrast.js';
import { THREAD_PALETTE } from '../../src/colors/palettes.js';
import { slotKindColors } from '../../src/documents/agenda.js';
import { KIT_DEFAULTS } from '../../src/defaults.js';

/** Every #RGB colour: 4096 fills, from black to white through every hue. */
const ALL_RGB = Array.from({ length: 4096 }, (_, i) => '#' + [i >> 8, (i >> 4) & 15, i & 15].map((d) => d.toString(16).repeat(2)).join('').toUpperCase());

/** The rule capa had before: white text until a fill's relative luminance passes 0.4. */
function oldTextOn(fill: string): string {
  const lin = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.4 ? DARK_TEXT : WHITE;
}

describe('WCAG contrast, against published values', () => {
  it('gives 21:1 for black on white, 1:1 for a colour on itself, and puts #767676 (4.54) just above 4.5 and #777777 (4.48) just below', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 6);
    expect(contrastRatio('#2A9D8F', '#2A9D8F')).toBe(1);
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });

  it('calls text large from 18 pt, or 14 pt bold (24 px and 18.66 px)', () => {
    expect([isLargeText(17.9, false), isLargeText(18, false), isLargeText(13.9, true), isLargeText(14, true)]).toEqual([false, true, false, true]);
    expect([minContrastFor(12, true), minContrastFor(44, true), minContrastFor(18, false)]).toEqual([4.5, 3, 3]);
  });
});

describe('textOn: dark or white, whichever contrasts more', () => {
  it('reaches 4.5:1 on every one of the 4096 #RGB fills', () => {
    const failing = ALL_RGB.filter((f) => contrastRatio(textOn(f), f) < 4.5);
    expect(failing).toEqual([]);
  });

  it('picks the better of the two wherever one of them passes, and white or dark only', () => {
    for (const fill of ALL_RGB) {
      const [dark, white] = [contrastRatio(DARK_TEXT, fill), contrastRatio(WHITE, fill)];
      if (Math.max(dark, white) >= 4.5) expect(textOn(fill), fill).toBe(dark >= white ? DARK_TEXT : WHITE);
    }
  });

  it('where the old luminance threshold (0.4) put white on fills it cannot read on: the old rule fails, the new one passes', () => {
    // The colours the issue measured: thread bands #E76F51 and #2A9D8F, the plenary tint of the default primary.
    const plenary = slotKindColors({ primary: KIT_DEFAULTS.theme.primary, accent: KIT_DEFAULTS.theme.accent }).plenary;
    for (const fill of ['#E76F51', '#2A9D8F', plenary, ...THREAD_PALETTE]) expect(contrastRatio(textOn(fill), fill), fill).toBeGreaterThanOrEqual(4.5);
    const oldFailures = ['#E76F51', '#2A9D8F', plenary].map((f) => contrastRatio(oldTextOn(f), f));
    expect(oldFailures.every((r) => r < 4.5)).toBe(true);
    expect(oldFailures[0]).toBeCloseTo(3.09, 2);
    // Over all fills, the old rule leaves hundreds below 4.5 where a passing choice existed.
    expect(ALL_RGB.filter((f) => contrastRatio(oldTextOn(f), f) < 4.5).length).toBeGreaterThan(500);
  });
});

describe('readableOn: the smallest change of lightness, same hue', () => {
  const oklch = converter('oklch');

  it('leaves passing colours alone and darkens the old orange accent just enough on white', () => {
    expect(readableOn('#1D4E89', '#FFFFFF')).toBe('#1D4E89');
    const out = readableOn('#F4A259', '#FFFFFF');
    expect(contrastRatio(out, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(out, '#FFFFFF')).toBeLessThan(4.65);
    // Same hue (within rounding to 8-bit channels), lighter steps would fail.
    expect(Math.abs(oklch(out)!.h! - oklch('#F4A259')!.h!)).toBeLessThan(3);
    const lighter = formatHex(clampChroma({ ...oklch(out)!, l: oklch(out)!.l + 0.01 }, 'oklch', 'rgb'));
    expect(contrastRatio(lighter, '#FFFFFF')).toBeLessThan(4.5);
  });

  it('lightens a dark colour on a dark fill, and meets 3:1 only when asked for large text', () => {
    const light = readableOn('#1D4E89', '#111111');
    expect(contrastRatio(light, '#111111')).toBeGreaterThanOrEqual(4.5);
    expect(oklch(light)!.l).toBeGreaterThan(oklch('#1D4E89')!.l);
    const large = readableOn('#2E86AB', '#FFFFFF', 3);
    expect(large).toBe('#2E86AB');
  });

  it('is deterministic', () => {
    expect(ALL_RGB.slice(0, 300).map((c) => readableOn(c, '#F4F6F8'))).toEqual(ALL_RGB.slice(0, 300).map((c) => readableOn(c, '#F4F6F8')));
  });
});

describe('CIEDE2000 and colour-vision simulation, against published values', () => {
  const de = differenceCiede2000();
  // Sharma, Wu & Dalal (2005), test data for CIEDE2000: pairs 1, 7, 17 and 25.
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  ])('ΔE00 %j → %j = %d', (a, b, expected) => {
    const lab = (v: number[]) => ({ mode: 'lab65' as const, l: v[0], a: v[1], b: v[2] });
    expect(de(lab(a), lab(b))).toBeCloseTo(expected, 4);
  });

  it('applies Machado 2009 (severity 1) in linear RGB: pure red seen by a deuteranope is the matrix column, white stays white', () => {
    const red = simulate('#FF0000', 'deuteranopia');
    expect([red.r, red.g, red.b]).toEqual([0.367322, 0.280085, 0]);
    const white = simulate('#FFFFFF', 'protanopia');
    for (const v of [white.r, white.g, white.b]) expect(v).toBeCloseTo(1, 2);
    expect(colorDifference('#808080', '#808080', 'tritanopia')).toBe(0);
  });

  it('collapses the red–green difference for protanopes and deuteranopes, not for tritanopes', () => {
    const [red, green] = ['#D62728', '#2CA02C'];
    expect(colorDifference(red, green)).toBeGreaterThan(50);
    expect(colorDifference(red, green, 'deuteranopia')).toBeLessThan(colorDifference(red, green) / 2);
    expect(colorDifference(red, green, 'protanopia')).toBeLessThan(colorDifference(red, green) / 2);
    expect(leastDifference(red, green).vision).not.toBe('tritanopia');
  });

  it('finds the old threads #2E86AB and #2A9D8F too close for a tritanope', () => {
    expect(leastDifference('#2E86AB', '#2A9D8F')).toMatchObject({ vision: 'tritanopia' });
    expect(leastDifference('#2E86AB', '#2A9D8F').delta).toBeLessThan(10);
  });
});
