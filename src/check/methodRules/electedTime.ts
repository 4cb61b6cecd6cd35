import { defineMessages, quote } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    none: (p) => `la session ${quote('fr', p.session)} n’a pas de temps dédié aux élus (kind: elected) : mobiliser les élus pendant l’expédition, avec un moment d’échange qui leur est réservé, porte les solutions au niveau politique. Ajoutez par exemple { title: Temps d’échange avec les élus, kind: elected, duration: 45 }`,
  },
  en: {
    none: (p) => `session ${quote('en', p.session)} has no time set aside for elected members (kind: elected): involving elected members during the expedition, with a moment of exchange of their own, carries the solutions to the political level. Add e.g. { title: Exchange with elected members, kind: elected, duration: 45 }`,
  },
});

/** `elected-time`: each session has an `elected` slot on one of its days. */
export const electedTime: MethodRule = {
  id: 'elected-time',
  check({ kit, lang }) {
    return kit.sessions
      .filter((s) => !s.days.some((d) => d.slots.some((slot) => slot.kind === 'elected')))
      .map((s) => ({ path: s.path, message: msg(lang, 'none', { session: s.title || s.id }) }));
  },
};
