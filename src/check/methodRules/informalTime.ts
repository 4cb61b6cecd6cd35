import { defineMessages } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    none: (p) => `la journée du ${p.date} n’a aucun temps informel : les moments de convivialité (accueil, repas, pauses) sont là où la confiance entre collectivités et entreprises se construit. Ajoutez un créneau de kind informal ou meal, par exemple { title: Déjeuner, kind: meal, start: "12:30", duration: 1h }`,
  },
  en: {
    none: (p) => `the day of ${p.date} has no informal time: convivial moments (welcome, meals, breaks) are where trust between territories and companies is built. Add a slot of kind informal or meal, e.g. { title: Lunch, kind: meal, start: "12:30", duration: 1h }`,
  },
});

/** `informal-time`: each day has an `informal` or `meal` slot. */
export const informalTime: MethodRule = {
  id: 'informal-time',
  check({ kit, lang }) {
    return kit.sessions.flatMap((s) =>
      s.days
        .filter((d) => !d.slots.some((slot) => slot.kind === 'informal' || slot.kind === 'meal'))
        .map((d) => ({ path: d.path, message: msg(lang, 'none', { date: d.date ?? '?' }) })),
    );
  },
};
