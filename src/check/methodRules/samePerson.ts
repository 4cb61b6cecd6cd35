import { defineMessages, quote, type Lang } from '../../report/messages.js';
import type { MethodRule, RuleFinding } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    why: 'la méthode demande à chaque entreprise de suivre tous les ateliers avec la même personne ressource, pour que la confiance et le fil des échanges se construisent',
    nobody: (p) => `l’entreprise ${quote('fr', p.org)} n’a personne inscrit à ${p.sessions} : ${p.why}. Ajoutez une personne avec organisation: ${p.id} et attends: all`,
    split: (p) => `l’entreprise ${quote('fr', p.org)} est représentée par des personnes différentes selon les sessions : ${p.why}. Donnez à sa personne ressource attends: all`,
  },
  en: {
    why: 'the method asks each company to follow every workshop with the same resource person, so that trust and the thread of the exchanges can build up',
    nobody: (p) => `company ${quote('en', p.org)} has nobody attending ${p.sessions}: ${p.why}. Add a person with organisation: ${p.id} and attends: all`,
    split: (p) => `company ${quote('en', p.org)} is represented by different people from one session to the next: ${p.why}. Give its resource person attends: all`,
  },
});

/** `same-person`: each company (`type: company`) has one person attending every session. */
export const samePerson: MethodRule = {
  id: 'same-person',
  check({ kit, lang }) {
    const out: RuleFinding[] = [];
    if (kit.sessions.length === 0) return out;
    const why = msg(lang, 'why');
    for (const org of kit.organisations.filter((o) => o.type === 'company')) {
      const name = org.name || org.id;
      if (org.people.some((p) => kit.sessions.every((s) => p.sessions.includes(s)))) continue;
      const missing = kit.sessions.filter((s) => !org.people.some((p) => p.sessions.includes(s)));
      const message = missing.length > 0
        ? msg(lang, 'nobody', { org: name, id: org.id, why, sessions: andList(lang, missing.map((s) => s.title || s.id)) })
        : msg(lang, 'split', { org: name, why });
      out.push({ path: org.path, message });
    }
    return out;
  },
};

/** « a », « b » et « c » / “a”, “b” and “c”. */
function andList(lang: Lang, items: string[]): string {
  const q = items.map((i) => quote(lang, i));
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')}${lang === 'fr' ? ' et ' : ' and '}${q[q.length - 1]}`;
}
