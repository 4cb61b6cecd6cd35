import { describe, expect, it } from 'vitest';
import { fontBook } from '../../src/layout/fonts.js';
import { layoutDocument } from '../../src/layout/layoutDocument.js';
import { BAR_LABEL_MIN, barLabels, formatMinutes } from '../../src/layout/layoutTimeline.js';
import type { LayoutModel, RectBox, TextBox } from '../../src/layout/model.js';
import { formatTime } from '../../src/render/format.js';

function model(markup: string): LayoutModel {
  const r = layoutDocument({ markup, file: 'test.hbs', lang: 'en' });
  expect(r.diagnostics).toEqual([]);
  return r.model!;
}

/** The bars of a timeline (rounded rects) and, for each, the label text boxes drawn inside its rectangle. */
function barsWithLabels(m: LayoutModel): Array<{ bar: RectBox; lines: string[]; boxes: TextBox[] }> {
  const items = m.pages[0].items;
  const bars = items.filter((b): b is RectBox => b.kind === 'rect' && b.radius !== undefined).sort((a, b) => a.x - b.x);
  const labels = items.filter((b): b is TextBox => b.kind === 'text' && b.font.endsWith('bold'));
  return bars.map((bar) => {
    const boxes = labels.filter((t) => t.x >= bar.x && t.x < bar.x + bar.width && t.y > bar.y && t.y < bar.y + bar.height);
    const byLine = new Map<number, string>();
    for (const t of [...boxes].sort((a, b) => a.y - b.y || a.x - b.x)) byLine.set(t.y, (byLine.get(t.y) ?? '') + t.text);
    return { bar, lines: [...byLine.values()], boxes };
  });
}

/** A 9 h – 17 h timeline like the demo's agenda day (A4, 18 mm margins, lanes of 11 mm). */
const DAY =
  '<document lang="fr" margin="24 18 22 18"><timeline start="540" end="1020" ticks="60" lane-height="11mm" alt="La journée"><lane>' +
  '<bar start="540" end="570" color="#F2A541" label="Accueil café"/>' +
  '<bar start="570" end="690" color="#0B6E4F" label="Le cas d\'usage vu par ceux qui le vivent"/>' +
  '<bar start="690" end="705" color="#BCC3CF" label="Pause"/>' +
  '<bar start="705" end="750" color="#9B2335" label="Temps d\'échange avec l\'élue"/>' +
  '<bar start="750" end="840" color="#8D6A5F" label="Déjeuner sur place"/>' +
  '<bar start="960" end="990" color="#6A4C93" label="Réinterroger le collectif"/>' +
  '</lane></timeline></document>';

describe('timeline bar labels', () => {
  it('sets every label of a timeline at one size, at least the minimum', () => {
    const laid = barsWithLabels(model(DAY));
    const sizes = new Set(laid.flatMap((l) => l.boxes.map((b) => b.size)));
    expect(sizes.size).toBe(1);
    expect([...sizes][0]).toBeGreaterThanOrEqual(BAR_LABEL_MIN);
  });

  it('wraps a label on two lines in a tall enough lane, and keeps it whole', () => {
    const [accueil, atelier, , , dejeuner] = barsWithLabels(model(DAY));
    expect(accueil.lines).toEqual(['Accueil', 'café']);
    expect(atelier.lines.join(' ')).toBe('Le cas d’usage vu par ceux qui le vivent');
    expect(atelier.lines).toHaveLength(2);
    expect(dejeuner.lines).toEqual(['Déjeuner sur place']);
    // Two lines, centred in the bar: as far from its top as from its bottom.
    const ys = accueil.boxes.map((b) => b.y);
    const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
    expect(top - accueil.bar.y).toBeGreaterThan(0);
    expect(accueil.bar.y + accueil.bar.height - bottom).toBeGreaterThan(0);
  });

  it('keeps labels inside their bars, shortens them at a word, and leaves out what does not fit a word', () => {
    const laid = barsWithLabels(model(DAY));
    const [, , pause, echange, , retro] = laid;
    expect(pause.lines).toEqual([]);
    expect(retro.lines).toEqual([]);
    expect(echange.lines.join(' ')).toMatch(/^Temps d’échange( avec)?…$/);
    for (const { bar, boxes, lines } of laid) {
      for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(bar.x + bar.width + 0.01);
      // Never one letter and an ellipsis: what an ellipsis ends is whole words of the label.
      const shown = lines.join(' ');
      if (shown.endsWith('…')) expect(shown.replace(/…$/, '').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps the figure and its alternative text when labels are left out', () => {
    const m = model(DAY);
    const figure = m.structure.find((s) => s.role === 'Figure');
    expect(figure?.alt).toBe('La journée');
    expect(barsWithLabels(m).every(({ bar }) => bar.role === 'Figure' && bar.node === figure!.id)).toBe(true);
  });

  it('puts a label on one line when the lane is too low for two', () => {
    const m = model(DAY.replace('lane-height="11mm"', 'lane-height="6mm"'));
    const laid = barsWithLabels(m);
    for (const l of laid) expect(l.lines.length).toBeLessThanOrEqual(1);
    expect(laid[4].lines).toEqual(['Déjeuner sur place']);
  });

  it('prefers the larger size when a smaller one shows no more labels whole', () => {
    const book = fontBook();
    const style = { bold: false, italic: false, size: 10, color: '#000000' };
    const wide = barLabels({ ctx: { book, style }, bars: [{ text: 'Atelier', width: 200 }], height: 28 });
    expect(wide).toEqual({ size: 8, lines: [['Atelier']] });
    // A narrow bar brings every label down to the size at which it fits whole.
    const width = book.width('Atelier', 'text-bold', 7) + 6 + 0.01;
    const narrow = barLabels({ ctx: { book, style }, bars: [{ text: 'Atelier', width: 200 }, { text: 'Atelier', width }], height: 28 });
    expect(narrow.size).toBe(7);
    expect(narrow.lines).toEqual([['Atelier'], ['Atelier']]);
  });

  it('shortens at a word and drops a dangling dash or comma before the ellipsis', () => {
    const book = fontBook();
    const style = { bold: false, italic: false, size: 10, color: '#000000' };
    const width = book.width('Défi n°3 en Lego —', 'text-bold', 6) + 6 + 1;
    const r = barLabels({ ctx: { book, style }, bars: [{ text: 'Défi n°3 en Lego — un pont sur la rivière', width }], height: 10 });
    expect(r.size).toBe(BAR_LABEL_MIN);
    expect(r.lines[0]).toEqual(['Défi n°3 en Lego…']);
  });
});

describe('timeline axis', () => {
  it('writes tick labels as the render helpers write times (no-break spaces)', () => {
    for (let t = 0; t < 1440; t += 15) {
      expect(formatMinutes(t, 'h')).toBe(formatTime('fr', t));
      expect(formatMinutes(t, '24h')).toBe(formatTime('en', t));
    }
    expect(formatMinutes(570, 'h')).toBe('9\u00A0h\u00A030');
    const ticks = model(DAY)
      .pages[0].items.filter((b): b is TextBox => b.kind === 'text' && !b.font.endsWith('bold'))
      .map((b) => b.text)
      .join(' ');
    expect(ticks).toContain('9\u00A0h');
    expect(ticks).not.toContain('\u202F');
  });
});
