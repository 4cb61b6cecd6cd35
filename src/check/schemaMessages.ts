import { defineMessages, orList, quote, type Lang } from '../report/messages.js';

/** Messages of `checkSchema`: one per diagnostic shape. Parameters are already quoted/translated. */
export const schemaMessage = defineMessages({
  fr: {
    unknownKey: (p) =>
      `la clé ${p.key} n’existe pas ${p.where}` +
      (p.suggestion ? ` ; vous vouliez dire ${p.suggestion} ?` : '.') +
      (p.keys ? ` Clés possibles : ${p.keys}` : ''),
    required: 'il manque la clé obligatoire {key} {where}',
    eitherKey: 'il manque {keys} {where} : il faut au moins l’une de ces clés',
    type: '{subject} doit être {expected}, pas {actual}',
    empty: '{subject} est vide ; {expected}',
    enum: (p) =>
      `${p.value} n’est pas une valeur possible pour ${p.subject}` +
      (p.suggestion ? ` ; vous vouliez dire ${p.suggestion} ?` : '.') +
      ` Valeurs possibles : ${p.values}`,
    format: '{subject} : {value} n’est pas {noun} valide ; {expected}',
    range: '{subject} doit être {bounds}, pas {value}',
    other: '{subject} : {detail}',
    hintColor: 'En YAML, # commence un commentaire : mettez la couleur entre guillemets, par exemple primary: "#1D4E89".',
    hintTime: 'Mettez l’heure entre guillemets, par exemple start: "09:30".',
    withSuggestion: '{message} (vous vouliez dire {suggestion} ?)',
    withExpected: '{message} ; {expected}',
    emptyExpected: 'attendu : {expected}',
    theKit: 'le kit',
    item: 'l’élément {n}',
    itemOf: 'l’élément {n} de {parent}',
    listOfIds: 'une liste d’identifiants',
    or: ' ou ',
  },
  en: {
    unknownKey: (p) =>
      `there is no key ${p.key} ${p.where}` +
      (p.suggestion ? `; did you mean ${p.suggestion}?` : '.') +
      (p.keys ? ` Possible keys: ${p.keys}` : ''),
    required: 'the required key {key} is missing {where}',
    eitherKey: '{keys} is missing {where}: at least one of these keys is needed',
    type: '{subject} must be {expected}, not {actual}',
    empty: '{subject} is empty; {expected}',
    enum: (p) =>
      `${p.value} is not a possible value for ${p.subject}` +
      (p.suggestion ? `; did you mean ${p.suggestion}?` : '.') +
      ` Possible values: ${p.values}`,
    format: '{subject}: {value} is not a valid {noun}; {expected}',
    range: '{subject} must be {bounds}, not {value}',
    other: '{subject}: {detail}',
    hintColor: 'In YAML, # starts a comment: put the colour in quotes, for example primary: "#1D4E89".',
    hintTime: 'Put the time in quotes, for example start: "09:30".',
    withSuggestion: '{message} (did you mean {suggestion}?)',
    withExpected: '{message}; {expected}',
    emptyExpected: 'expected {expected}',
    theKit: 'the kit',
    item: 'item {n}',
    itemOf: 'item {n} of {parent}',
    listOfIds: 'a list of ids',
    or: ' or ',
  },
});

type Phrase = Record<Lang, string>;

/** Where a key lives, by `$defs` name of the object's schema (`Root` is the kit's top level). */
const whereByDef: Record<string, Phrase> = {
  Root: { fr: 'au premier niveau du kit', en: 'at the top level of the kit' },
  KitInfo: { fr: 'dans « kit »', en: 'in “kit”' },
  Theme: { fr: 'dans « theme »', en: 'in “theme”' },
  Build: { fr: 'dans « build »', en: 'in “build”' },
  DuplexOffset: { fr: 'dans « duplex_offset_mm »', en: 'in “duplex_offset_mm”' },
  Lint: { fr: 'dans « lint »', en: 'in “lint”' },
  Territory: { fr: 'dans un territoire', en: 'in a territory' },
  Organisation: { fr: 'dans une organisation', en: 'in an organisation' },
  Person: { fr: 'dans une personne', en: 'in a person' },
  UseCase: { fr: 'dans un cas d’usage', en: 'in a use case' },
  Thread: { fr: 'dans un fil', en: 'in a thread' },
  Challenge: { fr: 'dans un défi', en: 'in a challenge' },
  Session: { fr: 'dans une session', en: 'in a session' },
  Venue: { fr: 'dans le lieu d’une session (« venue »)', en: 'in a session venue' },
  Visit: { fr: 'dans une visite de site', en: 'in a site visit' },
  Day: { fr: 'dans une journée', en: 'in a day' },
  Slot: { fr: 'dans un créneau', en: 'in a slot' },
  Workshop: { fr: 'dans un atelier', en: 'in a workshop' },
  Step: { fr: 'dans une étape d’atelier', en: 'in a workshop step' },
  Capture: { fr: 'dans la restitution d’un atelier (« capture »)', en: 'in a workshop capture' },
  Photo: { fr: 'dans une photo de restitution (« photos »)', en: 'in a capture photo (“photos”)' },
  FollowUp: { fr: 'dans « follow_up »', en: 'in “follow_up”' },
};

