import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkMethod } from '../../src/check/checkMethod.js';
import { checkSchedule } from '../../src/check/checkSchedule.js';
import { edit, lineOf, loadFixture } from '../model/kitFixture.js';

const demo = (name: string) => readFileSync(fileURLToPath(new URL(`../../kits/demo/${name}`, import.meta.url)), 'utf8');
const CAPA = demo('capa.yaml');
const PROGRAMME = demo('programme.yaml');

async function diagnostics(files: { capa?: string; programme?: string }) {
  const { loaded, kit, diagnostics: loading } = await loadFixture({ 'capa.yaml': files.capa ?? CAPA, 'programme.yaml': files.programme ?? PROGRAMME });
  return [...loading, ...checkSchedule(loaded, kit, 'en'), ...checkMethod(loaded, kit, 'en')];
}

/** One way to break each rule in the demo kit, and where its diagnostic must point. */
const BREAKS: Array<{ rule: string; file: 'capa' | 'programme'; from: string; to: string; at: string; column: number }> = [
  { rule: 'binome', file: 'capa', from: '    elected: elue-port-exemple\n', to: '', at: '  - id: port-exemple', column: 5 },
  { rule: 'population-range', file: 'capa', from: 'population: 86000', to: 'population: 250000', at: 'population: 250000', column: 17 },
  {
    rule: 'territory-diversity',
    file: 'capa',
    from: '\norganisations:',
    to: '\n  - { id: autre-port, name: Autre port, kind: port, elected: elue-port-exemple, project_lead: chef-projet-port-exemple }\n\norganisations:',
    at: 'territories:',
    column: 1,
  },
  {
    rule: 'site-visit',
    file: 'programme',
    from: '    visit:\n      date: 2027-04-14\n      start: "16:00"\n      end: "18:00"\n      title: Visite du terminal fret à l\'heure des arrivées de camions\n      place: Terminal fret, entrée poids lourds\n',
    to: '',
    at: '  - id: session-port',
    column: 5,
  },
  { rule: 'daily-retro', file: 'programme', from: 'kind: retro', to: 'kind: plenary', at: 'title: Réinterroger le collectif', column: 13 },
  { rule: 'elected-time', file: 'programme', from: 'kind: elected', to: 'kind: plenary', at: '  - id: session-port', column: 5 },
  { rule: 'follow-up', file: 'programme', from: 'date: 2028-04-13', to: 'date: 2027-12-01', at: 'date: 2027-12-01', column: 9 },
  {
    rule: 'end-users',
    file: 'capa',
    from: '    end_users:\n      - chauffeurs routiers\n      - riverains de la route du port\n      - agents d\'exploitation du terminal\n',
    to: '    end_users: []\n',
    at: 'end_users: []',
    column: 16,
  },
  {
    rule: 'same-person',
    file: 'capa',
    from: '    title: Responsable des projets territoriaux\n    attends: all',
    to: '    title: Responsable des projets territoriaux\n    attends: []',
    at: '  - id: integrateur-exemple',
    column: 5,
  },
];

describe('kits/demo and the method rules', () => {
  it('has no schedule or method finding', async () => {
    expect(await diagnostics({})).toEqual([]);
  });

  it.each(BREAKS)('broken for $rule yields exactly that rule at the right line', async (b) => {
    const text = edit(b.file === 'capa' ? CAPA : PROGRAMME, b.from, b.to);
    const found = await diagnostics({ [b.file]: text });
    expect(found.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      [`method/${b.rule}`, 'warning', `${b.file}.yaml`, lineOf(text, b.at), b.column],
    ]);
  });

  it('broken for informal-time yields exactly that rule at the day', async () => {
    const text = edit(edit(PROGRAMME, 'kind: informal', 'kind: plenary'), 'kind: meal', 'kind: plenary');
    const found = await diagnostics({ programme: text });
    expect(found.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['method/informal-time', 'programme.yaml', lineOf(text, '- date: 2027-04-15'), 9],
    ]);
  });
});
