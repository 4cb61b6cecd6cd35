import type { DocumentName } from '../defaults.js';
import type { Lang } from '../report/messages.js';
import type { DataPath } from './LoadedKit.js';

/**
 * The resolved kit: what every document and template receives.
 * Distinct from the written `KitFile`: ids are objects, defaults are applied, and every clock
 * time is computed here — no template or document recomputes a time.
 *
 * Conventions of this model:
 * - property names are camelCase (`endUsers`, `projectLead`, `followUp`); written snake_case keys map 1:1;
 * - clock times are **minutes since midnight** (`start: 570` is 09:30), durations are minutes;
 *   formatting is the templates' helpers' job;
 * - dates are ISO strings (`2027-05-12`) with `weekday` 1 = Monday … 7 = Sunday;
 * - every object keeps `path`, where it was written in the merged data, for `LoadedKit.locate`;
 * - the graph has back-references (a slot's `day`, a day's `session`…): do not JSON.stringify it.
 */
export interface Kit {
  id: string;
  title: string;
  subtitle?: string;
  /** Document language, `fr` by default. */
  lang: Lang;
  /** Language the kit's texts are written in (`kit.content_lang`, BCP 47), `lang` by default: tagged as `/Lang`. */
  contentLang: string;
  license?: string;
  organisers: Organisation[];
  theme: Theme;
  build: BuildSettings;
  /** `lint.rules` as written (rule id → level); unknown ids are reported by `checkMethod`. */
  lintRules: Record<string, RuleLevel>;
  territories: Territory[];
  organisations: Organisation[];
  people: Person[];
  useCases: UseCase[];
  threads: Thread[];
  /** Sorted by `number`. */
  challenges: Challenge[];
  workshops: Workshop[];
  /** Sorted by first day (sessions without days last, in written order). */
  sessions: Session[];
  followUp?: FollowUp;
  /** First and last dated day of the whole programme (visits and follow-up excluded). */
  firstDate?: string;
  lastDate?: string;
  /** Lookups by id. */
  byId: {
    territories: Map<string, Territory>;
    organisations: Map<string, Organisation>;
    people: Map<string, Person>;
    useCases: Map<string, UseCase>;
    threads: Map<string, Thread>;
    challenges: Map<string, Challenge>;
    workshops: Map<string, Workshop>;
    sessions: Map<string, Session>;
  };
}

export type RuleLevel = 'off' | 'warn' | 'error';

export interface Theme {
  primary: string;
  accent: string;
  /** Path inside the kit folder, as written. */
  logo?: string;
}

export interface BuildSettings {
  out: string;
  documents: DocumentName[];
  /** Bleed around cut documents, in millimetres. */
  bleed: number;
  duplexOffsetMm: { x: number; y: number };
}

export interface Located {
  path: DataPath;
}

export type TerritoryKind = 'port' | 'mountain' | 'industrial' | 'urban' | 'rural' | 'mixed';
export type OrganisationType = 'company' | 'national-partner' | 'facilitator' | 'other';
export type Role = 'elected' | 'project-lead' | 'company-rep' | 'partner-rep' | 'facilitator' | 'staff' | 'observer';
export type Gender = 'f' | 'm' | 'n';
export type SlotKind = 'workshop' | 'plenary' | 'informal' | 'meal' | 'break' | 'visit' | 'elected' | 'retro' | 'other';

export interface Territory extends Located {
  id: string;
  name: string;
  kind: TerritoryKind;
  population?: number;
  members: string[];
  elected?: Person;
  projectLead?: Person;
  /** People whose `organisation` is this territory. */
  people: Person[];
  useCases: UseCase[];
  /** Sessions this territory hosts. */
  hosted: Session[];
}

export interface Organisation extends Located {
  id: string;
  name: string;
  type: OrganisationType;
  people: Person[];
}

export interface Person extends Located {
  id: string;
  name: string;
  role: Role;
  title?: string;
  /** Grammatical gender of the role label (`f`, `m`, `n` epicene); `n` when the kit states none. */
  gender: Gender;
  /** The person's own label, printed instead of the role label. */
  label?: string;
  /** Exactly one of these is set when the reference resolves. */
  organisation?: Organisation;
  territory?: Territory;
  /** Name of the organisation or territory, for badges and sign-in sheets. */
  affiliationName: string;
  /** `all`, or the session ids written. */
  attends: 'all' | string[];
  /** The sessions this person attends, in programme order. */
  sessions: Session[];
}

