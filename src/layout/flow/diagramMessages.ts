import { defineMessages } from '../../report/messages.js';

/** Messages of `<diagram>` (layoutDiagram.ts), kept next to it. */
export const diagramMessage = defineMessages({
  fr: {
    duplicateNode: 'Le nœud {id} apparaît deux fois dans le schéma : chaque <node id> doit être unique.',
    unknownNode: 'Le lien vise un nœud {id} absent du schéma (nœuds : {known}).',
    sameColumn: 'Le lien {from} → {to} relie deux nœuds d’une même colonne : un lien va d’une colonne à une autre.',
  },
  en: {
    duplicateNode: 'Node {id} appears twice in the diagram: each <node id> must be unique.',
    unknownNode: 'The edge points at a node {id} that is not in the diagram (nodes: {known}).',
    sameColumn: 'Edge {from} → {to} joins two nodes of one column: an edge goes from one column to another.',
  },
});
