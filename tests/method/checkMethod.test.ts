import { describe, expect, it } from 'vitest';
import { checkMethod, METHOD_RULES } from '../../src/check/checkMethod.js';
import type { Lang } from '../../src/report/messages.js';
import { edit, GOOD_KIT, lineOf, loadFixture } from '../model/kitFixture.js';

async function check(text: string, lang: Lang = 'en') {
  const { loaded, kit } = await loadFixture(text, lang);
  return checkMethod(loaded, kit, lang);
}
const summary = async (text: string) => (await check(text)).map((d) => [d.code, d.severity, d.line, d.column]);

/** A second session on 2027-06-02 with everything the method asks for. */
const SESSION_2 = `  - id: s2
    title: Session 2
    host: pays-portuaire
    visit: { date: 2027-06-01, start: "16:00", duration: 2h }
    days:
      - date: 2027-06-02
        start: "09:00"
        slots:
          - { title: Café, kind: informal, duration: 30 }
          - { title: Élus, kind: elected, duration: 45 }
          - { title: Retour, kind: retro, duration: 30 }
`;
const withSession2 = (text: string) => edit(text, 'follow_up:', `${SESSION_2}follow_up:`);

describe('checkMethod', () => {
  it('knows the ten rules of docs/diagnostics.md', () => {
    expect(METHOD_RULES).toEqual([
      'binome', 'population-range', 'territory-diversity', 'site-visit', 'informal-time',
      'daily-retro', 'elected-time', 'follow-up', 'end-users', 'same-person',
    ]);
  });

  it('is silent on a good single-territory kit', async () => {
    expect(await check(GOOD_KIT)).toEqual([]);
  });

  describe('binome', () => {
    it('warns at the territory when the elected member is missing', async () => {
      const text = edit(GOOD_KIT, '    elected: marie\n', '');
      const found = await check(text);
      expect(found.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['method/binome', 'warning', lineOf(text, '- id: pays-portuaire'), 5]]);
      expect(found[0].message).toContain('Add elected: <a person id>, e.g. elected: marie');
    });
    it('warns when the project lead is missing', async () => {
      const text = edit(GOOD_KIT, '    project_lead: paul\n', '');
      expect(await summary(text)).toEqual([['method/binome', 'warning', lineOf(text, '- id: pays-portuaire'), 5]]);
    });
    it('warns at the reference when the person has another role', async () => {
      const text = edit(GOOD_KIT, '    role: elected\n', '    role: staff\n');
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['method/binome', lineOf(text, 'elected: marie'), 14]]);
      expect(found[0].message).toMatch(/^“Marie Dupont”, named elected of territory “Pays Portuaire”, has role “staff”/);
    });
  });

  describe('population-range', () => {
    it('warns below 50 000 and above 200 000, at the population', async () => {
      for (const population of ['49999', '200001']) {
        const text = edit(GOOD_KIT, 'population: 120000', `population: ${population}`);
        expect(await summary(text)).toEqual([['method/population-range', 'warning', lineOf(text, 'population:'), 17]]);
      }
    });
    it('prints the population the way each language writes numbers', async () => {
      const text = edit(GOOD_KIT, 'population: 120000', 'population: 30000');
      expect((await check(text))[0].message).toMatch(/^territory “Pays Portuaire” has 30,000 inhabitants, outside the 50,000–200,000 range: /);
      expect((await check(text, 'fr'))[0].message).toMatch(/^le territoire « Pays Portuaire » compte 30 000 habitants, hors de la fourchette 50 000 – 200 000 : /);
    });
    it('accepts both bounds', async () => {
      for (const population of ['50000', '200000']) expect(await check(edit(GOOD_KIT, 'population: 120000', `population: ${population}`))).toEqual([]);
    });
  });

  describe('territory-diversity', () => {
    const second = (kind: string) => edit(GOOD_KIT, 'organisations:', `  - { id: val-mont, name: Val Mont, kind: ${kind}, elected: marie, project_lead: paul }\norganisations:`);
    it('warns at the territories key when all are of one kind', async () => {
      const text = second('port');
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['method/territory-diversity', lineOf(text, 'territories:'), 1]]);
      expect(found[0].message).toContain('all 2 territories are of kind “port”');
    });
    it('is satisfied by two kinds', async () => {
      expect(await check(second('mountain'))).toEqual([]);
    });
  });

  describe('site-visit', () => {
    it('warns at the session without a visit, suggesting the day before', async () => {
      const text = edit(GOOD_KIT, '    visit: { date: 2027-05-11, start: "16:00", duration: 2h }\n', '');
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['method/site-visit', lineOf(text, '- id: s1'), 5]]);
      expect(found[0].message).toContain('visit: { date: 2027-05-11');
    });
  });

  describe('informal-time', () => {
    it('warns at a day without informal or meal slot', async () => {
      let text = edit(GOOD_KIT, 'kind: informal', 'kind: plenary');
      expect(await check(text)).toEqual([]); // the meal is enough
      text = edit(text, 'kind: meal', 'kind: plenary');
      expect(await summary(text)).toEqual([['method/informal-time', 'warning', lineOf(text, '- date: 2027-05-12'), 9]]);
    });
  });

  describe('daily-retro', () => {
    it('warns at the last slot of a day that does not end with a retro', async () => {
      const text = edit(GOOD_KIT, 'kind: retro', 'kind: plenary');
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['method/daily-retro', lineOf(text, 'Retour'), 13]]);
      expect(found[0].message).toContain('its last slot is “Retour”');
    });
    it('lets a convivial slot follow the retro', async () => {
      const text = edit(GOOD_KIT, '{ title: Retour, kind: retro, duration: 30 }', '{ title: Retour, kind: retro, duration: 30 }\n          - { title: Dîner, kind: meal, start: "19:30", duration: 2h }');
      expect(await check(text)).toEqual([]);
    });
    it('uses the time, not the list order', async () => {
      const text = edit(GOOD_KIT, '{ title: Retour, kind: retro, duration: 30 }', '{ title: Retour, kind: retro, start: "08:00", duration: 30 }');
      expect((await check(text)).map((d) => [d.code, d.line])).toEqual([['method/daily-retro', lineOf(text, 'Élus')]]);
    });
  });

  describe('elected-time', () => {
    it('warns at a session without an elected slot', async () => {
      const text = edit(GOOD_KIT, 'kind: elected', 'kind: plenary');
      expect(await summary(text)).toEqual([['method/elected-time', 'warning', lineOf(text, '- id: s1'), 5]]);
    });
  });

  describe('follow-up', () => {
    it('warns at the sessions key when there is none', async () => {
      const text = edit(GOOD_KIT, 'follow_up:\n  date: 2028-05-12\n  title: Un an après\n', '');
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['method/follow-up', lineOf(text, 'sessions:'), 1]]);
      expect(found[0].message).toContain('follow_up: { date: 2028-05-12');
    });
    it('accepts 10 to 14 months after the last day, both bounds included', async () => {
      for (const date of ['2028-03-12', '2028-07-12']) expect(await check(edit(GOOD_KIT, 'date: 2028-05-12', `date: ${date}`))).toEqual([]);
    });
    it('warns at the date outside that range', async () => {
      for (const date of ['2028-03-11', '2028-07-13']) {
        const text = edit(GOOD_KIT, 'date: 2028-05-12', `date: ${date}`);
        expect(await summary(text)).toEqual([['method/follow-up', 'warning', lineOf(text, `date: ${date}`), 9]]);
      }
    });
  });

  describe('end-users', () => {
    it('warns at an empty end_users', async () => {
      const text = edit(GOOD_KIT, 'end_users: [chauffeurs]', 'end_users: []');
      expect(await summary(text)).toEqual([['method/end-users', 'warning', lineOf(text, 'end_users'), 16]]);
    });
  });

  describe('same-person', () => {
    it('warns at a company missing from a session', async () => {
      const text = withSession2(edit(GOOD_KIT, '    role: company-rep\n', '    role: company-rep\n    attends: [s1]\n'));
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['method/same-person', lineOf(text, '- id: acme'), 5]]);
      expect(found[0].message).toMatch(/^company “Acme Énergie” has nobody attending “Session 2”/);
    });
    it('warns when the company sends different people', async () => {
      const text = withSession2(edit(GOOD_KIT, '    role: company-rep\n',
        '    role: company-rep\n    attends: [s1]\n  - { id: leo, name: Léo, organisation: acme, role: company-rep, attends: [s2] }\n'));
      const found = await check(text);
      expect(found.map((d) => [d.code, d.line])).toEqual([['method/same-person', lineOf(text, '- id: acme')]]);
      expect(found[0].message).toContain('represented by different people');
    });
    it('is satisfied when one person attends every session', async () => {
      expect(await check(withSession2(GOOD_KIT))).toEqual([]);
    });
  });

  describe('lint.rules', () => {
    const broken = edit(edit(GOOD_KIT, 'population: 120000', 'population: 30000'), '    visit: { date: 2027-05-11, start: "16:00", duration: 2h }\n', '');
    const withRules = (rules: string) => edit(broken, 'territories:', `lint:\n  rules: { ${rules} }\nterritories:`);
    it('warns by default', async () => {
      expect((await check(broken)).map((d) => [d.code, d.severity])).toEqual([
        ['method/population-range', 'warning'], ['method/site-visit', 'warning'],
      ]);
    });
    it('turns rules off, to warnings or to errors', async () => {
      const found = await check(withRules('population-range: off, site-visit: error'));
      expect(found.map((d) => [d.code, d.severity])).toEqual([['method/site-visit', 'error']]);
      const warned = await check(withRules('site-visit: warn'));
      expect(warned.map((d) => [d.code, d.severity])).toEqual([['method/population-range', 'warning'], ['method/site-visit', 'warning']]);
    });
    it('reports an unknown rule at its key with a suggestion', async () => {
      const text = withRules('sit-visit: off');
      const found = await check(text);
      expect(found[0]).toMatchObject({ code: 'kit/unknown-rule', severity: 'error', line: lineOf(text, 'sit-visit'), column: 12, path: '/lint/rules/sit-visit' });
      expect(found[0].message).toMatch(/^unknown rule “sit-visit” in lint.rules \(did you mean “site-visit”\?\); the rules are: binome, /);
      expect(found.slice(1).map((d) => d.code)).toEqual(['method/population-range', 'method/site-visit']);
    });
  });

  it('speaks French', async () => {
    const found = await check(edit(GOOD_KIT, 'end_users: [chauffeurs]', 'end_users: []'), 'fr');
    expect(found[0].message).toMatch(/^le cas d’usage « Accès au port » ne nomme aucun usager final : .*end_users: \[chauffeurs routiers, riverains\]$/);
  });
});