export interface UseCase extends Located {
  id: string;
  territory?: Territory;
  title: string;
  endUsers: string[];
  summary?: string;
  problems: string[];
  data: string[];
  stakeholders: Organisation[];
  maturity?: number;
  /** Défis that name this use case. */
  challenges: Challenge[];
}

export interface Thread extends Located {
  id: string;
  title: string;
  color?: string;
  challenges: Challenge[];
}

export interface Challenge extends Located {
  id: string;
  number: number;
  thread?: Thread;
  title: string;
  question: string;
  prompts: string[];
  outputs: string[];
  useCases: UseCase[];
  workshops: Workshop[];
}

export interface Step extends Located {
  title: string;
  durationMinutes: number;
  instructions?: string;
}

export interface Workshop extends Located {
  id: string;
  title: string;
  /** `short_title`: what the day timeline prints when the title does not fit its bar. */
  shortTitle?: string;
  challenges: Challenge[];
  format?: string;
  facilitators: Person[];
  objectives: string[];
  materials: string[];
  steps: Step[];
  /** Sum of the steps' durations. */
  stepsMinutes: number;
  questions: string[];
  capture: { ideas: string[]; feedback: string[]; leads: string[]; wishes: string[]; photos: Photo[] };
  /** Every slot that runs this workshop, in programme order. */
  slots: Slot[];
}

/** A photo of a capture: `src` is relative to the kit folder (checked by checkAssets). */
export interface Photo {
  src: string;
  caption: string;
  credit?: string;
}

export interface Venue {
  name: string;
  address?: string;
}

export interface Session extends Located {
  id: string;
  title: string;
  host?: Territory;
  venue?: Venue;
  visit?: Visit;
  days: Day[];
  /** People attending (`attends: all` or naming this session). */
  participants: Person[];
  firstDate?: string;
  lastDate?: string;
  /** Start of the first day's first slot and end of the last day's last slot (minutes since midnight). */
  firstStart?: number;
  lastEnd?: number;
  /** Minutes of `workshop` slots over all days. */
  workshopMinutes: number;
  /** Position in `kit.sessions` (after sorting by first day). */
  index: number;
}

export interface Visit extends Located {
  date?: string;
  weekday?: number;
  title?: string;
  place?: string;
  start?: number;
  end?: number;
  durationMinutes?: number;
}

export interface FollowUp extends Located {
  date?: string;
  weekday?: number;
  title?: string;
  place?: string;
}

export interface Day extends Located {
  session: Session;
  /** Position in the session's `days`. */
  index: number;
  date?: string;
  weekday?: number;
  /** The day's written start (09:00 when missing). */
  start: number;
  /** Chronological: by start, then as written (`slot.index` keeps the written position). */
  slots: Slot[];
  /** Earliest slot start and latest slot end (the day's `start` for a day without slots). */
  firstStart: number;
  lastEnd: number;
  workshopMinutes: number;
  /** Rooms named by the day's slots, in order of first use. */
  rooms: string[];
  participants: Person[];
  /** Materials of the day's workshops, rolled up: one entry per material name, in order of first need. */
  materials: MaterialNeed[];
  /** The same per room (slots without a room are grouped under `room: undefined`). */
  roomPlans: RoomPlan[];
}

export interface MaterialNeed {
  name: string;
  /** How many slots of the day (or room) need it. */
  count: number;
  rooms: string[];
  workshops: Workshop[];
}

export interface RoomPlan {
  room?: string;
  slots: Slot[];
  materials: MaterialNeed[];
}

export interface Slot extends Located {
  day: Day;
  /** Position in the day's `slots` as written. */
  index: number;
  /** The written title, else the workshop's. */
  title: string;
  /** The written `short_title`, else the workshop's when the title is the workshop's. */
  shortTitle?: string;
  kind: SlotKind;
  workshop?: Workshop;
  room?: string;
  notes?: string;
  start: number;
  end: number;
  durationMinutes: number;
  /** Where the end came from — `steps` when neither `end` nor `duration` was written, `none` when nothing gave one. */
  endFrom: 'end' | 'duration' | 'steps' | 'none';
  /** Workshop facilitators, then the slot's own, without duplicates. */
  facilitators: Person[];
  /** The workshop's steps with clock times for this occurrence. */
  steps: TimedStep[];
}

export interface TimedStep {
  step: Step;
  index: number;
  title: string;
  durationMinutes: number;
  start: number;
  end: number;
}
