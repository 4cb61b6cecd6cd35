import { readFileSync } from 'node:fs';

/**
 * The headers `capa import people` recognises for each field, normalised (lower case, no accents, no
 * punctuation): what French and English registration forms and spreadsheets usually call their columns.
 * `email` is recognised so that it is not reported as unknown, and never written (see docs/import.md).
 */
const HEADERS = {
  name: ['nom complet', 'nom et prenom', 'prenom et nom', 'prenom nom', 'nom prenom', 'full name', 'name', 'participant', 'participante', 'identite'],
  first_name: ['prenom', 'first name', 'firstname', 'given name', 'forename'],
  last_name: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name'],
  organisation: ['structure', 'organisme', 'organisation', 'organization', 'collectivite', 'entreprise', 'etablissement', 'employeur', 'company', 'employer', 'territoire', 'territory', 'affiliation'],
  role: ['role', 'profil', 'categorie', 'type de participant', 'participant type', 'statut'],
  title: ['fonction', 'poste', 'titre', 'intitule du poste', 'job title', 'position', 'title', 'job'],
  email: ['courriel', 'e mail', 'email', 'mail', 'adresse mail', 'adresse e mail', 'adresse electronique', 'adresse courriel', 'email address', 'e mail address'],
  attends: ['sessions', 'sessions suivies', 'session', 'presence', 'participation', 'attends', 'sessions attended'],
  gender: ['genre', 'gender', 'civilite', 'sexe'],
  label: ['libelle', 'etiquette', 'label', 'mention badge'],
} as const;

export type PeopleField = keyof typeof HEADERS;

/** Optional text fields of a person copied as written, when the schema has them (`gender`, `label` may come later). */
export const TEXT_FIELDS = ['title', 'gender', 'label'] as const;

/** The recognised headers, restricted to the fields the kit format has (plus the name parts and e-mail). */
export function peopleHeaders(): Partial<Record<PeopleField, readonly string[]>> {
  const props = personProperties();
  const out: Partial<Record<PeopleField, readonly string[]>> = {};
  for (const [field, headers] of Object.entries(HEADERS) as Array<[PeopleField, readonly string[]]>) {
    if (['first_name', 'last_name', 'email'].includes(field) || props.includes(field)) out[field] = headers;
  }
  return out;
}

let props: string[] | undefined;

/** The keys of a person in the kit schema. */
export function personProperties(): string[] {
  if (!props) {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/capa.schema.json', import.meta.url), 'utf8')) as { $defs: { Person: { properties: Record<string, unknown> } } };
    props = Object.keys(schema.$defs.Person.properties);
  }
  return props;
}

/** Role values, as registration forms write them (normalised), for each role of the schema. */
export const ROLE_WORDS: Record<string, readonly string[]> = {
  elected: ['elected', 'elu', 'elue', 'elus', 'elu e', 'elected official', 'elu local', 'elue locale'],
  'project-lead': ['project lead', 'charge de mission', 'chargee de mission', 'charge e de mission', 'chef de projet', 'cheffe de projet'],
  'company-rep': ['company rep', 'entreprise', 'company', 'representant entreprise', 'representante entreprise'],
  'partner-rep': ['partner rep', 'partenaire', 'partner', 'partenaire national'],
  facilitator: ['facilitator', 'animateur', 'animatrice', 'animation'],
  staff: ['staff', 'equipe', 'organisateur', 'organisatrice', 'organisation'],
  observer: ['observer', 'observateur', 'observatrice', 'invite', 'invitee', 'guest'],
};

/** Role of a new person whose row gives none, from the type of their organisation. */
export const ROLE_OF_TYPE: Record<string, string> = {
  company: 'company-rep',
  'national-partner': 'partner-rep',
  facilitator: 'facilitator',
};

/** Cell values meaning "every session". */
export const ALL_SESSIONS = ['all', 'toutes', 'tout', 'toutes les sessions', 'all sessions', 'oui', 'yes'];
