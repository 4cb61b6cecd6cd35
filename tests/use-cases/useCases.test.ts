import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { maturityGauge, useCasesModel } from '../../src/documents/useCases.js';
import type { Kit } from '../../src/kit/Kit.js';
import { copyKit, tempKit, yaml } from '../helpers/tempKit.js';
import { kitOf } from '../agenda/agendaPdf.js';
import { printed, readPdf, seen, type ReadPdf } from '../helpers/pdf.js';

const DEMO = 'kits/demo';
const CAPACITIES = 'kits/capacities';

async function buildUseCases(dir: string) {
  const result = await build({ dir, only: ['use-cases'], to: 'memory' });
  return { result, pdf: result.files.find((f) => f.file === 'cas-usage.pdf')?.content };
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('use-case sheets of the four-session kit (cas-usage.pdf)', () => {
  let kit: Kit;
  let read: ReadPdf;
  let pdf: Buffer;
  beforeAll(async () => {
    kit = await kitOf(CAPACITIES);
    const { result, pdf: built } = await buildUseCases(CAPACITIES);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => f.file)).toEqual(['cas-usage.pdf']);
    pdf = built!;
    read = await readPdf(pdf);
  });

  it('gives every use case its own page, in written order, and nothing else', () => {
    expect(kit.useCases.length).toBeGreaterThan(1);
    expect(read.pages).toBe(kit.useCases.length);
    kit.useCases.forEach((u, i) => {
      expect(read.flat[i]).toContain(seen(`CAS D’USAGE ${i + 1} / ${kit.useCases.length} ${u.title}`));
      for (const other of kit.useCases) if (other !== u) expect(read.flat[i]).not.toContain(seen(other.title));
    });
    expect(read.outline.map((o) => o.title)).toEqual(kit.useCases.map((u) => printed(u.title)));
    // Défis cite the kit’s use cases (a use case no défi cites says so instead).
    expect(kit.useCases.some((u) => u.challenges.length > 0)).toBe(true);
  });

  it('puts the end users first: right after the title and territory, before the summary', () => {
    kit.useCases.forEach((u, i) => {
      const page = read.flat[i];
      const users = `USAGERS FINAUX ${u.endUsers.map((e) => `• ${capitalize(e)}`).join(' ')}`;
      expect(page).toContain(seen(users));
      const t = u.territory!;
      expect(page).toContain(seen(`${u.title} ${t.name} · `));
      expect(page.indexOf(seen(users))).toBeLessThan(page.indexOf('En résumé'));
      expect(page).toContain(seen(`En résumé ${collapse(u.summary!)}`));
    });
  });

  it('shows the territory, problems, data, stakeholders, maturity and the défis that cite it', () => {
    kit.useCases.forEach((u, i) => {
      const page = read.flat[i];
      if (u.territory!.population) expect(page).toContain(seen(`${u.territory!.name} · Territoire `));
      if (u.territory!.population) expect(page).toMatch(/ · \d{1,3}( \d{3})* habitants /);
      for (const p of u.problems) expect(page).toContain(seen(collapse(p)));
      for (const d of u.data) expect(page).toContain(seen(capitalize(collapse(d))));
      for (const s of u.stakeholders) expect(page).toContain(seen(s.name));
      if (u.maturity) expect(page).toContain(seen(`Maturité 1 2 3 4 5 ${u.maturity} / 5 — `));
      if (!u.challenges.length) expect(page).toContain(seen('Aucun défi ne cite encore ce cas d’usage.'));
      for (const c of u.challenges) expect(page).toContain(seen(`Défi n° ${c.number} — ${c.title}`));
    });
  });

  it('is byte-identical when built twice', async () => {
    const again = await buildUseCases(CAPACITIES);
    expect(again.pdf!.equals(pdf)).toBe(true);
  });
});

