import type { Kit, Person, Role } from '../kit/Kit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { textOn } from '../layout/core/units.js';
import type { DocumentContext } from './DocumentSpec.js';
import { imposedDocument, sheetSettings, type SheetSettings } from './imposedDocument.js';

/**
 * What the badges template (`templates/badges/main.hbs`) receives as `doc`: one badge per person, grouped by
 * organisation (alphabetically, then by name), with the role's colour band. Role words are `{{t "role" …}}`.
 */
export interface BadgesData {
  sheet: SheetSettings;
  badges: BadgeData[];
}

export interface BadgeData {
  person: Person;
  color: string;
  onColor: string;
  /** JSON pointers of the printed fields (`/people/4/name`), for text that does not fit. */
  source: { name: string; affiliation: string };
}

/**
 * One colour per role, told apart at arm's length (elected in deep red, facilitators in violet…). Fixed rather
 * than themed: a participant learns them once for every kit.
 */
export const ROLE_COLORS: Record<Role, string> = {
  elected: '#9B2335',
  'project-lead': '#1D4E89',
  'company-rep': '#C25E00',
  'partner-rep': '#2A7F62',
  facilitator: '#6A4C93',
  staff: '#4A5563',
  observer: '#7A6A53',
};

/** People in badge order: by organisation (or territory) name, then by name, in the kit's language. */
export function badgeOrder(kit: Kit): Person[] {
  const collator = new Intl.Collator(kit.lang, { sensitivity: 'base', numeric: true });
  return [...kit.people].sort((a, b) => collator.compare(a.affiliationName, b.affiliationName) || collator.compare(a.name, b.name));
}

export function badgesData(ctx: DocumentContext): BadgesData {
  const badges = badgeOrder(ctx.kit).map((person): BadgeData => {
    const color = ROLE_COLORS[person.role];
    const affiliation = person.organisation ?? person.territory;
    return {
      person,
      color,
      onColor: textOn(color),
      source: {
        name: toPointer([...person.path, 'name']),
        affiliation: affiliation ? toPointer([...affiliation.path, 'name']) : toPointer([...person.path, 'organisation']),
      },
    };
  });
  return { sheet: sheetSettings(ctx), badges };
}

/** `badges.pdf`: one name badge per person, 8-up on A4 with crop marks (README: the documents). */
export const badgesDocument = imposedDocument({ name: 'badges', data: badgesData });
