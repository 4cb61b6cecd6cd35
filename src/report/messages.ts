/** Languages capa speaks, for documents (`kit.lang`) and for messages (`--lang`). */
export type Lang = 'fr' | 'en';

export type MessageParams = Record<string, string | number>;
type Template = string | ((p: MessageParams) => string);

/**
 * A message catalogue: the same keys in French and English, checked by the compiler
 * (`en` must have every key of `fr`). Each module keeps its own catalogue next to its code.
 */
export function defineMessages<K extends string>(catalogue: { fr: Record<K, Template>; en: Record<K, Template> }) {
  return (lang: Lang, key: K, params: MessageParams = {}): string => {
    const template = catalogue[lang][key] ?? catalogue.fr[key];
    if (typeof template === 'function') return template(params);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Quote a name the way each language does (« » in French, “ ” in English). */
export function quote(lang: Lang, text: string | number): string {
  return lang === 'fr' ? `« ${text} »` : `“${text}”`;
}

/** Join a list for a sentence: « a », « b » ou « c » / “a”, “b” or “c”. */
export function orList(lang: Lang, items: Array<string | number>): string {
  const q = items.map((i) => quote(lang, i));
  if (q.length <= 1) return q.join('');
  const word = lang === 'fr' ? ' ou ' : ' or ';
  return q.slice(0, -1).join(', ') + word + q[q.length - 1];
}
