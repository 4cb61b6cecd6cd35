import { describe, expect, it } from 'vitest';
import { fontBook } from '../../src/layout/fonts/fonts.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import { BAR_LABEL_MIN, barLabels } from '../../src/layout/flow/barLabels.js';
import { formatMinutes } from '../../src/layout/flow/layoutTimeline.js';
import type { LayoutModel, RectBox, TextBox } from '../../src/layout/flow/model.js';
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
    const [, atelier, , , dejeuner] = barsWithLabels(model(DAY));
    expect(atelier.lines.join(' ')).toBe('Le cas d’usage vu par ceux qui le vivent');
    expect(atelier.lines).toHaveLength(2);
    expect(dejeuner.lines).toEqual(['Déjeuner sur place']);
    // Two lines, centred in the bar: as far from its top as from its bottom.
    const ys = atelier.boxes.map((b) => b.y);
    const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
    expect(top - atelier.bar.y).toBeGreaterThan(0);
    expect(atelier.bar.y + atelier.bar.height - bottom).toBeGreaterThan(0);
  });

  it('keeps labels inside their bars, whole or replaced by a key letter, never with an ellipsis (issue 19)', () => {
    const laid = barsWithLabels(model(DAY));
    const [accueil, , pause, echange, , retro] = laid;
    // Too narrow for their words at the document's one label size: a key letter each, in time order.
    expect([accueil, pause, echange, retro].map((l) => l.lines)).toEqual([['A'], ['B'], ['C'], ['D']]);
    for (const { bar, boxes, lines } of laid) {
      for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(bar.x + bar.width + 0.01);
      expect(lines.join(' ')).not.toContain('…');
    }
  });

  it('gives every bar that does not print its label a key entry under the timeline: mark, full label, time', () => {
    const m = model(DAY);
    const texts = m.pages[0].items.filter((b): b is TextBox => b.kind === 'text' && b.role === 'P');
    const byLine = new Map<number, TextBox[]>();
    for (const t of texts) byLine.set(Math.round(t.y * 10), [...(byLine.get(Math.round(t.y * 10)) ?? []), t]);
    const key = texts.map((t) => t.text).join(' ');
    expect(key).toContain('Accueil café (9\u00A0h\u00A0– 9\u00A0h\u00A030)');
    expect(key).toContain('Pause (11\u00A0h\u00A030\u00A0– 11\u00A0h\u00A045)');
    expect(key).toContain('Temps d’échange avec l’élue (11\u00A0h\u00A045\u00A0– 12\u00A0h\u00A030)');
    expect(key).toContain('Réinterroger le collectif (16\u00A0h\u00A0– 16\u00A0h\u00A030)');
    // Below the bars.
    const lowestBar = Math.max(...barsWithLabels(m).map(({ bar }) => bar.y + bar.height));
    for (const t of texts) expect(t.y).toBeGreaterThan(lowestBar);
    // Bars that print their label whole have no entry.
    expect(key).not.toContain('Déjeuner sur place');
  });

  it('prints the first short form that fits (short, then abbr) and keys it', () => {
    const m = model(DAY.replace('label="Temps d\'échange avec l\'élue"', 'label="Temps d\'échange avec l\'élue" short="Élue" abbr="E"'));
    const [, , , echange] = barsWithLabels(m);
    expect(echange.lines).toEqual(['Élue']);
    const key = m.pages[0].items.filter((b): b is TextBox => b.kind === 'text' && b.role === 'P').map((t) => t.text).join(' ');
    expect(key).toContain('Élue');
    expect(key).toContain('Temps d’échange avec l’élue (11\u00A0h\u00A045\u00A0– 12\u00A0h\u00A030)');
  });

  it('keeps the figure and its alternative text when labels are left out', () => {
    const m = model(DAY);
    const figure = [...m.structure].find((s) => s.role === 'Figure');
    expect(figure?.alt).toBe('La journée');
    expect(barsWithLabels(m).every(({ bar }) => bar.role === 'Figure' && bar.node === figure!.id)).toBe(true);
  });

  it('puts a label on one line when the lane is too low for two', () => {
    const m = model(DAY.replace('lane-height="11mm"', 'lane-height="6mm"'));
    const laid = barsWithLabels(m);
    for (const l of laid) expect(l.lines.length).toBeLessThanOrEqual(1);
    expect(laid[4].lines).toEqual(['Déjeuner sur place']);
  });

  it('falls back from label to short forms to a letter to nothing, by what fits whole', () => {
    const book = fontBook();
    const size = 8;
    const w = (t: string) => book.width(t, 'text-bold', size) + 6 + 0.01;
    const r = barLabels({
      ctx: { book },
      size,
      height: 28,
      bars: [
        { label: 'Atelier', shorts: [], width: 200 },
        { label: 'Défi n°3 en Lego — un pont', shorts: ['Pont', 'Défi 3'], width: w('Pont') },
        { label: 'Défi n°3 en Lego — un pont', shorts: ['Un pont sur la rivière', 'Défi 3'], width: w('Défi 3') },
        { label: 'Pause', shorts: [], width: w('P') },
        { label: 'Pause', shorts: [], width: 2 },
      ],
    });
    expect(r).toEqual([
      { lines: ['Atelier'], keyed: false },
      { lines: ['Pont'], keyed: true, mark: 'Pont' },
      { lines: ['Défi 3'], keyed: true, mark: 'Défi 3' },
      { lines: ['A'], keyed: true, mark: 'A' },
      { lines: [], keyed: true },
    ]);
    expect(BAR_LABEL_MIN).toBeGreaterThanOrEqual(7);
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
