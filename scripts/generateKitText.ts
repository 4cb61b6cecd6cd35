/**
 * The wording `generateKit` draws from, in French and English. Invented names and sentences
 * (no real person or company); every step list fits in a 90-minute workshop slot.
 */
import type * as KF from '../src/kit/KitFile.js';

export interface Text {
  placeStart: string[]; placeEnd: string[]; groupings: string[];
  firstNames: string[]; lastNames: string[];
  electedTitles: string[]; leadTitles: string[]; repTitles: string[];
  partners: [string, string]; facilitatorOrg: string; companyKinds: string[]; companyNames: string[];
  useCaseVerbs: string[]; useCaseObjects: string[]; challengeVerbs: string[];
  endUsers: string[]; summaries: string[]; problems: string[]; data: string[];
  threadTitles: string[]; questions: string[]; prompts: string[]; outputs: string[];
  formats: Array<{ name: string; materials: string[] }>;
  objectives: string[]; workshopQuestions: string[]; ideas: string[]; leads: string[];
  steps: KF.Step[][];
  sessionTitles: string[]; venues: string[]; streets: string[]; places: string[];
  rooms: [string, string, string]; hall: string; restaurant: string; plenaryRoom: string;
  welcome: string; pause: string; lunch: string; elected: string; plenary: string; retro: string;
  visit: string; followUp: string; kitTitle: string; subtitle: string; generated: string;
  comments: { manifest: string; participants: string; useCases: string; challenges: string; workshops: string; sessions: string };
}

