import { dayNumber, formatTime } from '../kit/clock.js';
import type { Kit, Slot } from '../kit/Kit.js';
import { toPointer, type DataPath, type LoadedKit } from '../kit/LoadedKit.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';

const msg = defineMessages({
  fr: {
    endBeforeStart: (p) => `${p.slot} se termine à ${p.end}, pas après son début à ${p.start} : corrigez end ou duration`,
    noLength: (p) => `${p.slot} n’a pas de durée : ajoutez duration (par exemple duration: 30) ou end (par exemple end: "10:30")`,
    overlap: (p) => `${p.slot} chevauche ${p.other} ${p.where} : décalez l’un des deux créneaux ou donnez-leur des salles différentes (room)`,
    sameRoom: (p) => `dans la même salle ${quote('fr', p.room)}`,
    noRoom: 'alors que l’un des deux n’a pas de salle (room)',
    doubleBooked: (p) => `${p.person} est attendu·e à la fois sur ${p.slot} et sur ${p.other} : retirez cette personne de l’un des deux créneaux ou décalez-les`,
    stepsExceed: (p) => `le déroulé de l’atelier ${quote('fr', p.workshop)} dure ${p.steps} min, plus que les ${p.length} min de ${p.slot} : allongez le créneau ou raccourcissez les étapes`,
    pastMidnight: (p) => `${p.slot} se termine après minuit (${p.length} min après 00:00 le lendemain) : un créneau doit finir le jour même`,
    visitAfterStart: (p) => `la visite du ${p.visit} n’a pas lieu avant le premier jour de la session ${quote('fr', p.session)} (${p.first}) : placez-la la veille, par exemple date: ${p.eve}`,
    followUpBeforeEnd: (p) => `la rencontre de suivi du ${p.date} n’a pas lieu après le dernier jour de session (${p.last}) : elle vient après l’expédition`,
    dayOrder: (p) => `le jour du ${p.date} vient après celui du ${p.previous} dans la session ${quote('fr', p.session)} : listez les jours dans l’ordre, une fois chacun`,
    other: 'l’autre créneau',
    previousDay: 'le jour précédent',
    slot: (p) => `le créneau ${quote('fr', p.title)} (${p.start}–${p.end})`,
    visit: (p) => `la visite ${quote('fr', p.title)}`,
  },
  en: {
    endBeforeStart: (p) => `${p.slot} ends at ${p.end}, not after its start at ${p.start}: fix end or duration`,
    noLength: (p) => `${p.slot} has no length: add duration (e.g. duration: 30) or end (e.g. end: "10:30")`,
    overlap: (p) => `${p.slot} overlaps ${p.other} ${p.where}: move one of the two slots or give them different rooms (room)`,
    sameRoom: (p) => `in the same room ${quote('en', p.room)}`,
    noRoom: 'while one of them has no room (room)',
    doubleBooked: (p) => `${p.person} is expected both at ${p.slot} and at ${p.other}: remove this person from one of the slots or move them apart`,
    stepsExceed: (p) => `the steps of workshop ${quote('en', p.workshop)} last ${p.steps} min, more than the ${p.length} min of ${p.slot}: lengthen the slot or shorten the steps`,
    pastMidnight: (p) => `${p.slot} ends after midnight (${p.length} min past 00:00 the next day): a slot must end on its own day`,
    visitAfterStart: (p) => `the visit on ${p.visit} is not before the first day of session ${quote('en', p.session)} (${p.first}): hold it the day before, e.g. date: ${p.eve}`,
    followUpBeforeEnd: (p) => `the follow-up meeting on ${p.date} is not after the last session day (${p.last}): it comes after the expedition`,
    dayOrder: (p) => `the day ${p.date} comes after ${p.previous} in session ${quote('en', p.session)}: list the days in order, each once`,
    other: 'the other slot',
    previousDay: 'the previous day',
    slot: (p) => `slot ${quote('en', p.title)} (${p.start}–${p.end})`,
    visit: (p) => `visit ${quote('en', p.title)}`,
  },
});

