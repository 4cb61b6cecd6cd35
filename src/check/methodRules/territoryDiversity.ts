import { defineMessages, quote } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

const msg = defineMessages({
  fr: {
    same: (p) => `les ${p.count} territoires sont tous de type ${quote('fr', p.kind)} : la méthode réunit des territoires très différents (portuaire, montagneux, industriel, urbain, rural) pour que chacun apprenne des cas d’usage des autres. Invitez un territoire d’un autre type ou corrigez kind (par exemple kind: ${p.example})`,
  },
  en: {
    same: (p) => `all ${p.count} territories are of kind ${quote('en', p.kind)}: the method brings together very different territories (port, mountain, industrial, urban, rural) so that each learns from the others' use cases. Invite a territory of another kind or fix kind (e.g. kind: ${p.example})`,
  },
});

/** `territory-diversity`: with two or more territories, at least two kinds; silent with a single territory. */
export const territoryDiversity: MethodRule = {
  id: 'territory-diversity',
  check({ kit, lang }) {
    const kinds = new Set(kit.territories.map((t) => t.kind));
    if (kit.territories.length < 2 || kinds.size > 1) return [];
    const kind = kit.territories[0].kind;
    return [{ path: ['territories'], key: true, message: msg(lang, 'same', { count: kit.territories.length, kind, example: kind === 'rural' ? 'port' : 'rural' }) }];
  },
};
