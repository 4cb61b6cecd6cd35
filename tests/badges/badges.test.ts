import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { badgeOrder, ROLE_COLORS } from '../../src/documents/badges.js';
import type { LayoutModel, TextBox } from '../../src/layout/flow/model.js';
import { MM } from '../../src/layout/core/units.js';
import { pageStructures, readPdf, seen } from '../helpers/pdf.js';
import { copyKit } from '../helpers/tempKit.js';
import { cutLayout } from '../layout/helpers/cutDocuments.js';
import { expectMarksMatchTrims, expectTextInsideItems } from '../layout/helpers/sheetChecks.js';

const DEMO = 'kits/demo';

describe('badges of the demo kit (badges.pdf)', () => {
  let model: LayoutModel;
  beforeAll(async () => {
    const r = await cutLayout({ dir: DEMO, document: 'badges' });
    expect(r.diagnostics).toEqual([]);
    model = r.model!;
  });

  it('builds badges.pdf: one single-sided sheet with every person', async () => {
    const result = await build({ dir: DEMO, only: ['badges'], to: 'memory' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => [f.file, f.pages])).toEqual([['badges.pdf', 1]]);
    const read = await readPdf(result.files[0].content);
    expect(read.info.Title).toBe('Badges — Journée CAPAcities — Port-Exemple');
    const text = read.flat[0];
    // the demo states no gender: epicene role labels, never the masculine by default
    expect(text).toContain(seen('ÉQUIPE D’ANIMATION Animateur Cerema (exemple) Cerema Journée CAPAcities — Port-Exemple'));
    expect(text).toContain(seen("PERSONNE ÉLUE Élue de Port-Exemple (exemple) Communauté d'agglomération de Port-Exemple"));
    expect(text).toContain(seen("ENTREPRISE Représentante de l'intégrateur (exemple) Intégrateur de solutions (exemple)"));
  });

  it('groups badges by organisation, then by name', () => {
    expect(model.pages[0].trims!.map((t) => t.label)).toEqual([
      'Animateur Cerema (exemple)',
      'Référent Cerema (exemple)',
      'Animatrice Chronos (exemple)',
      'Chef de projet de Port-Exemple (exemple)',
      'Élue de Port-Exemple (exemple)',
      "Représentante de l'intégrateur (exemple)",
    ]);
  });

  it('cuts 90 × 55 mm badges where the crop marks say, 2 columns with a 6 mm gutter', () => {
    const trims = model.pages[0].trims!;
    expect(trims.every((t) => Math.round(t.width / MM) === 90 && Math.round(t.height / MM) === 55 && t.side === 'front')).toBe(true);
    expect(((trims[1].x - trims[0].x - trims[0].width) / MM).toFixed(2)).toBe('6.00');
    expect(((model.pages[0].width - trims[1].x - trims[1].width) / MM).toFixed(2)).toBe((trims[0].x / MM).toFixed(2));
    expectMarksMatchTrims(model.pages[0], 3 * MM);
  });

  it('keeps every text box inside its badge', () => {
    expect(expectTextInsideItems(model)).toBeGreaterThanOrEqual(6 * 4);
  });

  it('shows the role as a colour band with the role word on it', () => {
    const first = model.pages[0].trims![0];
    // The band touches the top cut, so it starts 3 mm above it (the default bleed): 10 mm on the badge.
    const band = model.pages[0].items.find((b) => b.kind === 'rect' && b.fill === ROLE_COLORS.facilitator && Math.abs(b.y - (first.y - 3 * MM)) < 0.01);
    expect(band && band.kind === 'rect' && Math.round((band.y + band.height - first.y) / MM)).toBe(10);
    const word = model.pages[0].items.find((b): b is TextBox => b.kind === 'text' && b.text === 'ÉQUIPE D’ANIMATION');
    expect(word?.color).toBe('#FFFFFF');
    expect(word!.y).toBeGreaterThan(first.y);
    expect(word!.y).toBeLessThan(first.y + 10 * MM);
  });
});

describe('badges of a larger kit', () => {
  it('places 8 badges per A4 sheet', async () => {
    const r = await cutLayout({ dir: 'kits/capacities', document: 'badges' });
    expect(r.diagnostics).toEqual([]);
    const people = r.kit.people.length;
    expect(people).toBeGreaterThan(8);
    expect(r.model!.pages.map((p) => p.trims!.length)).toEqual(
      Array.from({ length: Math.ceil(people / 8) }, (_, i) => Math.min(8, people - 8 * i)),
    );
    for (const p of r.model!.pages) expectMarksMatchTrims(p);
    expectTextInsideItems(r.model!);
  });

  it('reports a name too long for a badge at its YAML line', async () => {
    const long = 'Marie-Amélie de la Grande-Fontaine-sur-Mer '.repeat(5).trim();
    const dir = copyKit(DEMO, { 'capa.yaml': (y) => y.replace('name: Élue de Port-Exemple (exemple)', `name: ${long}`) });
    const result = await build({ dir, only: ['badges'], to: 'memory' });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.file, d.line, d.column, d.path])).toEqual([['layout/overflow', 'capa.yaml', 51, 11, '/people/0/name']]);
    expect(errors[0].message).toContain(`Carte « ${long} » : le texte « nom » ne tient pas`);
  });
});

describe('tagged badges.pdf (issue 11: cut documents)', () => {
  it('tags each badge as one section (Sect): role, name as its H1, affiliation, in badge order; no untagged text', async () => {
    const result = await build({ dir: DEMO, only: ['badges'], to: 'memory' });
    const { kit } = await cutLayout({ dir: DEMO, document: 'badges' });
    const people = badgeOrder(kit);
    const [page] = await pageStructures(result.files[0].content);
    expect(page.top.map((n) => n.role)).toEqual(people.map(() => 'Sect'));
    expect(page.untagged).toBe('');
    const flat = (s: string) => s.replace(/’/g, "'").replace(/[\s\u00A0\u202F\u00AD-]/g, '');
    people.forEach((person, i) => {
      const div = page.top[i];
      expect(div.children.map((c) => c.role)).toEqual(['P', 'H1', 'P', 'P']);
      const [role, name, affiliation] = div.children.map((c) => flat(c.text));
      expect(role).toBe(role.toUpperCase());
      expect(name).toBe(flat(person.name));
      expect(affiliation).toBe(flat((person.organisation ?? person.territory)!.name));
    });
    expect(page.artifacts).not.toContain('ANIMATION');
  });
});
