import { describe, expect, it } from 'vitest';
import { edit, GOOD_KIT, lineOf, loadFixture } from './kitFixture.js';

describe('resolveKit', () => {
  it('turns references into objects', async () => {
    const { kit, diagnostics } = await loadFixture(GOOD_KIT);
    expect(diagnostics).toEqual([]);
    const territory = kit.territories[0];
    expect(territory.elected?.name).toBe('Marie Dupont');
    expect(territory.projectLead?.id).toBe('paul');
    expect(territory.people.map((p) => p.id)).toEqual(['marie', 'paul']);
    expect(territory.useCases.map((u) => u.id)).toEqual(['acces-port']);
    expect(territory.hosted.map((s) => s.id)).toEqual(['s1']);
    const claire = kit.byId.people.get('claire')!;
    expect(claire.organisation?.name).toBe('Acme Énergie');
    expect(claire.territory).toBeUndefined();
    expect(claire.affiliationName).toBe('Acme Énergie');
    expect(kit.byId.people.get('marie')!.territory?.id).toBe('pays-portuaire');
    const session = kit.sessions[0];
    expect(session.host).toBe(territory);
    expect(session.participants.map((p) => p.id)).toEqual(['marie', 'paul', 'claire']);
    const slot = session.days[0].slots[1];
    expect(slot.workshop?.id).toBe('lego');
    expect(slot.facilitators.map((p) => p.id)).toEqual(['claire']);
    expect(kit.byId.workshops.get('lego')!.slots).toEqual([slot]);
    expect(slot.day.session).toBe(session);
  });

  it('applies defaults', async () => {
    const { kit } = await loadFixture(GOOD_KIT);
    expect(kit.lang).toBe('fr');
    expect(kit.build.out).toBe('dist');
    expect(kit.build.documents).toEqual(['agenda', 'run-sheet', 'cards', 'carnet', 'use-cases', 'sign-in', 'badges', 'calendar']);
    expect(kit.theme).toEqual({ primary: '#1D4E89', accent: '#A95E00', logo: undefined });
    expect(kit.people.every((p) => p.attends === 'all')).toBe(true);
    const kinds = kit.sessions[0].days[0].slots.map((s) => s.kind);
    expect(kinds).toEqual(['informal', 'workshop', 'meal', 'elected', 'retro']);
  });

  it('computes slot, step, visit and day times', async () => {
    const { kit } = await loadFixture(GOOD_KIT);
    const session = kit.sessions[0];
    const day = session.days[0];
    expect(day.date).toBe('2027-05-12');
    expect(day.weekday).toBe(3);
    expect(day.slots.map((s) => [s.title, s.start, s.end, s.durationMinutes])).toEqual([
      ['Accueil', 540, 570, 30],
      ['Lego', 570, 660, 90],
      ['Déjeuner', 750, 840, 90],
      ['Élus', 840, 885, 45],
      ['Retour', 885, 915, 30],
    ]);
    expect(day.slots[1].steps.map((s) => [s.title, s.start, s.end])).toEqual([
      ['Consigne', 570, 580],
      ['Construction', 580, 640],
    ]);
    expect([day.firstStart, day.lastEnd, day.workshopMinutes]).toEqual([540, 915, 90]);
    expect([session.firstDate, session.lastDate, session.workshopMinutes, session.firstStart, session.lastEnd]).toEqual(['2027-05-12', '2027-05-12', 90, 540, 915]);
    expect(session.visit).toMatchObject({ date: '2027-05-11', weekday: 2, start: 960, end: 1080, durationMinutes: 120 });
    expect(kit.followUp).toMatchObject({ date: '2028-05-12', title: 'Un an après', path: ['follow_up'] });
    expect(day.slots[1].path).toEqual(['sessions', 0, 'days', 0, 'slots', 1]);
  });

  it('gives a workshop slot without duration the length of its steps, per occurrence', async () => {
    const text = edit(GOOD_KIT, '{ workshop: lego, duration: 1h30, room: A }', '{ workshop: lego, room: A }\n          - { workshop: lego, room: B, start: "11:00" }');
    const { kit } = await loadFixture(text);
    const [, first, second] = kit.sessions[0].days[0].slots;
    expect([first.start, first.end, first.endFrom]).toEqual([570, 640, 'steps']);
    expect([second.start, second.end]).toEqual([660, 730]);
    expect(second.steps.map((s) => s.start)).toEqual([660, 670]);
    expect(first.steps.map((s) => s.start)).toEqual([570, 580]);
    expect(kit.byId.workshops.get('lego')!.slots).toEqual([first, second]);
  });

  it('orders parallel slots by time and lists rooms and materials per day and room', async () => {
    const text = edit(
      GOOD_KIT,
      '          - { workshop: lego, duration: 1h30, room: A }\n',
      '          - { workshop: lego, duration: 1h30, room: A }\n          - { workshop: lego, start: "09:30", duration: 90, room: B }\n',
    );
    const { kit } = await loadFixture(text);
    const day = kit.sessions[0].days[0];
    expect(day.slots.map((s) => [s.room ?? '-', s.start, s.index])).toEqual([
      ['-', 540, 0], ['A', 570, 1], ['B', 570, 2], ['-', 750, 3], ['-', 840, 4], ['-', 885, 5],
    ]);
    expect(day.rooms).toEqual(['A', 'B']);
    expect(day.materials.map((m) => [m.name, m.count, m.rooms])).toEqual([['Lego', 2, ['A', 'B']], ['post-it', 2, ['A', 'B']]]);
    const roomB = day.roomPlans.find((p) => p.room === 'B')!;
    expect(roomB.materials.map((m) => [m.name, m.count])).toEqual([['Lego', 1], ['post-it', 1]]);
    expect(roomB.slots.map((s) => s.index)).toEqual([2]);
  });

  it('lists attendance per session from attends', async () => {
    const text = edit(GOOD_KIT, '    role: company-rep\n', '    role: company-rep\n    attends: [s2]\n');
    const { kit } = await loadFixture(text);
    expect(kit.sessions[0].participants.map((p) => p.id)).toEqual(['marie', 'paul']);
    expect(kit.sessions[0].days[0].participants.map((p) => p.id)).toEqual(['marie', 'paul']);
    expect(kit.byId.people.get('claire')!.sessions).toEqual([]);
  });

  it('sorts sessions by their first day', async () => {
    const text = GOOD_KIT.replace('follow_up:', `  - id: s0
    title: Session 0
    host: pays-portuaire
    days:
      - { date: 2027-03-01, start: "10:00", slots: [] }
follow_up:`);
    const { kit } = await loadFixture(text);
    expect(kit.sessions.map((s) => [s.id, s.index])).toEqual([['s0', 0], ['s1', 1]]);
    expect(kit.sessions[0].path).toEqual(['sessions', 1]);
    expect([kit.firstDate, kit.lastDate]).toEqual(['2027-03-01', '2027-05-12']);
    expect(kit.sessions[0].days[0]).toMatchObject({ firstStart: 600, lastEnd: 600 });
  });

  it('reports an unreadable duration as schema/format where it is written', async () => {
    const text = edit(GOOD_KIT, '{ title: Consigne, duration: 10 }', '{ title: Consigne, duration: 1 h 30 }');
    const { diagnostics, kit } = await loadFixture(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'schema/format',
      file: 'capa.yaml',
      line: lineOf(text, 'Consigne'),
      column: 38,
      path: '/workshops/0/steps/0/duration',
    });
    expect(diagnostics[0].message).toContain('“1 h 30”');
    expect(kit.workshops[0].stepsMinutes).toBe(60);
  });

  it('never throws on odd data', async () => {
    const { kit } = await loadFixture('capa: 1\nkit: 3\nsessions: [{ days: [ { slots: [ 7, { start: 9 } ] } ] }, 5]\npeople: [null]\nworkshops: [{ steps: "x" }]\n');
    expect(kit.sessions[0].days[0].slots.map((s) => [s.start, s.end, s.endFrom])).toEqual([[540, 540, 'none'], [540, 540, 'none']]);
    expect(kit.people[0].attends).toBe('all');
    expect(kit.workshops[0].steps).toEqual([]);
  });
});
