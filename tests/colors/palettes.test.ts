import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { leastDifference, MIN_DIFFERENCE, VISIONS, colorDifference } from '../../src/colors/colorDifference.js';
import { contrastRatio, DARK_TEXT, WHITE } from '../../src/colors/contrast.js';
import { THEME_TEXT_BACKGROUNDS, THREAD_PALETTE } from '../../src/colors/palettes.js';
import { threadColors } from '../../src/colors/threadColors.js';
import { KIT_DEFAULTS } from '../../src/defaults.js';
import { slotKindColors } from '../../src/documents/agenda.js';
import type { Thread } from '../../src/kit/Kit.js';
import { ROOT } from '../helpers/tempKit.js';

/** Pairs of a palette closer than `min` in some vision, as "a~b 12.3 (tritanopia)". */
function tooClose(colors: Record<string, string>, min: number): string[] {
  const names = Object.keys(colors);
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const least = leastDifference(colors[names[i]], colors[names[j]]);
      if (least.delta < min) out.push(`${names[i]}~${names[j]} ${least.delta.toFixed(1)} (${least.vision})`);
    }
  }
  return out;
}

const shippedThemes = ['capacities', 'demo'].map((k) => {
  const theme = (parse(readFileSync(path.join(ROOT, 'kits', k, 'capa.yaml'), 'utf8')) as { theme: { primary: string; accent: string } }).theme;
  return { name: `kits/${k}`, theme };
});
const themes = [{ name: 'the default theme', theme: { ...KIT_DEFAULTS.theme } }, ...shippedThemes];

describe('the default thread palette', () => {
  it(`keeps every pair at least ${MIN_DIFFERENCE.palette} apart (CIEDE2000) in normal vision, protanopia, deuteranopia and tritanopia`, () => {
    expect(VISIONS).toEqual(['normal', 'protanopia', 'deuteranopia', 'tritanopia']);
    expect(tooClose(Object.fromEntries(THREAD_PALETTE.map((c) => [c, c])), MIN_DIFFERENCE.palette)).toEqual([]);
  });

  it('takes white or dark labels at 4.5:1 as it is (the card band)', () => {
    for (const c of THREAD_PALETTE) expect(Math.max(contrastRatio(WHITE, c), contrastRatio(DARK_TEXT, c)), c).toBeGreaterThanOrEqual(4.5);
  });

  it('gives threads without a colour the palette in order, skipping colours too close to those the kit set', () => {
    const t = (id: string, color?: string) => ({ id, color }) as Thread;
    const threads = [t('a'), t('b', '#1F77B4'), t('c'), t('d')];
    const colors = threadColors({ threads });
    // #0072B2 is too close to the kit's own blue: the defaults start at the vermillion.
    expect(threads.map((x) => colors.get(x))).toEqual(['#D55E00', '#1F77B4', '#15068A', '#7F6869']);
    for (const x of [threads[0], threads[2], threads[3]]) expect(leastDifference(colors.get(x)!, '#1F77B4').delta).toBeGreaterThanOrEqual(MIN_DIFFERENCE.palette);
  });

  it('no longer holds the two blues of the old palette that a tritanope could not tell apart', () => {
    expect(colorDifference('#2E86AB', '#2A9D8F', 'tritanopia')).toBeLessThan(10);
  });
});

describe.each(themes)('the slot-kind colours with $name', ({ theme }) => {
  it(`keep every pair at least ${MIN_DIFFERENCE.palette} apart in all four visions`, () => {
    expect(tooClose(slotKindColors(theme), MIN_DIFFERENCE.palette)).toEqual([]);
  });

  it('take white or dark labels at 4.5:1 as they are (timeline bars)', () => {
    for (const [kind, c] of Object.entries(slotKindColors(theme))) expect(Math.max(contrastRatio(WHITE, c), contrastRatio(DARK_TEXT, c)), kind).toBeGreaterThanOrEqual(4.5);
  });

  it('come with theme colours that read as small text on the page and the pale panels', () => {
    for (const bg of THEME_TEXT_BACKGROUNDS) {
      expect(contrastRatio(theme.primary, bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(theme.accent, bg)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
