import { input, select } from '@inquirer/prompts';
import { CapaError } from '../../report/CapaError.js';
import type { Lang } from '../../report/messages.js';
import type { PromptIO } from '../CliContext.js';
import { initMessages as m } from './initMessages.js';
import { addDays, daysBetween, isIsoDate } from './isoDate.js';
import { TERRITORY_KINDS, type Gender, type InitAnswers, type Starter, type TerritoryKind } from './starterKits.js';

export interface AskInitOptions {
  /** Language of the questions. */
  lang: Lang;
  /** Starting kits to choose from; with one (`--from`), it is not asked. */
  starters: Starter[];
  /** The answers a starting kit gives by itself: the defaults of every following question. */
  defaultsFor(starter: Starter): Promise<InitAnswers>;
  /** Where to ask; default stdin/stdout. */
  io?: PromptIO;
}

/**
 * Ask in the terminal (inquirer): starting kit, document language, host territory (name, kind,
 * population, member municipalities), its elected member and project lead, kit title, first day
 * and site visit. Nothing is written here: the caller writes once every answer is in, so Ctrl+C
 * (exit 130) leaves nothing behind.
 */
export async function askInitAnswers(opts: AskInitOptions): Promise<InitAnswers> {
  try {
    return await ask(opts);
  } catch (err) {
    if (err instanceof Error && err.name === 'ExitPromptError') {
      throw new CapaError('init/cancelled', m(opts.lang, 'cancelled'), { exitCode: 130 });
    }
    throw err;
  }
}

async function ask({ lang, starters, defaultsFor, io }: AskInitOptions): Promise<InitAnswers> {
  const ctx = io ? { input: io.input, output: io.output } : undefined;
  const theme = keysTheme(lang);
  const text = (o: { message: string; default?: string; required?: boolean; check?: (v: string) => string | boolean }) =>
    input(
      {
        message: o.message,
        default: o.default,
        validate: (v) => (o.required && v.trim() === '' ? m(lang, 'emptyName') : o.check ? o.check(v.trim()) : true),
      },
      ctx,
    ).then((v) => v.trim());

  const starter =
    starters.length === 1
      ? starters[0]!
      : await select(
          {
            message: m(lang, 'qFrom'),
            theme,
            choices: starters.map((s) => ({
              value: s,
              name: s.kind === 'blank' ? m(lang, 'starterBlankName') : s.name,
              description: m(lang, s.kind === 'blank' ? 'starterBlank' : s.kind === 'shipped' ? 'starterShipped' : 'starterPath', { name: s.name }),
            })),
          },
          ctx,
        );
  const d = await defaultsFor(starter);
  const kitLang = await select<Lang>(
    {
      message: m(lang, 'qLang'),
      default: d.lang,
      theme,
      choices: [
        { value: 'fr', name: m(lang, 'langFr') },
        { value: 'en', name: m(lang, 'langEn') },
      ],
    },
    ctx,
  );
  const name = await text({ message: m(lang, 'qTerritory'), default: d.territory.name, required: true });
  const kind = await select<TerritoryKind>(
    { message: m(lang, 'qKind'), default: d.territory.kind, theme, choices: TERRITORY_KINDS.map((k) => ({ value: k, name: kindName(lang, k) })) },
    ctx,
  );
  const populationText = await text({
    message: m(lang, 'qPopulation'),
    default: d.territory.population === undefined ? undefined : String(d.territory.population),
    check: (v) => isUnknown(v) || parsePopulation(v) !== undefined || m(lang, 'badPopulation'),
  });
  const population = isUnknown(populationText) ? undefined : parsePopulation(populationText);
  const members = await text({ message: m(lang, 'qMembers'), default: d.territory.members.join(', ') });
  // The gender of each role label is asked, never guessed from the name: nothing stated prints the epicene form.
  const gender = (name: string, current: Gender) =>
    select<Gender>(
      {
        message: m(lang, 'qGender', { name }),
        default: current,
        theme,
        choices: (['n', 'f', 'm'] as const).map((g) => ({ value: g, name: m(lang, g === 'n' ? 'genderN' : g === 'f' ? 'genderF' : 'genderM') })),
      },
      ctx,
    );
  const elected = await text({ message: m(lang, 'qElected'), default: d.elected, required: true });
  const electedGender = await gender(elected, d.electedGender);
  const projectLead = await text({ message: m(lang, 'qLead'), default: d.projectLead, required: true });
  const projectLeadGender = await gender(projectLead, d.projectLeadGender);
  // A kit's own title names its own territory: with another territory, propose a title naming it.
  const keepTitle = name === d.territory.name && d.title !== m(d.lang, 'defaultTitle', { territory: d.territory.name });
  const title = await text({
    message: m(lang, 'qTitle'),
    default: keepTitle ? d.title : m(kitLang, 'defaultTitle', { territory: name }),
    required: true,
  });
  const date = dateAnswer(await text({ message: m(lang, 'qDate'), default: d.date, check: (v) => dateAnswer(v, lang) !== undefined || m(lang, 'badDate') }), lang)!;
  const visitText = await text({
    message: m(lang, 'qVisit'),
    // The copied kit's gap between visit and first day is kept; the usual one is the day before.
    default: addDays(date, d.visitDate && isIsoDate(d.visitDate) ? daysBetween(d.date, d.visitDate) : -1),
    check: (v) => {
      const visit = dateAnswer(v, lang);
      return visit === undefined ? m(lang, 'badDate') : visit > date ? m(lang, 'visitAfterDay', { date }) : true;
    },
  });
  const visitDate = dateAnswer(visitText, lang)!;
  return {
    starter,
    title,
    lang: kitLang,
    territory: { name, kind, population, members: splitList(members) },
    elected,
    projectLead,
    electedGender,
    projectLeadGender,
    date,
    visitDate,
  };
}