export function wherePhrase(lang: Lang, defName: string | undefined): string {
  const phrase = defName ? whereByDef[defName] : undefined;
  return phrase ? phrase[lang] : lang === 'fr' ? 'dans cet objet' : 'in this object';
}

/** Value shapes whose errors are reported as `schema/format`, with what is expected. */
export const formatDefs: Record<string, { noun: Phrase; expected: Phrase }> = {
  Id: {
    noun: { fr: 'un identifiant', en: 'id' },
    expected: {
      fr: 'identifiant attendu en minuscules, chiffres et tirets, par exemple pays-portuaire',
      en: 'expected lower-case letters, digits and hyphens, for example pays-portuaire',
    },
  },
  IsoDate: {
    noun: { fr: 'une date', en: 'date' },
    expected: {
      fr: 'date attendue au format AAAA-MM-JJ, par exemple 2027-05-12',
      en: 'expected a date as YYYY-MM-DD, for example 2027-05-12',
    },
  },
  Time: {
    noun: { fr: 'une heure', en: 'time' },
    expected: {
      fr: 'heure attendue au format HH:MM sur 24 h, par exemple "09:30"',
      en: 'expected a 24-hour time as HH:MM, for example "09:30"',
    },
  },
  Duration: {
    noun: { fr: 'une durée', en: 'duration' },
    expected: {
      fr: 'durée attendue en minutes (90) ou en texte (1h30, 1h, 45min, 2h05)',
      en: 'expected minutes (90) or text (1h30, 1h, 45min, 2h05)',
    },
  },
  Color: {
    noun: { fr: 'une couleur', en: 'colour' },
    expected: {
      fr: 'couleur attendue en hexadécimal #RGB ou #RRGGBB, entre guillemets, par exemple "#1D4E89"',
      en: 'expected a hex colour #RGB or #RRGGBB, in quotes, for example "#1D4E89"',
    },
  },
};

const typeNouns: Record<string, Phrase> = {
  string: { fr: 'un texte', en: 'text' },
  integer: { fr: 'un nombre entier', en: 'a whole number' },
  number: { fr: 'un nombre', en: 'a number' },
  boolean: { fr: 'vrai ou faux (true, false)', en: 'true or false' },
  array: { fr: 'une liste', en: 'a list' },
  object: { fr: 'un objet (des clés et leurs valeurs)', en: 'a mapping (keys and values)' },
  null: { fr: 'vide', en: 'empty' },
};

/** « un nombre entier » / “a whole number”; several types are joined with « ou ». */
export function typeNoun(lang: Lang, type: string | string[]): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => typeNouns[t]?.[lang] ?? t).join(lang === 'fr' ? ' ou ' : ' or ');
}

/** How a wrong value is named in a message: « le texte « cent » », “the number 12”, “a list”. */
export function describeValue(lang: Lang, value: unknown): string {
  const fr = lang === 'fr';
  if (value === null || value === undefined) return fr ? 'vide' : 'empty';
  if (Array.isArray(value)) return fr ? 'une liste' : 'a list';
  if (typeof value === 'string') return (fr ? 'le texte ' : 'the text ') + quote(lang, shorten(value));
  if (typeof value === 'number') return (fr ? 'le nombre ' : 'the number ') + value;
  if (typeof value === 'boolean') return (fr ? 'la valeur ' : 'the value ') + value;
  if (value instanceof Date) return fr ? 'une date YAML non entre guillemets' : 'an unquoted YAML date';
  return fr ? 'un objet (des clés et leurs valeurs)' : 'a mapping (keys and values)';
}

/** A value quoted for a message, shortened when long. */
export function quoteValue(lang: Lang, value: unknown): string {
  return quote(lang, shorten(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)));
}

/** « entre 1 et 5 » / “between 1 and 5”, « au moins 1 », « au plus 5 ». */
export function boundsPhrase(lang: Lang, b: { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number }): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (b.min !== undefined && b.max !== undefined) return fr ? `entre ${b.min} et ${b.max}` : `between ${b.min} and ${b.max}`;
  if (b.min !== undefined) parts.push(fr ? `au moins ${b.min}` : `at least ${b.min}`);
  if (b.exclusiveMin !== undefined) parts.push(fr ? `plus grand que ${b.exclusiveMin}` : `greater than ${b.exclusiveMin}`);
  if (b.max !== undefined) parts.push(fr ? `au plus ${b.max}` : `at most ${b.max}`);
  if (b.exclusiveMax !== undefined) parts.push(fr ? `plus petit que ${b.exclusiveMax}` : `less than ${b.exclusiveMax}`);
  return parts.join(fr ? ' et ' : ' and ');
}

export function keyList(items: string[]): string {
  return items.join(', ');
}

export { orList, quote };

function shorten(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}
