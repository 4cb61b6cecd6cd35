import type { Kit } from '../../kit/Kit.js';
import type { DataPath, LoadedKit } from '../../kit/LoadedKit.js';
import type { Lang } from '../../report/messages.js';

/** One finding of a method rule: where, and the message (already in the requested language). */
export interface RuleFinding {
  path: DataPath;
  /** Point at the mapping key rather than its value. */
  key?: boolean;
  message: string;
}

export interface RuleContext {
  loaded: LoadedKit;
  kit: Kit;
  lang: Lang;
}

/** A CAPAcities method rule (docs/diagnostics.md): reported as `method/<id>`, level set by `lint.rules`. */
export interface MethodRule {
  id: string;
  check(ctx: RuleContext): RuleFinding[];
}

/** The date the day before an ISO date, for examples in messages. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
