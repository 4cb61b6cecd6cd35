import { input, select } from '@inquirer/prompts';
import { CapaError } from '../../report/CapaError.js';
import type { Lang } from '../../report/messages.js';
import { initMessages as m } from './initMessages.js';
import { isIsoDate } from './isoDate.js';
import { BLANK, type InitAnswers } from './starterKits.js';

/** How `capa init` gets its answers interactively; tests inject their own. */
export type AskInit = (opts: {
  lang: Lang;
  starters: string[];
  defaultFrom: string;
  /** Default answers once the starting kit is chosen (its host name, first day, language). */
  defaultsFor(from: string): Promise<InitAnswers>;
}) => Promise<InitAnswers>;

/** Ask in the terminal (inquirer): starting kit, host territory, first day, document language. */
export const askInitAnswers: AskInit = async (opts) => {
  try {
    return await ask(opts);
  } catch (err) {
    // Ctrl+C in a prompt: the user stopped, nothing was written. Exit 130 as for any interrupted command.
    if (err instanceof Error && err.name === 'ExitPromptError') {
      throw new CapaError('init/cancelled', m(opts.lang, 'cancelled'), { exitCode: 130 });
    }
    throw err;
  }
};

const ask: AskInit = async ({ lang, starters, defaultFrom, defaultsFor }) => {
  // `--from` leaves a single starter: no need to ask.
  const from = starters.length === 1 ? starters[0]! : await select({
    message: m(lang, 'qFrom'),
    default: defaultFrom,
    choices: starters.map((s) => ({
      value: s,
      name: s,
      description: s === BLANK ? m(lang, 'starterBlank') : m(lang, 'starterShipped', { name: s }),
    })),
  });
  const defaults = await defaultsFor(from);
  const territory = await input({
    message: m(lang, 'qTerritory'),
    default: defaults.territory,
    validate: (v) => v.trim() !== '' || m(lang, 'emptyName'),
  });
  const date = await input({
    message: m(lang, 'qDate'),
    default: defaults.date,
    validate: (v) => isIsoDate(v.trim()) || m(lang, 'badDate'),
  });
  const kitLang = await select<Lang>({
    message: m(lang, 'qLang'),
    default: defaults.lang,
    choices: [
      { value: 'fr', name: m(lang, 'langFr') },
      { value: 'en', name: m(lang, 'langEn') },
    ],
  });
  return { from, territory: territory.trim(), date: date.trim(), lang: kitLang };
};