/** inquirer's key help is in English: say it in the language of the questions. */
function keysTheme(lang: Lang) {
  return { style: { keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${m(lang, action === 'select' ? 'keySelect' : 'keyNavigate')}`).join(' • ') } };
}

/** What the population question takes for "unknown": nothing, `-`, `?`, or the word. */
export function isUnknown(text: string): boolean {
  return /^(|-|\?|unknown|inconnue?)$/i.test(text.trim());
}

/**
 * In a folder that is not empty, ask before writing (the choices in the user's language); false when
 * they choose to cancel. Ctrl+C cancels too (exit 130).
 */
export async function confirmNonEmpty(opts: { lang: Lang; dir: string; io?: PromptIO }): Promise<boolean> {
  const { lang } = opts;
  const ctx = opts.io ? { input: opts.io.input, output: opts.io.output } : undefined;
  const theme = keysTheme(lang);
  try {
    return await select(
      {
        message: m(lang, 'qNotEmpty', { dir: opts.dir }),
        theme,
        default: false,
        choices: [
          { value: false, name: m(lang, 'cancel') },
          { value: true, name: m(lang, 'writeHere') },
        ],
      },
      ctx,
    );
  } catch (err) {
    if (err instanceof Error && err.name === 'ExitPromptError') throw new CapaError('init/cancelled', m(lang, 'cancelled'), { exitCode: 130 });
    throw err;
  }
}

/** `42000`, `42 000` (French thousands), `42,000` → 42000; anything else, or 0, is not a population. */
export function parsePopulation(text: string): number | undefined {
  const digits = text.trim().replace(/[\s\u00a0\u202f.,']/g, '');
  if (!/^\d+$/.test(digits) || !/^\d{1,3}([\s\u00a0\u202f.,']?\d{3})*$/.test(text.trim())) return undefined;
  const n = Number(digits);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}

/** `2027-05-12`, or in French `12/05/2027` (day first, as written there) → `2027-05-12`. */
export function dateAnswer(text: string, lang: Lang): string | undefined {
  const t = text.trim();
  const fr = lang === 'fr' ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t) : null;
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : t;
  return isIsoDate(iso) ? iso : undefined;
}

/** `mountain — montagne`: the value written in the YAML, and what it means when the words differ. */
function kindName(lang: Lang, kind: TerritoryKind): string {
  const words = m(lang, `kind_${kind}`);
  return words === kind ? kind : `${kind} — ${words}`;
}

/** `Ville-sur-Mer, Saint-Quai` → two names; `;` also separates (names may hold commas rarely). */
export function splitList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
