import type { Day, Slot } from '../../kit/Kit.js';
import { defineMessages, quote } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    none: (p) => `la journée du ${p.date} ne se termine pas par un temps de retour (kind: retro)${p.last} : réinterroger le collectif en fin de journée permet d’adapter le contenu du lendemain. Ajoutez en fin de journée par exemple { title: Réinterroger le collectif, kind: retro, duration: 30 }`,
    last: (p) => `, son dernier créneau est ${quote('fr', p.title)}`,
  },
  en: {
    none: (p) => `the day of ${p.date} does not end with a feedback round (kind: retro)${p.last}: asking the group at the end of each day lets you adapt the next day's content. Add at the end of the day e.g. { title: Ask the group, kind: retro, duration: 30 }`,
    last: (p) => `, its last slot is ${quote('en', p.title)}`,
  },
});

/** Convivial slots may follow the retro (a dinner after the day's work), so they do not count as the day's end. */
const AFTER_HOURS = new Set(['informal', 'meal', 'break']);

/** The day's last working slot: the one ending last, then starting last, then written last. */
export function lastWorkingSlot(day: Day): Slot | undefined {
  const working = day.slots.filter((s) => !AFTER_HOURS.has(s.kind));
  return [...working].sort((a, b) => a.end - b.end || a.start - b.start || a.index - b.index).pop();
}

/** `daily-retro`: each day's last working slot (convivial slots after it aside) is a `retro`. */
export const dailyRetro: MethodRule = {
  id: 'daily-retro',
  check({ kit, lang }) {
    return kit.sessions.flatMap((s) =>
      s.days.flatMap((d) => {
        const last = lastWorkingSlot(d);
        if (last?.kind === 'retro') return [];
        return [{
          path: last?.path ?? d.path,
          message: msg(lang, 'none', { date: d.date ?? '?', last: last ? msg(lang, 'last', { title: last.title }) : '' }),
        }];
      }),
    );
  },
};