/** The schedule checks of docs/diagnostics.md (all errors), on the resolved model. */
export function checkSchedule(loaded: LoadedKit, kit: Kit, lang: Lang): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: DataPath) => ({ ...loaded.locate(path), path: toPointer(path) });
  const report = (code: string, path: DataPath, message: string, related?: { path: DataPath; message: string }) =>
    out.push({
      severity: 'error',
      code: `schedule/${code}`,
      message,
      ...at(path),
      ...(related ? { related: [{ ...at(related.path), message: related.message }] } : {}),
    });
  const label = (s: Slot) => msg(lang, 'slot', { title: s.title, start: formatTime(s.start), end: formatTime(s.end) });

  for (const session of kit.sessions) {
    const visit = session.visit;
    if (visit && visit.start !== undefined && visit.end !== undefined) {
      const name = msg(lang, 'visit', { title: visit.title ?? visit.place ?? visit.date ?? '' });
      const times = { slot: name, start: formatTime(visit.start), end: formatTime(visit.end) };
      if (visit.end <= visit.start) report('end-before-start', visit.path, msg(lang, 'endBeforeStart', times));
      else if (visit.end > 1440) report('past-midnight', visit.path, msg(lang, 'pastMidnight', { slot: name, length: visit.end - 1440 }));
    }
    if (visit?.date && session.firstDate && visit.date >= session.firstDate) {
      const eve = new Date((dayNumber(session.firstDate) - 1) * 86_400_000).toISOString().slice(0, 10);
      report('visit-after-start', [...visit.path, 'date'],
        msg(lang, 'visitAfterStart', { visit: visit.date, session: session.title || session.id, first: session.firstDate, eve }));
    }

    let previous: (typeof session.days)[number] | undefined;
    for (const day of session.days) {
      if (day.date && previous?.date && day.date <= previous.date) {
        report('day-order', [...day.path, 'date'],
          msg(lang, 'dayOrder', { date: day.date, previous: previous.date, session: session.title || session.id }),
          { path: [...previous.path, 'date'], message: msg(lang, 'previousDay') });
      }
      if (day.date) previous = day;

      const written = [...day.slots].sort((a, b) => a.index - b.index);
      for (const slot of written) {
        // Formatted only for a report: most slots have none, and a large kit has thousands.
        const times = () => ({ slot: label(slot), start: formatTime(slot.start), end: formatTime(slot.end) });
        if (slot.endFrom === 'none') report('end-before-start', slot.path, msg(lang, 'noLength', times()));
        else if (slot.end <= slot.start) report('end-before-start', slot.path, msg(lang, 'endBeforeStart', times()));
        else if (slot.end > 1440) report('past-midnight', slot.path, msg(lang, 'pastMidnight', { slot: label(slot), length: slot.end - 1440 }));
        const w = slot.workshop;
        if (w && slot.end > slot.start && w.stepsMinutes > slot.durationMinutes) {
          report('steps-exceed-slot', slot.path,
            msg(lang, 'stepsExceed', { workshop: w.title || w.id, steps: w.stepsMinutes, length: slot.durationMinutes, slot: label(slot) }));
        }
      }
      // Each clash is reported once, on the slot written later, pointing back at the other.
      for (const [j, b] of written.entries()) {
        for (const a of written.slice(0, j)) {
          if (!(a.start < b.end && b.start < a.end)) continue;
          const related = { path: a.path, message: msg(lang, 'other') };
          if (a.room === undefined || b.room === undefined || a.room === b.room) {
            const where = a.room !== undefined && a.room === b.room ? msg(lang, 'sameRoom', { room: a.room }) : msg(lang, 'noRoom');
            report('overlap', b.path, msg(lang, 'overlap', { slot: label(b), other: label(a), where }), related);
          }
          for (const person of b.facilitators.filter((p) => a.facilitators.includes(p))) {
            report('double-booked', b.path,
              msg(lang, 'doubleBooked', { person: quote(lang, person.name || person.id), slot: label(a), other: label(b) }), related);
          }
        }
      }
    }
  }

  const last = kit.lastDate;
  const follow = kit.followUp;
  if (follow?.date && last && follow.date <= last) {
    report('follow-up-before-end', [...follow.path, 'date'], msg(lang, 'followUpBeforeEnd', { date: follow.date, last }));
  }
  return out;
}

