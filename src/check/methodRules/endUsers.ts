import { defineMessages, quote } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    none: (p) => `le cas d’usage ${quote('fr', p.useCase)} ne nomme aucun usager final : la méthode part de l’usager final, quel qu’il soit, pour penser le service de bout en bout plutôt que depuis l’organisation. Listez-les dans end_users, par exemple end_users: [chauffeurs routiers, riverains]`,
  },
  en: {
    none: (p) => `use case ${quote('en', p.useCase)} names no end user: the method starts from the end user, whoever they are, to design the service end to end rather than from the organisation. List them in end_users, e.g. end_users: [truck drivers, residents]`,
  },
});

/** `end-users`: each use case names at least one end user. */
export const endUsers: MethodRule = {
  id: 'end-users',
  check({ kit, lang }) {
    return kit.useCases
      .filter((u) => u.endUsers.every((e) => e.trim() === ''))
      .map((u) => ({ path: [...u.path, 'end_users'], message: msg(lang, 'none', { useCase: u.title || u.id }) }));
  },
};
