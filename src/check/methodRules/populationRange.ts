import { defineMessages, quote } from '../../report/messages.js';
import type { MethodRule } from './MethodRule.js';

export const POPULATION_MIN = 50_000;
export const POPULATION_MAX = 200_000;

const msg = defineMessages({
  fr: {
    out: (p) => `le territoire ${quote('fr', p.territory)} compte ${p.population} habitants, hors de la fourchette 50 000 – 200 000 : la méthode vise les regroupements de cette taille, qui s’interrogent le plus sur leurs données sans avoir les moyens d’une métropole. Vérifiez population (en habitants, par exemple population: 120000) ou réglez lint.rules: { population-range: off } si ce choix est assumé`,
  },
  en: {
    out: (p) => `territory ${quote('en', p.territory)} has ${p.population} inhabitants, outside the 50,000–200,000 range: the method targets groupings of that size, which question their data most without a metropolis's means. Check population (inhabitants, e.g. population: 120000) or set lint.rules: { population-range: off } if this is deliberate`,
  },
});

/** `population-range`: each territory has 50 000 to 200 000 inhabitants (inclusive); silent when not given. */
export const populationRange: MethodRule = {
  id: 'population-range',
  check({ kit, lang }) {
    return kit.territories
      .filter((t) => t.population !== undefined && (t.population < POPULATION_MIN || t.population > POPULATION_MAX))
      .map((t) => ({
        path: [...t.path, 'population'],
        message: msg(lang, 'out', { territory: t.name || t.id, population: (t.population ?? 0).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/\u202f/g, ' ') }),
      }));
  },
};
