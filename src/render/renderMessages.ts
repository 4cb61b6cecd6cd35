import { defineMessages, quote, type Lang, type MessageParams } from '../report/messages.js';

const expectedFr: Record<string, string> = {
  time: 'une heure (minutes depuis minuit, ex. 570, ou « 09:30 »)',
  duration: 'une durée en minutes (ex. 90)',
  date: 'une date ISO « AAAA-MM-JJ »',
  number: 'un nombre',
  list: 'une liste',
  dateFormat: 'un format de date (long, date, day-month, short, weekday, month-year, iso)',
};
const expectedEn: Record<string, string> = {
  time: 'a time (minutes since midnight, e.g. 570, or "09:30")',
  duration: 'a duration in minutes (e.g. 90)',
  date: 'an ISO date "YYYY-MM-DD"',
  number: 'a number',
  list: 'a list',
  dateFormat: 'a date format (long, date, day-month, short, weekday, month-year, iso)',
};

/** Diagnostics of the rendering step (`template/…` codes), in French and English. */
export const renderMessage = defineMessages({
  fr: {
    syntax: (p) => `Erreur de syntaxe dans le modèle : ${p.detail}`,
    missingField: (p) => `Le champ ${quote('fr', p.field ?? '')} n'existe pas dans les données de ce modèle.`,
    unknownHelper: (p) => `Fonction ${quote('fr', p.name ?? '')} inconnue dans ce modèle.`,
    missingPartial: (p) =>
      `Fragment ${quote('fr', p.name ?? '')} introuvable : ni dans templates/${p.doc}/partials/, ni dans templates/partials/ (kit ou modèles intégrés).`,
    notFound: (p) => `Modèle ${quote('fr', p.name ?? '')} introuvable : ni ${p.kitPath} dans le kit, ni parmi les modèles intégrés.`,
    missingTranslation: (p) => `Aucune traduction pour la clé ${quote('fr', p.key ?? '')} (ni en français, ni en anglais).`,
    translationFallback: (p) =>
      `La clé ${quote('fr', p.key ?? '')} n'est pas traduite en ${p.lang === 'fr' ? 'français' : 'anglais'} : le texte de l'autre langue est utilisé.`,
    badValue: (p) => `${quote('fr', p.helper ?? '')} attend ${expectedFr[String(p.expected)] ?? p.expected}, reçu ${p.value}.`,
    helperUsage: (p) => `${quote('fr', p.helper ?? '')} : ${p.detail}`,
    renderError: (p) => `Erreur pendant le rendu du modèle : ${p.detail}`,
    i18nSyntax: (p) => `Fichier de traductions illisible : ${p.detail}`,
    i18nBadValue: (p) =>
      `La clé ${quote('fr', p.key ?? '')} doit être un texte ou des formes de pluriel (one, other).`,
    i18nUnresolvedAlias: (p) => `L’alias ${quote('fr', p.alias ?? '')} ne renvoie à aucune ancre « & » définie plus haut dans ce fichier de traductions.`,
    i18nAliasBomb: (p) =>
      `Trop d’alias imbriqués (${quote('fr', p.alias ?? '')}) : ce fichier de traductions se déplierait en une quantité de données démesurée (au plus ${p.max} alias dépliés).`,
    builtinHint: (p) => `Modèle intégré à capa (${p.path}). Pour le modifier, copiez-le dans le kit : capa templates eject ${p.doc}`,
    didYouMean: (p) => `Vouliez-vous dire ${quote('fr', p.name ?? '')} ?`,
    placedBy: 'le modèle qui place ce texte',
    usageGet: 'deux arguments attendus : un objet et une clé',
    usageColor: 'la couleur doit être au format #RRGGBB',
  },
  en: {
    syntax: (p) => `Syntax error in the template: ${p.detail}`,
    missingField: (p) => `The field ${quote('en', p.field ?? '')} does not exist in this template's data.`,
    unknownHelper: (p) => `Unknown function ${quote('en', p.name ?? '')} in this template.`,
    missingPartial: (p) =>
      `Partial ${quote('en', p.name ?? '')} not found: neither in templates/${p.doc}/partials/ nor in templates/partials/ (kit or built-in).`,
    notFound: (p) => `Template ${quote('en', p.name ?? '')} not found: neither ${p.kitPath} in the kit nor among the built-in templates.`,
    missingTranslation: (p) => `No translation for the key ${quote('en', p.key ?? '')} (neither in French nor in English).`,
    translationFallback: (p) =>
      `The key ${quote('en', p.key ?? '')} has no ${p.lang === 'fr' ? 'French' : 'English'} translation: the other language's text is used.`,
    badValue: (p) => `${quote('en', p.helper ?? '')} expects ${expectedEn[String(p.expected)] ?? p.expected}, got ${p.value}.`,
    helperUsage: (p) => `${quote('en', p.helper ?? '')}: ${p.detail}`,
    renderError: (p) => `Error while rendering the template: ${p.detail}`,
    i18nSyntax: (p) => `Unreadable translation file: ${p.detail}`,
    i18nBadValue: (p) => `The key ${quote('en', p.key ?? '')} must be a text or plural forms (one, other).`,
    i18nUnresolvedAlias: (p) => `The alias ${quote('en', p.alias ?? '')} refers to no “&” anchor defined above it in this label file.`,
    i18nAliasBomb: (p) =>
      `Too many nested aliases (${quote('en', p.alias ?? '')}): this label file would expand into an unreasonable amount of data (at most ${p.max} aliases expanded).`,
    builtinHint: (p) => `Built-in capa template (${p.path}). To change it, copy it into the kit: capa templates eject ${p.doc}`,
    didYouMean: (p) => `Did you mean ${quote('en', p.name ?? '')}?`,
    placedBy: 'the template that places this text',
    usageGet: 'two arguments expected: an object and a key',
    usageColor: 'the colour must be written #RRGGBB',
  },
});

export type RenderMessageKey = Parameters<typeof renderMessage>[1];
export type { Lang, MessageParams };
