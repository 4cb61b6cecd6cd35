/**
 * Typographic conventions of the document language, applied to every text run of a document (see `typesetMarkup`).
 * Kit data is typed with plain keyboard characters; print wants the characters a typesetter would use.
 *
 * French: narrow no-break space (U+202F) before `; : ! ?` and inside `« »` (replacing a typed space, inserted when
 * missing), typographic apostrophe, paired straight quotes become guillemets, no break inside a number (`120 000`
 * takes U+202F between digit groups), before `%`, or between a number and the word or unit after it (`9 h 30`,
 * `120 000 habitants`: U+00A0), and `n°` is tied to what follows.
 * English: curly quotes and apostrophe; no space is added before `: ; ! ?`, and a space typed there is kept, narrow and
 * unbreakable: it is French spacing in French content (a French kit built in English keeps « service ? »), never a
 * place to break the line.
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

/**
 * A rule: what it replaces, and a character class that every match needs (a rule is skipped when its text has none
 * of those characters, which is most of them for most text: the regular expressions are the cost of typesetting).
 */
interface Rule {
  re: RegExp;
  by: string | ((match: string, ...groups: string[]) => string);
  needs: RegExp;
}

const DIGIT = /\d/;

const FR_RULES: Rule[] = [
  // Apostrophe between letters (l'atelier, aujourd'hui).
  { re: /(?<=\p{L})'(?=\p{L})/gu, by: '’', needs: /'/ },
  // Straight double quotes in pairs become guillemets (their spacing is set just below).
  { re: /(?<=^|[\s(\[])"([^"]+)"(?=$|[\s.,;:!?…)\]])/gu, by: '«$1»', needs: /"/ },
  // A typed space before ; : ! ? becomes narrow and unbreakable.
  { re: new RegExp(`${SP}+(?=[;:!?»])`, 'gu'), by: NNBSP, needs: /[;:!?»]/ },
  { re: new RegExp(`(?<=«)${SP}+`, 'gu'), by: NNBSP, needs: /«/ },
  // Missing space before ; : ! ? after a word (not inside `09:30`, `https://`, `?!`).
  { re: new RegExp(`(?<=[\\p{L}»)\\]’*])([;:!?])${PUNCT_END}`, 'gu'), by: `${NNBSP}$1`, needs: /[;:!?]/ },
  { re: /(?<=«)(?=[^\s\u00A0\u202F])/gu, by: NNBSP, needs: /«/ },
  { re: /(?<=[^\s\u00A0\u202F«])(?=»)/gu, by: NNBSP, needs: /»/ },
  // Digit groups of one number: 120 000 (not two numbers: a group is exactly three digits).
  {
    re: /(?<![\d.,])(\d{1,3})((?:[ \u00A0]\d{3})+)(?!\d)/gu,
    by: (_m: string, head: string, groups: string) => head + groups.replace(/[ \u00A0]/g, NNBSP),
    needs: DIGIT,
  },
  // 10 % / 10% → 10 % (narrow no-break space).
  { re: /(?<![\p{L}_])(\d+(?:[.,]\d+)?)[ \u00A0]?%/gu, by: `$1${NNBSP}%`, needs: /%/ },
  // A number stays with the word or unit it counts: 9 h 30, 45 min, 12 participants, 120 000 habitants, 5 €.
  // Only a number standing alone (`mot0 suivant` or `A4 paysage` are not counts).
  { re: /(?<![\p{L}\p{N}_])(\d+(?:[.,\u202F]\d+)*) (?=[\p{L}€$£°])/gu, by: `$1${NBSP}`, needs: DIGIT },
  { re: /(?<=\b[hH]) (?=\d)/gu, by: NBSP, needs: DIGIT },
  // n° / N° tied to its number.
  { re: /(?<=\b[nN]°) ?(?=\S)/gu, by: NBSP, needs: /°/ },
];

const EN_RULES: Rule[] = [
  { re: new RegExp(`(?<=${WORD_END})${SP}+(?=[;:!?]${PUNCT_END})`, 'gu'), by: NNBSP, needs: /[;:!?]/ },
  // Opening quotes after a space, bracket or the start; closing quotes elsewhere.
  { re: /(?<=^|[\s(\[—–-])"/gu, by: '“', needs: /"/ },
  { re: /"/gu, by: '”', needs: /"/ },
  { re: /(?<=^|[\s(\[—–-])'(?=\p{L})/gu, by: '‘', needs: /'/ },
  { re: /'/gu, by: '’', needs: /'/ },
];

function apply(text: string, rules: Rule[]): string {
  let out = text;
  // `needs` is tested on the text as the earlier rules left it (quotes become guillemets that later rules space).
  for (const { re, by, needs } of rules) if (needs.test(out)) out = out.replace(re, by as string);
  return out;
}

/** Only these can start a URL or an e-mail address (`https://`, `mailto:`, `www.`, `@`). */
const MAY_HOLD_URL = /[:@]|www\./;

/**
 * `text` with the typography of `lang`. `before` is the character that precedes the run in its paragraph (the end
 * of a previous run), so `<b>Lieu</b>: salle` still gets its space before the colon.
 */
export function typeset(text: string, lang: TypoLang, before = ''): string {
  const rules = lang === 'fr' ? FR_RULES : EN_RULES;
  if (!MAY_HOLD_URL.test(text)) return prose(text, rules, before);
  // Typeset the prose between URLs only; the preceding character takes part in the look-behinds, then is cut off.
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL)) {
    out += prose(text.slice(last, m.index), rules, last === 0 ? before : text[m.index - 1] ?? '') + m[0];
    last = m.index + m[0].length;
  }
  return out + prose(text.slice(last), rules, last === 0 ? before : '');
}

function prose(text: string, rules: Rule[], before: string): string {
  if (!text) return text;
  // Only a visible preceding character gives context (a space belongs to the previous run and is left to it).
  const lead = /\s/u.test(before.slice(-1)) ? '' : lastCodePoint(before);
  // Every rule either maps one character to one, or looks behind before inserting: position 0 (the context
  // character) can only be replaced by a character of the same length, so cutting its length off is exact.
  return apply(lead + text, rules).slice(lead.length);
}

/** The last character of `s` (a whole surrogate pair), without splitting the whole string into characters. */
function lastCodePoint(s: string): string {
  const low = s.charCodeAt(s.length - 1);
  if (low >= 0xdc00 && low <= 0xdfff && s.length >= 2) {
    const high = s.charCodeAt(s.length - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(-2);
  }
  return s.slice(-1);
}
