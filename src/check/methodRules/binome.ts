import type { Person, Territory } from '../../kit/Kit.js';
import type * as KF from '../../kit/KitFile.js';
import { list, rec } from '../../kit/readData.js';
import { defineMessages, quote } from '../../report/messages.js';
import type { MethodRule, RuleFinding } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    why: 'la méthode repose sur un binôme élu / chargé de mission qui travaille ensemble, représente le territoire et suit toute l’expédition',
    missing: (p) => `le territoire ${quote('fr', p.territory)} ne nomme pas ${p.what} : ${p.why}. Ajoutez ${p.key}: <id d’une personne>, par exemple ${p.key}: ${p.example}`,
    wrongRole: (p) => `${quote('fr', p.person)}, nommé·e ${p.key} du territoire ${quote('fr', p.territory)}, a le rôle ${quote('fr', p.role)} : ${p.why}. Donnez-lui role: ${p.expected} ou nommez une autre personne`,
    elected: 'd’élu (elected)',
    lead: 'de chargé·e de mission (project_lead)',
  },
  en: {
    why: 'the method relies on an elected member and a project lead who work together, speak for the territory and follow the whole expedition',
    missing: (p) => `territory ${quote('en', p.territory)} names no ${p.what}: ${p.why}. Add ${p.key}: <a person id>, e.g. ${p.key}: ${p.example}`,
    wrongRole: (p) => `${quote('en', p.person)}, named ${p.key} of territory ${quote('en', p.territory)}, has role ${quote('en', p.role)}: ${p.why}. Give them role: ${p.expected} or name someone else`,
    elected: 'elected member (elected)',
    lead: 'project lead (project_lead)',
  },
});

/** `binome`: each territory names an elected member and a project lead, with matching roles. */
export const binome: MethodRule = {
  id: 'binome',
  check({ loaded, kit, lang }) {
    const out: RuleFinding[] = [];
    const why = msg(lang, 'why');
    const look = (t: Territory, o: { key: 'elected' | 'project_lead'; person?: Person; expected: string; what: 'elected' | 'lead' }) => {
      const written = rec<KF.Territory>(list(loaded.data.territories)[t.path[1] as number])[o.key];
      // A written id that does not resolve is the reference check's to report.
      if (o.person === undefined && typeof written === 'string') return;
      const territory = t.name || t.id;
      if (o.person === undefined) {
        const candidate = t.people.find((p) => p.role === o.expected);
        const example = candidate?.id ?? (o.key === 'elected' ? 'marie-dupont' : 'paul-martin');
        out.push({ path: t.path, message: msg(lang, 'missing', { territory, what: msg(lang, o.what), key: o.key, example, why }) });
      } else if (o.person.role !== o.expected) {
        out.push({
          path: [...t.path, o.key],
          message: msg(lang, 'wrongRole', { person: o.person.name || o.person.id, key: o.key, territory, role: o.person.role, expected: o.expected, why }),
        });
      }
    };
    for (const t of kit.territories) {
      look(t, { key: 'elected', person: t.elected, expected: 'elected', what: 'elected' });
      look(t, { key: 'project_lead', person: t.projectLead, expected: 'project-lead', what: 'lead' });
    }
    return out;
  },
};
