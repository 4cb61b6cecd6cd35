import { describe, expect, it } from 'vitest';
import { loadKit } from '../../src/kit/loadKit.js';
import { checkReferences } from '../../src/check/checkReferences.js';
import { tempKit, yaml } from '../helpers/tempKit.js';

const base = yaml`
  capa: 1
  kit: { id: essai, title: Essai, organisers: [cerema, chronoss] }
  territories:
    - { id: pays-portuaire, name: Pays, kind: port, elected: marie, project_lead: paul }
  organisations:
    - { id: cerema, name: Cerema, type: national-partner }
    - { id: chronos, name: Chronos, type: other }
  people:
    - { id: marie, name: Marie, organisation: pays-portuaire, role: elected }
    - { id: paul, name: Paul, organisation: pays-portuair, role: project-lead, attends: [s1, s2] }
  sessions:
    - id: s1
      host: pays-portuaire
      days:
        - date: 2027-05-12
          slots:
            - { workshop: lego }
            - { workshop: atelier-x, facilitators: [marie, inconnu] }
  workshops:
    - { id: lego, title: Lego, challenges: [defi-4], facilitators: [paul] }
  threads:
    - { id: fil-1, title: Fil }
  challenges:
    - { id: defi-4, number: 4, thread: fil-1, title: T, question: Q, use_cases: [] }
    - { id: defi-5, number: 4, thread: fil-2, title: T, question: Q }
    - { id: defi-4, number: 6, thread: fil-1, title: T, question: Q }
`;

describe('checkReferences', () => {
  it('finds every unknown id, duplicate id and duplicate number, located, with did-you-mean', async () => {
    const kit = await loadKit({ dir: tempKit({ 'capa.yaml': base }) });
    expect(kit.diagnostics).toEqual([]);
    const found = checkReferences(kit, 'fr').map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message }));
    expect(found).toEqual([
      { code: 'ref/duplicate-id', line: 26, column: 11, message: 'l’id « defi-4 » est déjà utilisé par un autre élément de challenges (ligne 24 de capa.yaml) ; chaque id doit être unique dans sa liste' },
      { code: 'ref/duplicate-number', line: 25, column: 27, message: 'le numéro 4 est déjà celui du défi « defi-4 » ; chaque défi porte un numéro différent, imprimé sur sa carte' },
      { code: 'ref/unknown', line: 2, column: 54, message: 'Organisation « chronoss » n’existe pas dans le kit ; vous vouliez dire « chronos » ?' },
      { code: 'ref/unknown', line: 10, column: 43, message: 'Territoire ou organisation « pays-portuair » n’existe pas dans le kit ; vous vouliez dire « pays-portuaire » ?' },
      { code: 'ref/unknown', line: 10, column: 92, message: 'Session « s2 » n’existe pas dans le kit ; vous vouliez dire « s1 » ?' },
      { code: 'ref/unknown', line: 25, column: 38, message: 'Fil « fil-2 » n’existe pas dans le kit ; vous vouliez dire « fil-1 » ?' },
      { code: 'ref/unknown', line: 18, column: 25, message: 'Atelier « atelier-x » n’existe pas dans le kit (ids connus : « lego »)' },
      { code: 'ref/unknown', line: 18, column: 58, message: 'Personne « inconnu » n’existe pas dans le kit (ids connus : « marie » ou « paul »)' },
    ]);
  });

  it('speaks English and says when no id of the kind exists', async () => {
    const kit = await loadKit({ dir: tempKit({ 'capa.yaml': 'capa: 1\nuse_cases:\n  - { id: u, territory: nulle-part }\n' }) });
    expect(checkReferences(kit, 'en')).toMatchObject([
      { code: 'ref/unknown', line: 3, column: 25, path: '/use_cases/0/territory', message: 'Territory “nulle-part” does not exist in the kit; no id of this kind is defined (add it under territories)' },
    ]);
  });

  it('accepts a kit whose references all resolve', async () => {
    const fixed = base.replace('chronoss', 'chronos').replace('pays-portuair,', 'pays-portuaire,').replace('[s1, s2]', '[s1]')
      .replace('atelier-x, facilitators: [marie, inconnu]', 'lego, facilitators: [marie]').replace('fil-2', 'fil-1')
      .replace('- { id: defi-5, number: 4', '- { id: defi-5, number: 5').replace('- { id: defi-4, number: 6', '- { id: defi-6, number: 6');
    const kit = await loadKit({ dir: tempKit({ 'capa.yaml': fixed }) });
    expect(checkReferences(kit, 'fr')).toEqual([]);
  });
});
