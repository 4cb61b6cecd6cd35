import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { buildCalendar } from '../../src/documents/calendar.js';
import type { Kit } from '../../src/kit/Kit.js';
import { readIcs, type ReadEvent } from './readIcs.js';

const DEMO = fileURLToPath(new URL('../../kits/demo/', import.meta.url));

async function kitOf(dir: string): Promise<Kit> {
  const { kit, diagnostics } = await checkKit({ dir });
  if (!kit) throw new Error(`kit did not resolve: ${diagnostics.map((d) => d.code).join(', ')}`);
  return kit;
}

function bySummary(events: ReadEvent[], summary: string): ReadEvent {
  const found = events.filter((e) => e.summary === summary);
  expect(found, summary).toHaveLength(1);
  return found[0];
}

describe('buildCalendar on kits/demo', () => {
  it('writes one event per slot, per visit and for the follow-up', async () => {
    const kit = await kitOf(DEMO);
    const { content, events } = buildCalendar(kit);
    const slots = kit.sessions.flatMap((s) => s.days).reduce((n, d) => n + d.slots.length, 0);
    const visits = kit.sessions.filter((s) => s.visit?.date).length;
    expect(slots).toBe(8);
    expect(visits).toBe(1);
    expect(events).toBe(slots + visits + 1);
    const ics = readIcs(content);
    expect(ics.events).toHaveLength(10);
  });

  it('gives computed local times with TZID=Europe/Paris and a VTIMEZONE that puts them at the right instant', async () => {
    const ics = readIcs(buildCalendar(await kitOf(DEMO)).content);
    expect(ics.timezones).toEqual(['Europe/Paris']);

    // Chained after the 30-minute welcome: 09:30, 2 h long. April is summer time (UTC+2).
    const first = bySummary(ics.events, 'Le cas d\'usage vu par ceux qui le vivent');
    expect(first).toMatchObject({
      tzid: 'Europe/Paris',
      allDay: false,
      start: '2027-04-15T09:30:00',
      end: '2027-04-15T11:30:00',
      startUtc: '2027-04-15T07:30:00Z',
      endUtc: '2027-04-15T09:30:00Z',
    });
    // After the workshop and a 15-minute break.
    expect(bySummary(ics.events, 'Temps d\'échange avec l\'élue')).toMatchObject({ start: '2027-04-15T11:45:00', end: '2027-04-15T12:30:00' });
    // Written start, then a duration of 1h45.
    expect(bySummary(ics.events, 'Le trajet idéal du chauffeur, du dépôt au quai')).toMatchObject({
      start: '2027-04-15T14:00:00',
      end: '2027-04-15T15:45:00',
    });
    expect(bySummary(ics.events, 'Réinterroger le collectif')).toMatchObject({ start: '2027-04-15T16:00:00', end: '2027-04-15T16:30:00' });

    const visit = bySummary(ics.events, 'Visite du terminal fret à l\'heure des arrivées de camions');
    expect(visit).toMatchObject({ tzid: 'Europe/Paris', start: '2027-04-14T16:00:00', end: '2027-04-14T18:00:00' });
    expect(visit.location).toBe('Terminal fret, entrée poids lourds');

    const followUp = bySummary(ics.events, 'Rencontre un an après, avec visite du terminal');
    expect(followUp).toMatchObject({ allDay: true, start: '2028-04-13', end: '2028-04-14', location: 'Port-Exemple' });
    expect(followUp.tzid).toBeUndefined();
  });

  it('writes DTSTART as TZID-qualified local time in the file itself', async () => {
    const text = buildCalendar(await kitOf(DEMO)).content.toString('utf8');
    expect(text).toContain('\r\nDTSTART;TZID=Europe/Paris:20270415T093000\r\n');
    expect(text).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n');
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20280413\r\n');
  });

  it('places each event at the venue, with the room first when the slot has one', async () => {
    const ics = readIcs(buildCalendar(await kitOf(DEMO)).content);
    const workshop = bySummary(ics.events, 'Le cas d\'usage vu par ceux qui le vivent');
    expect(workshop.location).toBe('Salle du conseil, Maison du port (exemple), 1 quai de l\'Exemple, 00000 Port-Exemple');
    expect(bySummary(ics.events, 'Accueil café').location).toBe('Maison du port (exemple), 1 quai de l\'Exemple, 00000 Port-Exemple');
  });

  it('describes a workshop with its session, facilitators, défis and objectives, and categorises by slot kind', async () => {
    const ics = readIcs(buildCalendar(await kitOf(DEMO)).content);
    const trajet = bySummary(ics.events, 'Le trajet idéal du chauffeur, du dépôt au quai');
    expect(trajet.description?.split('\n')).toEqual([
      'Journée CAPAcities — Port-Exemple',
      'Session\u00A0: Partir du chauffeur pour repenser l\'accès au port',
      'Animation\u00A0: Animatrice Chronos (exemple), Animateur Cerema (exemple)',
      'Format\u00A0: parcours usager dessiné',
      'Défis\u00A0:',
      '- Défi n°\u00A02 — Imaginer le trajet idéal d\'un chauffeur jusqu\'au quai',
      'Objectifs\u00A0:',
      '- Décrire un service sans couture centré sur le chauffeur',
      '- Choisir trois services à prototyper avec l\'entreprise',
    ]);
    expect(trajet.categories).toEqual(['Atelier']);
    const elected = bySummary(ics.events, 'Temps d\'échange avec l\'élue');
    expect(elected.categories).toEqual(['Temps avec les élus']);
    expect(elected.description).toContain('Animation\u00A0: Animateur Cerema (exemple)');
    expect(elected.description).toContain('L\'élue échange avec l\'entreprise');
    expect(ics.events.filter((e) => e.categories[0] === 'Pause')).toHaveLength(2);
  });

  it('names the calendar after the kit, in its language', async () => {
    const ics = readIcs(buildCalendar(await kitOf(DEMO)).content);
    expect(ics.prodId).toBe('-//capa//capa//FR');
    expect(ics.name).toBe('Journée CAPAcities — Port-Exemple');
    expect(ics.description).toBe('Partir des usagers du port pour mieux partager les données');
  });

  it('gives unique UIDs derived from the kit, session, day and slot, the same on every build', async () => {
    const one = readIcs(buildCalendar(await kitOf(DEMO)).content).events.map((e) => e.uid);
    const two = readIcs(buildCalendar(await kitOf(DEMO)).content).events.map((e) => e.uid);
    expect(new Set(one).size).toBe(one.length);
    expect(two).toEqual(one);
    expect(one).toEqual([
      'demo-port-exemple/session-port/visit@capa',
      'demo-port-exemple/session-port/day-1/informal-1@capa',
      'demo-port-exemple/session-port/day-1/workshop:cas-usage-port@capa',
      'demo-port-exemple/session-port/day-1/break-1@capa',
      'demo-port-exemple/session-port/day-1/elected-1@capa',
      'demo-port-exemple/session-port/day-1/meal-1@capa',
      'demo-port-exemple/session-port/day-1/workshop:trajet-ideal@capa',
      'demo-port-exemple/session-port/day-1/break-2@capa',
      'demo-port-exemple/session-port/day-1/retro-1@capa',
      'demo-port-exemple/follow-up@capa',
    ]);
  });

  describe('byte-identical rebuilds', () => {
    const savedTz = process.env.TZ;
    afterEach(() => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    it('gives the same bytes for the same kit, whatever the machine\'s time zone', async () => {
      process.env.TZ = 'UTC';
      const a = buildCalendar(await kitOf(DEMO)).content;
      process.env.TZ = 'Pacific/Auckland';
      const b = buildCalendar(await kitOf(DEMO)).content;
      process.env.TZ = 'America/Los_Angeles';
      const c = buildCalendar(await kitOf(DEMO)).content;
      expect(b.equals(a)).toBe(true);
      expect(c.equals(a)).toBe(true);
      // DTSTAMP comes from the programme (its first date), never from the clock.
      expect(readIcs(a).events.every((e) => e.stamp === '2027-04-14T00:00:00Z')).toBe(true);
    });
  });

  it('writes CRLF lines of at most 75 octets', async () => {
    const text = buildCalendar(await kitOf(DEMO)).content.toString('utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l, 'utf8')))).toBeLessThanOrEqual(75);
    // The long descriptions really were folded (continuation lines start with a space).
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
  });
});

describe('buildCalendar on kits/capacities', () => {
  it('covers every session, day and slot with a unique UID and a Paris-time start', async () => {
    const kit = await kitOf(fileURLToPath(new URL('../../kits/capacities/', import.meta.url)));
    const { content, events } = buildCalendar(kit);
    const ics = readIcs(content);
    const slots = kit.sessions.flatMap((s) => s.days).reduce((n, d) => n + d.slots.length, 0);
    const visits = kit.sessions.filter((s) => s.visit?.date).length;
    expect(kit.sessions.length).toBeGreaterThan(1);
    expect(events).toBe(slots + visits + (kit.followUp?.date ? 1 : 0));
    expect(ics.events).toHaveLength(events);
    expect(new Set(ics.events.map((e) => e.uid)).size).toBe(events);
    expect(ics.events.filter((e) => !e.allDay).every((e) => e.tzid === 'Europe/Paris')).toBe(true);
    // Each session's events carry its id, so two sessions never share one.
    for (const s of kit.sessions) {
      const own = ics.events.filter((e) => e.uid.startsWith(`${kit.id}/${s.id}/`));
      expect(own).toHaveLength(s.days.reduce((n, d) => n + d.slots.length, 0) + (s.visit?.date ? 1 : 0));
    }
  });
});
