import { addMonths } from '../../kit/clock.js';
import { defineMessages } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

export const FOLLOW_UP_MONTHS = { min: 10, max: 14 } as const;

const msg = defineMessages({
  fr: {
    why: 'se retrouver environ un an après permet de mesurer ce qui a avancé et ce dont le collectif a encore besoin',
    none: (p) => `le programme n’a pas de rencontre de suivi : ${p.why}. Ajoutez par exemple follow_up: { date: ${p.example}, title: Rencontre un an après }`,
    range: (p) => `la rencontre de suivi du ${p.date} n’est pas entre 10 et 14 mois après le dernier jour de session (${p.last}) : ${p.why}. Choisissez une date entre le ${p.min} et le ${p.max}, par exemple date: ${p.example}`,
  },
  en: {
    why: 'meeting again about a year later shows what has moved forward and what the group still needs',
    none: (p) => `the programme has no follow-up meeting: ${p.why}. Add e.g. follow_up: { date: ${p.example}, title: One year on }`,
    range: (p) => `the follow-up meeting on ${p.date} is not 10 to 14 months after the last session day (${p.last}): ${p.why}. Pick a date from ${p.min} to ${p.max}, e.g. date: ${p.example}`,
  },
});

/** `follow-up`: a `follow_up` 10 to 14 months (inclusive) after the last session day. */
export const followUp: MethodRule = {
  id: 'follow-up',
  check({ kit, lang }) {
    const last = kit.lastDate;
    if (!last) return [];
    const why = msg(lang, 'why');
    const example = addMonths(last, 12);
    const follow = kit.followUp;
    if (!follow) return [{ path: ['sessions'], key: true, message: msg(lang, 'none', { why, example }) }];
    if (!follow.date) return [];
    const min = addMonths(last, FOLLOW_UP_MONTHS.min);
    const max = addMonths(last, FOLLOW_UP_MONTHS.max);
    if (follow.date >= min && follow.date <= max) return [];
    return [{ path: [...follow.path, 'date'], message: msg(lang, 'range', { date: follow.date, last, why, min, max, example }) }];
  },
};
