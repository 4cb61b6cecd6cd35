import { defineMessages, quote } from '../../report/messages.js';
import { dayBefore, type MethodRule } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    none: (p) => `la session ${quote('fr', p.session)} n’a pas de visite de terrain : visiter les sites la veille met tous les participants en situation devant les cas d’usage avant les ateliers. Ajoutez par exemple visit: { date: ${p.eve}, start: "16:00", duration: 2h, title: Visite du site }`,
  },
  en: {
    none: (p) => `session ${quote('en', p.session)} has no site visit: visiting the sites the day before puts every participant face to face with the use cases before the workshops. Add e.g. visit: { date: ${p.eve}, start: "16:00", duration: 2h, title: Site visit }`,
  },
});

/** `site-visit`: each session has a visit (its date before the first day is a schedule check). */
export const siteVisit: MethodRule = {
  id: 'site-visit',
  check({ kit, lang }) {
    return kit.sessions
      .filter((s) => !s.visit)
      .map((s) => ({
        path: s.path,
        message: msg(lang, 'none', { session: s.title || s.id, eve: s.firstDate ? dayBefore(s.firstDate) : '2027-05-11' }),
      }));
  },
};
