import { KIT_DEFAULTS } from '../defaults.js';
import { parseDate, parseTime, weekday } from './clock.js';
import { computeSchedule, timeSteps } from './computeSchedule.js';
import type { Day, FollowUp, Organisation, Person, Session, Slot, SlotKind, Territory, Visit, Workshop } from './Kit.js';
import type * as KF from './KitFile.js';
import type { DataPath } from './LoadedKit.js';
import { list, pick, rec, refs, str, type Loose } from './readData.js';
import { rollUpMaterials } from './rollUpMaterials.js';
import { compareText } from '../compareText.js';

const SLOT_KINDS = ['workshop', 'plenary', 'informal', 'meal', 'break', 'visit', 'elected', 'retro', 'other'] as const;

export interface ProgrammeInput {
  data: Loose<KF.KitFile>;
  byId: {
    territories: Map<string, Territory>;
    organisations: Map<string, Organisation>;
    people: Map<string, Person>;
    workshops: Map<string, Workshop>;
  };
  people: Person[];
  /** Parses a written duration, reporting it when unreadable. */
  duration: (value: unknown, path: DataPath) => number | undefined;
}

export interface Programme {
  sessions: Session[];
  followUp?: FollowUp;
  firstDate?: string;
  lastDate?: string;
}

/** Sessions, days and slots with every clock time computed, attendance, and the follow-up. */
export function resolveProgramme(input: ProgrammeInput): Programme {
  const { data, byId, duration } = input;
  const dayStartDefault = parseTime(KIT_DEFAULTS.dayStart) ?? 540;

  const written = list(data.sessions).map((s, i) => {
    const r = rec<KF.Session>(s);
    const path: DataPath = ['sessions', i];
    const venue = rec<KF.Venue>(r.venue);
    const session: Session = {
      path,
      id: str(r.id) ?? '',
      title: str(r.title) ?? '',
      host: byId.territories.get(str(r.host) ?? ''),
      venue: str(venue.name) === undefined ? undefined : { name: str(venue.name) ?? '', address: str(venue.address) },
      visit: r.visit === undefined ? undefined : resolveVisit(rec<KF.Visit>(r.visit), [...path, 'visit'], duration),
      days: [],
      participants: [],
      workshopMinutes: 0,
      index: i,
    };
    session.host?.hosted.push(session);
    session.participants = input.people.filter((p) => p.attends === 'all' || p.attends.includes(session.id));
    session.days = list(r.days).map((d, j) => resolveDay({ r: rec<KF.Day>(d), path: [...path, 'days', j], index: j, session }));
    const dates = session.days.map((d) => d.date).filter((d): d is string => d !== undefined).sort();
    session.firstDate = dates[0];
    session.lastDate = dates[dates.length - 1];
    session.workshopMinutes = session.days.reduce((sum, d) => sum + d.workshopMinutes, 0);
    const dated = session.days.filter((d) => d.date).sort((a, b) => compareText(a.date ?? '', b.date ?? ''));
    session.firstStart = dated[0]?.firstStart;
    session.lastEnd = dated[dated.length - 1]?.lastEnd;
    return session;
  });

  // Sessions in programme order; a stable sort keeps written order for ties and undated ones.
  const sessions = [...written].sort((a, b) =>
    a.firstDate && b.firstDate ? compareText(a.firstDate, b.firstDate) : a.firstDate ? -1 : b.firstDate ? 1 : 0,
  );
  sessions.forEach((s, i) => (s.index = i));
  for (const person of input.people) person.sessions = sessions.filter((s) => s.participants.includes(person));
  for (const s of sessions) for (const d of s.days) for (const slot of d.slots) slot.workshop?.slots.push(slot);

  const allDates = sessions.flatMap((s) => s.days.map((d) => d.date)).filter((d): d is string => !!d).sort();
  const f = data.follow_up === undefined ? undefined : rec<KF.FollowUp>(data.follow_up);
  const followDate = f ? parseDate(f.date) : undefined;
  return {
    sessions,
    firstDate: allDates[0],
    lastDate: allDates[allDates.length - 1],
    followUp: f && {
      path: ['follow_up'],
      date: followDate,
      weekday: followDate ? weekday(followDate) : undefined,
      title: str(f.title),
      place: str(f.place),
    },
  };

  function resolveDay(o: { r: Loose<KF.Day>; path: DataPath; index: number; session: Session }): Day {
    const date = parseDate(o.r.date);
    const start = parseTime(o.r.start) ?? dayStartDefault;
    const day: Day = {
      path: o.path,
      session: o.session,
      index: o.index,
      date,
      weekday: date ? weekday(date) : undefined,
      start,
      slots: [],
      firstStart: start,
      lastEnd: start,
      workshopMinutes: 0,
      rooms: [],
      participants: o.session.participants,
      materials: [],
      roomPlans: [],
    };
    const writtenSlots = list(o.r.slots).map((s, k) => {
      const r = rec<KF.Slot>(s);
      const path = [...o.path, 'slots', k];
      const workshop = byId.workshops.get(str(r.workshop) ?? '');
      return { r, path, workshop, timing: {
        start: parseTime(r.start),
        end: parseTime(r.end),
        duration: duration(r.duration, [...path, 'duration']),
        stepsMinutes: workshop?.stepsMinutes,
      } };
    });
    const times = computeSchedule({ dayStart: start, slots: writtenSlots.map((w) => w.timing) });
    const slots = writtenSlots.map(({ r, path, workshop }, k): Slot => {
      const { start: s, end, endFrom } = times[k];
      const facilitators = [...(workshop?.facilitators ?? [])];
      for (const p of refs(r.facilitators, byId.people)) if (!facilitators.includes(p)) facilitators.push(p);
      const spans = timeSteps(s, (workshop?.steps ?? []).map((st) => st.durationMinutes));
      return {
        path,
        day,
        index: k,
        title: str(r.title) ?? workshop?.title ?? str(r.workshop) ?? '',
        shortTitle: str(r.short_title) ?? (str(r.title) === undefined ? workshop?.shortTitle : undefined),
        kind: pick<SlotKind>(r.kind, SLOT_KINDS, r.workshop !== undefined ? 'workshop' : 'other'),
        workshop,
        room: str(r.room),
        notes: str(r.notes),
        start: s,
        end,
        durationMinutes: end - s,
        endFrom,
        facilitators,
        steps: (workshop?.steps ?? []).map((step, n) => ({
          step,
          index: n,
          title: step.title,
          durationMinutes: step.durationMinutes,
          ...spans[n],
        })),
      };
    });
    day.slots = [...slots].sort((a, b) => a.start - b.start || a.index - b.index);
    // A loop, not Math.min(...): a spread of 100,000 arguments overflows the stack.
    if (slots.length > 0) {
      day.firstStart = slots.reduce((min, s) => Math.min(min, s.start), Infinity);
      day.lastEnd = slots.reduce((max, s) => Math.max(max, s.end), -Infinity);
    }
    day.workshopMinutes = slots.filter((s) => s.kind === 'workshop').reduce((sum, s) => sum + Math.max(0, s.durationMinutes), 0);
    for (const s of day.slots) if (s.room !== undefined && !day.rooms.includes(s.room)) day.rooms.push(s.room);
    const rolled = rollUpMaterials(day.slots);
    day.materials = rolled.materials;
    day.roomPlans = rolled.roomPlans;
    return day;
  }
}

function resolveVisit(r: Loose<KF.Visit>, path: DataPath, duration: ProgrammeInput['duration']): Visit {
  const date = parseDate(r.date);
  const start = parseTime(r.start);
  const minutes = duration(r.duration, [...path, 'duration']);
  const end = parseTime(r.end) ?? (start !== undefined && minutes !== undefined ? start + minutes : undefined);
  return {
    path,
    date,
    weekday: date ? weekday(date) : undefined,
    title: str(r.title),
    place: str(r.place),
    start,
    end,
    durationMinutes: start !== undefined && end !== undefined ? end - start : undefined,
  };
}