const fr: Text = {
  placeStart: ['Saint-', 'Val-', 'Mont-', 'Port-', 'Pont-', 'Bois-', 'Roche-', 'Champ-', 'Fontaine-', 'Ville-'],
  placeEnd: ['Éloi', 'Aubépine', 'Ormée', 'Hélène', 'Léger', 'Bréval', 'Amélie', 'Céré', 'Étang', 'Genêt', 'Noë', 'Sèvre'],
  groupings: ['Communauté de communes de', 'Communauté d’agglomération de', 'Pays de', 'Syndicat mixte de'],
  firstNames: ['Élodie', 'Jérôme', 'Anaïs', 'Benoît', 'Cécile', 'Grégoire', 'Hélène', 'Loïc', 'Maëlle', 'Noémie', 'Raphaël', 'Zoé'],
  lastNames: ['Lefèvre', 'Bérard', 'Château', 'Dupré', 'Fèvre', 'Gaudé', 'Lemaître', 'Mézière', 'Pelé', 'Rochère'],
  electedTitles: ['Vice-présidente chargée du numérique', 'Vice-président chargé des mobilités', 'Conseillère déléguée à l’innovation'],
  leadTitles: ['Chargé de mission territoire intelligent', 'Cheffe de projet données', 'Responsable du système d’information géographique'],
  repTitles: ['Responsable des projets territoriaux', 'Directrice de l’innovation', 'Ingénieur d’affaires secteur public'],
  partners: ['Réseau national des données publiques (fictif)', 'Agence de coopération territoriale (fictive)'],
  facilitatorOrg: 'Atelier Chronotope (fictif)',
  companyKinds: ['Énergies', 'Réseaux', 'Mobilités', 'Géodonnées', 'Télécoms', 'Ingénierie'],
  companyNames: ['du Littoral', 'Alpha', 'Horizon', 'Boréal', 'Océane', 'Ardoise'],
  useCaseVerbs: ['Fluidifier', 'Mieux partager', 'Anticiper', 'Cartographier', 'Simplifier', 'Mesurer'],
  useCaseObjects: ['l’accès au port des poids lourds', 'les données de l’éclairage public', 'la collecte des déchets verts',
    'les trajets domicile-travail', 'l’entretien des sentiers de randonnée', 'la consommation d’énergie des écoles',
    'l’information des riverains en cas de crue', 'la réservation des équipements sportifs'],
  challengeVerbs: ['Avoir', 'Construire', 'Imaginer', 'Organiser', 'Partager', 'Prioriser'],
  endUsers: ['chauffeurs routiers', 'riverains', 'agents techniques', 'élèves et parents', 'randonneurs', 'commerçants', 'personnes âgées'],
  summaries: ['Les données existent mais restent dispersées entre services et prestataires.',
    'Les usagers ne trouvent l’information qu’une fois sur place, souvent trop tard.',
    'Chaque commune tient son propre tableau, sans format commun ni mise à jour régulière.'],
  problems: ['Données éparpillées entre plusieurs gestionnaires', 'Aucun canal d’information direct vers les usagers',
    'Des relevés encore faits à la main, sur papier', 'Des contrats qui ne prévoient pas le partage des données'],
  data: ['comptages routiers', 'relevés de compteurs', 'plannings d’intervention', 'tracés GPS', 'signalements des habitants'],
  threadTitles: ['Gouvernance des données', 'Un outil commun de gestion des données', 'Partir de l’usager final', 'Réutiliser ce qui existe'],
  questions: ['Quel outil partagé pour que chaque métier verse et retrouve ses données ?',
    'Qui décide, et comment, de l’ouverture d’une donnée produite par un prestataire ?',
    'Que faudrait-il pour que l’usager final reçoive la bonne information au bon moment ?'],
  prompts: ['Qui alimente l’outil ?', 'Qui l’utilise, et pour quel usage final ?', 'Quelle règle d’accès aux données ?',
    'Que change-t-on dès la semaine prochaine ?', 'Quel coût, et qui le porte ?'],
  outputs: ['Schéma de principe de la plateforme', 'Carte des détenteurs de données', 'Parcours usager illustré', 'Trois pistes à prototyper'],
  formats: [
    { name: 'lego', materials: ['Boîtes de Lego', 'post-it', 'marqueurs', 'appareil photo'] },
    { name: 'world café', materials: ['nappes en papier', 'feutres', 'minuteur'] },
    { name: 'brainstorm', materials: ['post-it', 'tableau blanc', 'gommettes'] },
    { name: 'carte mentale', materials: ['grandes feuilles', 'feutres de couleur'] },
    { name: 'jeu de rôle', materials: ['cartes personnages', 'chronomètre', 'fiches scénario'] },
  ],
  objectives: ['Esquisser la gouvernance d’un comité des données', 'Identifier les usagers finaux et leurs besoins',
    'Repérer les données déjà disponibles', 'Choisir une piste à tester avant la prochaine session'],
  workshopQuestions: ['Qui siège au comité ?', 'Quelles règles d’accès aux données ?', 'Qu’attend l’usager, concrètement ?',
    'Qu’avons-nous appris des autres territoires ?'],
  ideas: ['Un registre partagé des jeux de données', 'Une charte d’échange entre communes', 'Un tableau de bord public'],
  leads: ['Tester le registre sur deux communes volontaires', 'Inscrire le partage des données dans les prochains marchés'],
  steps: [
    [{ title: 'Consigne', duration: 10, instructions: 'Présenter le défi, les règles du jeu et le temps imparti.' },
      { title: 'Construction en équipes', duration: '45min' }, { title: 'Présentation croisée', duration: 20 },
      { title: 'Synthèse', duration: 10 }],
    [{ title: 'Tour de table', duration: 15 }, { title: 'Production', duration: '1h' }, { title: 'Restitution', duration: 15 }],
    [{ title: 'Mise en situation', duration: '0h20' }, { title: 'Travail par table', duration: '40min' },
      { title: 'Changement de table', duration: 15 }, { title: 'Conclusions', duration: 10 }],
  ],
  sessionTitles: ['Comprendre les usages', 'Explorer les données', 'Construire des solutions', 'Décider de la suite'],
  venues: ['Maison des services', 'Salle des fêtes', 'Pôle culturel', 'Hôtel communautaire'],
  streets: ['rue de l’Église', 'quai Est', 'avenue des Écoles', 'place du Marché'],
  places: ['Terminal fret', 'Station d’épuration', 'Centre technique municipal', 'Déchèterie intercommunale'],
  rooms: ['Salle A', 'Salle B', 'Salle C'], hall: 'Hall d’accueil', restaurant: 'Restaurant', plenaryRoom: 'Salle plénière',
  welcome: 'Accueil café', pause: 'Pause', lunch: 'Déjeuner', elected: 'Temps d’échange avec les élus',
  plenary: 'Restitution en plénière', retro: 'Réinterroger le collectif', visit: 'Visite de terrain',
  followUp: 'Rencontre un an après', kitTitle: 'Expédition CAPAcities générée', subtitle: 'L’orientation usagers au cœur des cas d’usage',
  generated: 'Fichier produit par scripts/generateKit.ts (kit fictif, pour les tests et le banc d’essai).',
  comments: {
    manifest: 'Manifeste du kit : version, titre, thème et fichiers inclus.',
    participants: 'Territoires, organisations et personnes.',
    useCases: 'Cas d’usage d’un territoire.',
    challenges: 'Fils et défis.',
    workshops: 'Ateliers et leur déroulé.',
    sessions: 'Sessions : visite la veille, puis les journées et leurs créneaux.',
  },
};

