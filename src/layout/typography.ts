/**
 * Typographic conventions of the document language, applied to every text run of a document (see `typesetMarkup`).
 * Kit data is typed with plain keyboard characters; print wants the characters a typesetter would use.
 *
 * French: narrow no-break space (U+202F) before `; : ! ?` and inside `« »` (replacing a typed space, inserted when
 * missing), typographic apostrophe, paired straight quotes become guillemets, no break inside a number (`120 000`
 * takes U+202F between digit groups), before `%`, or between a number and the word or unit after it (`9 h 30`,
 * `120 000 habitants`: U+00A0), and `n°` is tied to what follows.
 * English: no space before `: ; ! ?`, curly quotes and apostrophe.
 *
 * URLs and e-mail addresses are left untouched (a `:` or `?` there is not punctuation).
 */

export type TypoLang = 'fr' | 'en';

export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/** A space the typist may have put where a no-break one belongs: ordinary, no-break or narrow no-break. */
const SP = `[ ${NBSP}${NNBSP}]`;
/** What may stand right before high punctuation when the space is missing: a letter, a closing sign or a number. */
const WORD_END = String.raw`[\p{L}\p{N}»)\]’"'*]`;
/** What may follow high punctuation: a space, the end of the run or more punctuation. */
const PUNCT_END = String.raw`(?=$|[\s.,;:!?…»)\]\u00A0\u202F])`;

const URL = /(?:https?:\/\/|mailto:|www\.)[^\s<>«»"]+|[^\s<>«»"@]+@[^\s<>«»"@]+\.[A-Za-z]{2,}/gu;

const FR_RULES: Array<[RegExp, string]> = [
  // Apostrophe between letters (l'atelier, aujourd'hui).
  [/(?<=\p{L})'(?=\p{L})/gu, '’'],
  // Straight double quotes in pairs become guillemets (their spacing is set just below).
  [/(?<=^|[\s(\[])"([^"]+)"(?=$|[\s.,;:!?…)\]])/gu, '«$1»'],
  // A typed space before ; : ! ? becomes narrow and unbreakable.
  [new RegExp(`${SP}+(?=[;:!?»])`, 'gu'), NNBSP],
  [new RegExp(`(?<=«)${SP}+`, 'gu'), NNBSP],
  // Missing space before ; : ! ? after a word (not inside `09:30`, `https://`, `?!`).
  [new RegExp(`(?<=[\\p{L}»)\\]’*])([;:!?])${PUNCT_END}`, 'gu'), `${NNBSP}$1`],
  [/(?<=«)(?=[^\s\u00A0\u202F])/gu, NNBSP],
  [/(?<=[^\s\u00A0\u202F«])(?=»)/gu, NNBSP],
  // Digit groups of one number: 120 000 (not two numbers: a group is exactly three digits).
  [/(?<![\d.,])(\d{1,3})((?:[ \u00A0]\d{3})+)(?!\d)/gu, (_m: string, head: string, groups: string) => head + groups.replace(/[ \u00A0]/g, NNBSP)] as unknown as [RegExp, string],
  // 10 % / 10% → 10 % (narrow no-break space).
  [/(?<![\p{L}_])(\d+(?:[.,]\d+)?)[ \u00A0]?%/gu, `$1${NNBSP}%`],
  // A number stays with the word or unit it counts: 9 h 30, 45 min, 12 participants, 120 000 habitants, 5 €.
  // Only a number standing alone (`mot0 suivant` or `A4 paysage` are not counts).
  [/(?<![\p{L}\p{N}_])(\d+(?:[.,\u202F]\d+)*) (?=[\p{L}€$£°])/gu, `$1${NBSP}`],
  [/(?<=\b[hH]) (?=\d)/gu, NBSP],
  // n° / N° tied to its number.
  [/(?<=\b[nN]°) ?(?=\S)/gu, NBSP],
];

const EN_RULES: Array<[RegExp, string]> = [
  [new RegExp(`(?<=${WORD_END})${SP}+(?=[;:!?]${PUNCT_END})`, 'gu'), ''],
  // Opening quotes after a space, bracket or the start; closing quotes elsewhere.
  [/(?<=^|[\s(\[—–-])"/gu, '“'],
  [/"/gu, '”'],
  [/(?<=^|[\s(\[—–-])'(?=\p{L})/gu, '‘'],
  [/'/gu, '’'],
];

function apply(text: string, rules: Array<[RegExp, string]>): string {
  let out = text;
  for (const [re, by] of rules) out = out.replace(re, by as string);
  return out;
}

/**
 * `text` with the typography of `lang`. `before` is the character that precedes the run in its paragraph (the end
 * of a previous run), so `<b>Lieu</b>: salle` still gets its space before the colon.
 */
export function typeset(text: string, lang: TypoLang, before = ''): string {
  const rules = lang === 'fr' ? FR_RULES : EN_RULES;
  // Typeset the prose between URLs only; the preceding character takes part in the look-behinds, then is cut off.
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL)) {
    out += prose(text.slice(last, m.index), rules, last === 0 ? before : text[m.index - 1] ?? '') + m[0];
    last = m.index + m[0].length;
  }
  return out + prose(text.slice(last), rules, last === 0 ? before : '');
}

function prose(text: string, rules: Array<[RegExp, string]>, before: string): string {
  if (!text) return text;
  // Only a visible preceding character gives context (a space belongs to the previous run and is left to it).
  const lead = /\s/u.test(before.slice(-1)) ? '' : ([...before].pop() ?? '');
  // Every rule either maps one character to one, or looks behind before inserting: position 0 (the context
  // character) can only be replaced by a character of the same length, so cutting its length off is exact.
  return apply(lead + text, rules).slice(lead.length);
}
