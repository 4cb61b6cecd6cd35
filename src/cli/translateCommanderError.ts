import type { Lang } from '../report/messages.js';
import { quote } from '../report/messages.js';
import { cliMessages as m } from './cliMessages.js';

/**
 * commander's usage error (`code`, English `message`) in the user's language. English keeps
 * commander's own wording; French rewrites the errors a user meets, and falls back to
 * commander's text for any other.
 */
export function translateCommanderError(opts: { code: string; message: string; lang: Lang }): string {
  const { code, lang } = opts;
  if (lang === 'en') return opts.message;
  const [first = '', ...more] = opts.message.split('\n');
  const q = (s: string) => quote(lang, s);
  let text: string | undefined;
  let match: RegExpExecArray | null;
  if (code === 'commander.unknownOption' && (match = /unknown option '(.*)'/.exec(first))) {
    text = m(lang, 'unknownOption', { name: q(match[1]!) });
  } else if (code === 'commander.unknownCommand' && (match = /unknown command '(.*)'/.exec(first))) {
    text = m(lang, 'unknownCommand', { name: q(match[1]!) });
  } else if (code === 'commander.invalidArgument' && (match = /option '(.*)' argument '(.*)' is invalid\.(?: Allowed choices are (.*)\.)?/.exec(first))) {
    text = m(lang, 'invalidValue', { option: q(match[1]!), value: q(match[2]!) });
    if (match[3]) text += ' ' + m(lang, 'choices', { list: match[3] });
  } else if (code === 'commander.optionMissingArgument' && (match = /option '(.*)' argument missing/.exec(first))) {
    text = m(lang, 'missingValue', { option: q(match[1]!) });
  } else if (code === 'commander.missingArgument' && (match = /missing required argument '(.*)'/.exec(first))) {
    text = m(lang, 'missingArgument', { name: q(match[1]!) });
  } else if (code === 'commander.excessArguments' && (match = /too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)/.exec(first))) {
    const forCommand = match[1] ? m(lang, 'forCommand', { name: q(match[1]) }) : '';
    text = m(lang, 'tooManyArguments', { forCommand, expected: match[2]!, got: match[3]! });
  }
  if (text === undefined) return opts.message;
  const suggestion = more.join(' ').match(/\(Did you mean (?:one of )?(.*)\?\)/);
  return suggestion ? `${text}\n${m(lang, 'didYouMean', { names: suggestion[1]! })}` : text;
}