const en: Text = {
  ...fr,
  groupings: ['Community of', 'Urban community of', 'Greater', 'Joint authority of'],
  electedTitles: ['Vice-president for digital affairs', 'Vice-president for mobility', 'Councillor for innovation'],
  leadTitles: ['Smart territory project officer', 'Data project lead', 'GIS manager'],
  repTitles: ['Head of public-sector projects', 'Innovation director', 'Public-sector account manager'],
  partners: ['National public data network (fictional)', 'Territorial cooperation agency (fictional)'],
  facilitatorOrg: 'Chronotope workshops (fictional)',
  companyKinds: ['Energy', 'Networks', 'Mobility', 'Geodata', 'Telecoms', 'Engineering'],
  companyNames: ['Coast', 'Alpha', 'Horizon', 'Boreal', 'Ocean', 'Slate'],
  useCaseVerbs: ['Ease', 'Share better', 'Anticipate', 'Map', 'Simplify', 'Measure'],
  useCaseObjects: ['truck access to the port', 'street lighting data', 'green waste collection', 'home-to-work journeys',
    'the upkeep of hiking trails', 'school energy use', 'flood warnings for residents', 'booking of sports facilities'],
  challengeVerbs: ['Have', 'Build', 'Imagine', 'Organise', 'Share', 'Prioritise'],
  endUsers: ['truck drivers', 'residents', 'field staff', 'pupils and parents', 'hikers', 'shopkeepers', 'older people'],
  summaries: ['The data exists but stays scattered across departments and contractors.',
    'Users only find the information once on site, often too late.',
    'Each town keeps its own spreadsheet, with no common format and no regular update.'],
  problems: ['Data scattered among several operators', 'No direct information channel to users', 'Readings still taken by hand, on paper',
    'Contracts that say nothing about sharing data'],
  data: ['traffic counts', 'meter readings', 'work schedules', 'GPS tracks', 'reports from residents'],
  threadTitles: ['Data governance', 'A shared data management tool', 'Start from the end user', 'Reuse what exists'],
  questions: ['Which shared tool lets every trade deposit and find its data?', 'Who decides, and how, to open data produced by a contractor?',
    'What would it take for the end user to get the right information at the right time?'],
  prompts: ['Who feeds the tool?', 'Who uses it, and for what end use?', 'Which rule for accessing the data?',
    'What do we change next week?', 'What does it cost, and who pays?'],
  outputs: ['Outline of the platform', 'Map of data holders', 'Illustrated user journey', 'Three leads to prototype'],
  formats: [
    { name: 'lego', materials: ['Lego boxes', 'sticky notes', 'markers', 'camera'] },
    { name: 'world café', materials: ['paper tablecloths', 'felt pens', 'timer'] },
    { name: 'brainstorm', materials: ['sticky notes', 'whiteboard', 'dot stickers'] },
    { name: 'mind map', materials: ['large sheets', 'coloured felt pens'] },
    { name: 'role play', materials: ['character cards', 'stopwatch', 'scenario sheets'] },
  ],
  objectives: ['Sketch the governance of a data committee', 'Identify the end users and their needs', 'Find the data already available',
    'Choose one lead to test before the next session'],
  workshopQuestions: ['Who sits on the committee?', 'Which rules for data access?', 'What does the user actually expect?',
    'What did we learn from the other territories?'],
  ideas: ['A shared register of datasets', 'A data exchange charter between towns', 'A public dashboard'],
  leads: ['Try the register in two volunteer towns', 'Write data sharing into the next contracts'],
  steps: [
    [{ title: 'Briefing', duration: 10, instructions: 'Present the challenge, the rules and the time available.' },
      { title: 'Team building', duration: '45min' }, { title: 'Cross presentations', duration: 20 }, { title: 'Wrap-up', duration: 10 }],
    [{ title: 'Round table', duration: 15 }, { title: 'Production', duration: '1h' }, { title: 'Report back', duration: 15 }],
    [{ title: 'Scenario', duration: '0h20' }, { title: 'Work at tables', duration: '40min' }, { title: 'Table swap', duration: 15 },
      { title: 'Conclusions', duration: 10 }],
  ],
  sessionTitles: ['Understand the uses', 'Explore the data', 'Build solutions', 'Decide what comes next'],
  venues: ['Service centre', 'Village hall', 'Cultural centre', 'Community headquarters'],
  streets: ['Church Street', 'East Quay', 'School Avenue', 'Market Square'],
  places: ['Freight terminal', 'Water treatment plant', 'Municipal depot', 'Recycling centre'],
  rooms: ['Room A', 'Room B', 'Room C'], hall: 'Entrance hall', restaurant: 'Restaurant', plenaryRoom: 'Plenary room',
  welcome: 'Welcome coffee', pause: 'Break', lunch: 'Lunch', elected: 'Exchange with elected members',
  plenary: 'Plenary report-back', retro: 'Ask the group', visit: 'Site visit',
  followUp: 'One year on', kitTitle: 'Generated CAPAcities expedition', subtitle: 'Putting users at the heart of use cases',
  generated: 'File written by scripts/generateKit.ts (fictional kit, for tests and the benchmark).',
  comments: {
    manifest: 'Kit manifest: version, title, theme and included files.',
    participants: 'Territories, organisations and people.',
    useCases: 'Use cases of one territory.',
    challenges: 'Threads and challenges.',
    workshops: 'Workshops and their steps.',
    sessions: 'Sessions: the visit the day before, then the days and their slots.',
  },
};

export const TEXT: Record<'fr' | 'en', Text> = { fr, en };
