import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/colors/contrast.js';
import { ensureContrast } from '../../src/layout/pages/ensureContrast.js';
import type { Box, TextBox } from '../../src/layout/flow/model.js';

const text = (t: string, color: string, opts: Partial<TextBox> = {}): TextBox => ({ kind: 'text', text: t, font: 'text-bold', size: 9, color, x: 20, y: 40, width: 40, role: 'P', ...opts });
const band: Box = { kind: 'rect', x: 10, y: 20, width: 200, height: 30, fill: '#2A9D8F', role: 'Artifact' };

describe('ensureContrast: every text against what is drawn beneath it', () => {
  it('darkens white 9 pt bold on the old thread colour #2A9D8F until 4.5:1, and leaves text that passes alone', () => {
    const [, onBand, onPaper] = ensureContrast([band, text('LABEL', '#FFFFFF'), text('Body', '#1F2933', { y: 200 })]) as TextBox[];
    expect(contrastRatio(onBand.color, '#2A9D8F')).toBeGreaterThanOrEqual(4.5);
    expect(onPaper.color).toBe('#1F2933');
  });

  it('asks 3:1 of large text (14 pt bold, 18 pt) and 4.5:1 below', () => {
    const boxes = ensureContrast([text('DÉFI', '#2E86AB', { size: 12, y: 200 }), text('7', '#2E86AB', { size: 44, y: 300 }), text('x', '#2E86AB', { font: 'text', size: 18, y: 400 })]) as TextBox[];
    expect(contrastRatio(boxes[0].color, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(boxes[0].color).not.toBe('#2E86AB');
    expect([boxes[1].color, boxes[2].color]).toEqual(['#2E86AB', '#2E86AB']);
  });

  it('takes the last fill drawn before the text, not one drawn after it, and keeps colour keys (■) as they are', () => {
    const tint: Box = { ...band, fill: '#F4F6F8' };
    const later: Box = { ...band, fill: '#000000' };
    const [, , grey, swatch] = ensureContrast([band, tint, text('Note', '#7B8794'), text('■', '#DDE1E6', { x: 100 }), later]) as TextBox[];
    expect(contrastRatio(grey.color, '#F4F6F8')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(grey.color, '#F4F6F8')).toBeLessThan(4.7);
    expect(swatch.color).toBe('#DDE1E6');
  });
});
