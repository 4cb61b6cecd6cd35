import { defineMessages } from '../report/messages.js';

/** Sentences of `capa templates list|eject` (its help texts are in cliMessages, loaded at every start). */
export const templatesMessages = defineMessages({
  fr: {
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
