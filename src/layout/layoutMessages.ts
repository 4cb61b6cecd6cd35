import { defineMessages } from '../report/messages.js';

/** Messages of the markup checker and the layout engine. */
export const layoutMessage = defineMessages({
  fr: {
    unknownElement: 'Élément inconnu <{name}> dans le balisage du modèle.',
    unknownElementHint: 'Éléments possibles ici : {list}.',
    unknownAttribute: 'Attribut inconnu {attr} sur <{name}>.',
    unknownAttributeHint: 'Attributs possibles : {list}.',
    noAttributes: '<{name}> n’accepte aucun attribut.',
    badValue: 'Valeur {value} invalide pour l’attribut {attr} de <{name}> : {expected} attendu.',
    missingAttribute: 'Attribut {attr} obligatoire sur <{name}>.',
    misplaced: '<{name}> ne peut pas se trouver dans <{parent}>.',
    misplacedText: 'Texte {text} non permis directement dans <{parent}>.',
    unclosed: 'Balise <{name}> jamais fermée.',
    unknownEntity: 'Entité {entity} inconnue : écrivez le caractère lui-même ou sa forme numérique (&#160;).',
    noDocument: 'Le balisage doit avoir un seul élément racine <document>.',
    rowTooTall: 'Une ligne de tableau est plus haute qu’une page ({height} mm pour {avail} mm disponibles) : raccourcissez son texte.',
    blockTooTall: 'Un bloc insécable <{name}> est plus haut qu’une page ({height} mm pour {avail} mm disponibles).',
    assetMissing: 'Image {src} introuvable parmi les ressources du kit.',
    assetBadFormat: 'Image {src} : seuls les formats PNG et JPEG sont acceptés.',
    timelineRange: 'La frise va de {start} à {end} : la fin doit suivre le début.',
    barOutside: 'La barre ({start}–{end}) sort de la frise ({from}–{to}) ou finit avant de commencer.',
  },
  en: {
    unknownElement: 'Unknown element <{name}> in the template markup.',
    unknownElementHint: 'Elements allowed here: {list}.',
    unknownAttribute: 'Unknown attribute {attr} on <{name}>.',
    unknownAttributeHint: 'Allowed attributes: {list}.',
    noAttributes: '<{name}> takes no attributes.',
    badValue: 'Invalid value {value} for attribute {attr} of <{name}>: expected {expected}.',
    missingAttribute: 'Attribute {attr} is required on <{name}>.',
    misplaced: '<{name}> cannot appear inside <{parent}>.',
    misplacedText: 'Text {text} is not allowed directly inside <{parent}>.',
    unclosed: 'Tag <{name}> is never closed.',
    unknownEntity: 'Unknown entity {entity}: write the character itself or its numeric form (&#160;).',
    noDocument: 'The markup must have a single root element <document>.',
    rowTooTall: 'A table row is taller than a page ({height} mm for {avail} mm available): shorten its text.',
    blockTooTall: 'An unbreakable <{name}> block is taller than a page ({height} mm for {avail} mm available).',
    assetMissing: 'Image {src} not found among the kit assets.',
    assetBadFormat: 'Image {src}: only PNG and JPEG are accepted.',
    timelineRange: 'The timeline runs from {start} to {end}: the end must come after the start.',
    barOutside: 'The bar ({start}–{end}) leaves the timeline ({from}–{to}) or ends before it starts.',
  },
});

/** What each attribute kind expects, for `badValue`. */
export const expectedMessage = defineMessages({
  fr: {
    length: 'une longueur (ex. 5mm, 1.5cm, 12pt)',
    width: 'une largeur (ex. 30%, 40mm, *)',
    color: 'une couleur hexadécimale (ex. #1D4E89)',
    bool: 'true ou false',
    number: 'un nombre {range}',
    enum: 'l’une des valeurs {list}',
    margins: '1 à 4 longueurs séparées par des espaces (haut droite bas gauche)',
    text: 'un texte',
  },
  en: {
    length: 'a length (e.g. 5mm, 1.5cm, 12pt)',
    width: 'a width (e.g. 30%, 40mm, *)',
    color: 'a hex colour (e.g. #1D4E89)',
    bool: 'true or false',
    number: 'a number {range}',
    enum: 'one of {list}',
    margins: '1 to 4 lengths separated by spaces (top right bottom left)',
    text: 'a text',
  },
});
