import type { Kit, RuleLevel } from '../kit/Kit.js';
import { toPointer, type LoadedKit } from '../kit/LoadedKit.js';
import { rec } from '../kit/readData.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import { didYouMean } from './didYouMean.js';
import { binome } from './methodRules/binome.js';
import { dailyRetro } from './methodRules/dailyRetro.js';
import { electedTime } from './methodRules/electedTime.js';
import { endUsers } from './methodRules/endUsers.js';
import { followUp } from './methodRules/followUp.js';
import { informalTime } from './methodRules/informalTime.js';
import type { MethodRule } from './methodRules/MethodRule.js';
import { populationRange } from './methodRules/populationRange.js';
import { samePerson } from './methodRules/samePerson.js';
import { siteVisit } from './methodRules/siteVisit.js';
import { territoryDiversity } from './methodRules/territoryDiversity.js';

/** Every method rule, in the order of docs/diagnostics.md. */
const RULES: readonly MethodRule[] = [
  binome, populationRange, territoryDiversity, siteVisit, informalTime,
  dailyRetro, electedTime, followUp, endUsers, samePerson,
];

/** The rule ids `lint.rules` accepts (docs/diagnostics.md), reported as `method/<id>`. */
export const METHOD_RULES = RULES.map((r) => r.id) as readonly string[];

const msg = defineMessages({
  fr: {
    unknown: (p) => `règle inconnue ${quote('fr', p.rule)} dans lint.rules${p.suggestion} ; les règles sont : ${p.rules}`,
    suggestion: (p) => ` (vouliez-vous dire ${quote('fr', p.name)} ?)`,
  },
  en: {
    unknown: (p) => `unknown rule ${quote('en', p.rule)} in lint.rules${p.suggestion}; the rules are: ${p.rules}`,
    suggestion: (p) => ` (did you mean ${quote('en', p.name)}?)`,
  },
});

/**
 * The CAPAcities method rules on the resolved model: warnings by default, each set to
 * `off|warn|error` by `lint.rules`; a rule name `lint.rules` does not know is an error
 * (`kit/unknown-rule`) with a suggestion, located at its key.
 */
export function checkMethod(loaded: LoadedKit, kit: Kit, lang: Lang): Diagnostic[] {
  const out: Diagnostic[] = [];
  const written = rec(rec(loaded.data.lint).rules);
  for (const rule of Object.keys(written)) {
    if (METHOD_RULES.includes(rule)) continue;
    const near = didYouMean(rule, METHOD_RULES);
    const path = ['lint', 'rules', rule];
    out.push({
      severity: 'error',
      code: 'kit/unknown-rule',
      message: msg(lang, 'unknown', { rule, suggestion: near ? msg(lang, 'suggestion', { name: near }) : '', rules: METHOD_RULES.join(', ') }),
      ...loaded.locate(path, { key: true }),
      path: toPointer(path),
    });
  }
  for (const rule of RULES) {
    const level: RuleLevel = kit.lintRules[rule.id] ?? 'warn';
    if (level === 'off') continue;
    for (const finding of rule.check({ loaded, kit, lang })) {
      out.push({
        severity: level === 'error' ? 'error' : 'warning',
        code: `method/${rule.id}`,
        message: finding.message,
        ...loaded.locate(finding.path, { key: finding.key }),
        path: toPointer(finding.path),
      });
    }
  }
  return out;
}
