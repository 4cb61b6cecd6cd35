import { defineMessages } from '../report/messages.js';

/** Sentences of `capa templates list|eject`. */
export const templatesMessages = defineMessages({
  fr: {
    description: 'les modèles (Handlebars) des documents : lesquels le kit utilise, et leur copie pour les personnaliser',
    listDescription: 'montre chaque modèle, partiel et fichier de libellés utilisé, et s’il vient du kit (personnalisé) ou de capa (intégré)',
    ejectDescription: 'copie des modèles intégrés dans templates/ du kit pour les personnaliser (un nom de document copie tous ses fichiers ; sans nom : tout) ; un fichier déjà dans le kit n’est remplacé qu’avec --force',
    forceOption: 'remplace les fichiers déjà copiés dans le kit (vos modifications sont perdues)',
    kitOption: 'dossier du kit',
    namesArgument: 'modèles à copier : agenda, agenda/main, agenda/partials/day, partials/…, i18n/fr',
    kit: 'kit',
    builtin: 'intégré',
    copied: '✓ copié {file}',
    replaced: '✓ remplacé {file}',
    exists: (p) => `${Number(p.n) > 1 ? 'ces fichiers sont' : 'ce fichier est'} déjà dans le kit, rien n’a été copié :\n${p.files}\nrelancez avec --force pour ${Number(p.n) > 1 ? 'les' : 'le'} remplacer par ${Number(p.n) > 1 ? 'les modèles intégrés' : 'le modèle intégré'}, ou nommez seulement les modèles à copier`,
    summary: (p) => `${p.n} fichier${Number(p.n) > 1 ? 's' : ''} copié${Number(p.n) > 1 ? 's' : ''} dans ${p.dir} : modifiez-${Number(p.n) > 1 ? 'les' : 'le'}, capa build ${Number(p.n) > 1 ? 'les ' : 'l’'}utilisera`,
    unknown: 'modèle {name} inconnu{suggestion} ; voir « capa templates list »',
    didYouMean: ' (vouliez-vous dire {name} ?)',
  },
  en: {
    description: 'the (Handlebars) templates of the documents: which ones the kit uses, and copies to customise',
    listDescription: 'shows every template, partial and label file in use, and whether it comes from the kit (customised) or from capa (built-in)',
    ejectDescription: 'copies built-in templates into the kit’s templates/ to customise them (a document name copies all its files; no name: everything); a file already in the kit is replaced only with --force',
    forceOption: 'replaces files already copied into the kit (your changes are lost)',
    kitOption: 'kit folder',
    namesArgument: 'templates to copy: agenda, agenda/main, agenda/partials/day, partials/…, i18n/fr',
    kit: 'kit',
    builtin: 'built-in',
    copied: '✓ copied {file}',
    replaced: '✓ replaced {file}',
    exists: (p) => `already in the kit, nothing was copied:\n${p.files}\nrun again with --force to replace ${Number(p.n) > 1 ? 'them' : 'it'} with the built-in version, or name only the templates to copy`,
    summary: (p) => `${p.n} file${Number(p.n) === 1 ? '' : 's'} copied to ${p.dir}: edit ${Number(p.n) === 1 ? 'it' : 'them'}, capa build will use ${Number(p.n) === 1 ? 'it' : 'them'}`,
    unknown: 'unknown template {name}{suggestion}; see “capa templates list”',
    didYouMean: ' (did you mean {name}?)',
  },
});