describe('use-case sheet of the demo kit', () => {
  it('reads as one page with the port use case, its gauge at 2 of 5 and both défis', async () => {
    const { result, pdf } = await buildUseCases(DEMO);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = await readPdf(pdf!);
    expect(read.pages).toBe(1);
    const [page] = read.flat;
    expect(page).toContain(seen(
      "CAS D’USAGE 1 / 1 Fluidifier l'accès des poids lourds au terminal fret Communauté d'agglomération de Port-Exemple · Territoire portuaire · 86 000 habitants Communes membres : Port-Exemple, Saint-Quai-Exemple, Les Salines-Exemple, Anse-Verte-Exemple USAGERS FINAUX • Chauffeurs routiers • Riverains de la route du port • Agents d'exploitation du terminal En résumé",
    ));
    expect(page).toContain(seen('Parties prenantes Intégrateur de solutions (exemple) (entreprise) · Cerema (partenaire national)'));
    expect(page).toContain(seen('Maturité 1 2 3 4 5 2 / 5 — un problème partagé par les acteurs'));
    expect(page).toContain(seen("Défi n° 1 — Réunir les détenteurs de données du port autour d'une même table"));
    expect(page).toContain(seen("Défi n° 2 — Imaginer le trajet idéal d'un chauffeur jusqu'au quai"));
    expect(read.info).toMatchObject({ Title: 'Journée CAPAcities — Port-Exemple — Cas d’usage', Language: 'fr' });
  });

  it('fills the gauge up to the level with the theme colour', async () => {
    const gauge = maturityGauge(2, '#0B6E4F');
    expect(gauge.map((c) => c.filled)).toEqual([true, true, false, false, false]);
    expect(gauge.map((c) => c.level)).toEqual([1, 2, 3, 4, 5]);
    expect(gauge[0].fill).toBe('#0B6E4F');
    expect(gauge[4].fill).not.toBe('#0B6E4F');
    expect(maturityGauge(undefined, '#0B6E4F')).toEqual([]);
    const sheet = useCasesModel(await kitOf(DEMO)).sheets[0];
    expect(sheet.challenges.map((c) => [c.challenge.number, c.color])).toEqual([[1, '#0B6E4F'], [2, '#0B6E4F']]);
  });

  it('speaks English when the kit does', async () => {
    const capa = readFileSync(path.join(DEMO, 'capa.yaml'), 'utf8').replace('lang: fr', 'lang: en');
    const { result, pdf } = await buildUseCases(copyKit(DEMO, { 'capa.yaml': capa }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [page] = (await readPdf(pdf!)).flat;
    expect(page).toContain(seen('USE CASE 1 / 1', 'en'));
    expect(page).toContain(seen('Port territory · 86,000 inhabitants Member municipalities: Port-Exemple, Saint-Quai-Exemple, Les Salines-Exemple, Anse-Verte-Exemple END USERS • Chauffeurs routiers', 'en'));
    expect(page).toContain(seen('Maturity 1 2 3 4 5 2 / 5 — a problem the stakeholders share', 'en'));
    expect(page).toContain(seen('Challenges built on this use case', 'en'));
  });
});

describe('a sparse use case', () => {
  it('prints without maturity, summary or défis, and says so', async () => {
    const dir = tempKit({
      'capa.yaml': yaml`
        capa: 1
        kit:
          id: mini
          title: Mini
        theme:
          primary: "#336699"
          accent: "#CC6633"
        territories:
          - { id: t1, name: Terre & mer, kind: rural }
        use_cases:
          - id: u1
            territory: t1
            title: Un cas <minimal>
            end_users: [habitants]
      `,
    });
    const { result, pdf } = await buildUseCases(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [page] = (await readPdf(pdf!)).flat;
    expect(page).toContain(seen('CAS D’USAGE 1 / 1 Un cas <minimal> Terre & mer · Territoire rural USAGERS FINAUX • Habitants Maturité Maturité non renseignée.'));
    expect(page).toContain(seen('Maturité non renseignée.'));
    expect(page).toContain(seen('Aucun défi ne cite encore ce cas d’usage.'));
    expect(page).not.toContain(seen('En résumé'));
  });
});
