import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../src/kit/Kit.js';
import { BAR_LABEL_MIN } from '../../src/layout/flow/barLabels.js';
import type { LayoutModel, RectBox, TextBox } from '../../src/layout/flow/model.js';
import { printed, readPdf } from '../helpers/pdf.js';
import { freshDir } from '../helpers/tempKit.js';
import { agendaLayout, buildAgenda } from './agendaPdf.js';

// Issue 19, item 5: in kits/capacities' programme.pdf, 17 labels ended in "…", four parallel rooms all read
// « Défi n° X en Lego — un… », pauses, retros and a plenary had no label, and the label size went 6.4 / 6.9 / 8.4 pt.

describe('the timelines of kits/capacities', () => {
  let kit: Kit;
  let model: LayoutModel;
  let pdfText = '';
  let pdfjsText = '';
  let struct = '';
  beforeAll(async () => {
    ({ kit, model } = await agendaLayout('kits/capacities'));
    const { pdf } = await buildAgenda('kits/capacities');
    const file = path.join(freshDir('capa-timeline-'), 'programme.pdf');
    writeFileSync(file, pdf!);
    pdfText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    struct = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    pdfjsText = (await readPdf(pdf!)).text.join(' ');
  }, 60_000);

  /** Every bar (rounded rect of a figure) with the bold label text drawn inside it, per page. */
  const bars = () =>
    model.pages.flatMap((page, p) => {
      const labels = page.items.filter((b): b is TextBox => b.kind === 'text' && b.role === 'Figure' && b.font.endsWith('bold'));
      return page.items
        .filter((b): b is RectBox => b.kind === 'rect' && b.role === 'Figure' && b.radius === 2)
        .map((bar) => ({ page: p, bar, texts: labels.filter((t) => t.x >= bar.x && t.x < bar.x + bar.width && t.y > bar.y && t.y < bar.y + bar.height) }));
    });

  it('prints no ellipsis in programme.pdf (pdftotext and pdf.js)', () => {
    expect(pdfText).not.toContain('…');
    expect(pdfjsText).not.toContain('…');
  });

  it('reads the figure’s labels apart in the structure text (« dataexterne », « DHalleDes fils » before)', () => {
    expect(struct).not.toMatch(/[a-zàâçéèêëîïôûù)][A-ZÀÂÇÉÈÊËÎÏÔÛÙ][a-zàâçéèêëîïôûù]/u);
    expect(struct).toContain('Comité data externe');
  });

  it('sets every bar label of the document at one size, at least 7 pt', () => {
    const sizes = new Set(bars().flatMap((b) => b.texts.map((t) => t.size)));
    expect(sizes.size).toBe(1);
    expect([...sizes][0]).toBeGreaterThanOrEqual(BAR_LABEL_MIN);
  });

  it('gives every slot its title whole in its bar, or a mark in its bar and its title whole in the key', () => {
    const drawn = bars();
    const slots = kit.sessions.flatMap((s) => s.days.flatMap((d) => d.slots));
    expect(drawn).toHaveLength(slots.length);
    const pageText = model.pages.map((page) => page.items.filter((b): b is TextBox => b.kind === 'text' && b.role === 'P').map((t) => t.text).join(' '));
    for (const { page, texts } of drawn) {
      const shown = [...new Map(texts.sort((a, b) => a.y - b.y || a.x - b.x).map((t) => [t.y, ''])).keys()]
        .map((y) => texts.filter((t) => t.y === y).map((t) => t.text).join(''))
        .join(' ');
      expect(shown.length, `a bar on page ${page + 1}`).toBeGreaterThan(0);
      const slot = slots.find((s) => printed(s.title) === shown);
      // Not the whole title: its mark starts a key entry of that page.
      if (!slot) expect(pageText[page]).toContain(shown);
    }
    // Each keyed slot: its full title and its time in the key, « title (start – end) ».
    const all = pageText.join(' ').replace(/\s+/g, ' ');
    for (const s of slots) {
      const whole = drawn.some((b) => b.texts.map((t) => t.text).join(' ') === printed(s.title));
      if (!whole) expect(all, s.title).toContain(`${printed(s.title)} (`);
    }
  });

  it('tells the four parallel Lego rooms apart by their short titles', () => {
    const lego = bars().filter((b) => b.texts.some((t) => /Comité|Outil|Code|Cadre|Démonstrateur|Mentalités/.test(t.text)));
    const shown = lego.map((b) => b.texts.map((t) => t.text).join(' '));
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.length).toBeGreaterThanOrEqual(7);
    expect(shown.join(' ')).not.toContain('en Lego');
  });
});
