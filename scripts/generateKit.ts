/**
 * A generator of realistic, valid kits of any size, for the benchmark and property tests.
 *
 *   npx tsx scripts/generateKit.ts --workshops 500 --out /tmp/kit500 [--seed 7] [--lang en] [--force]
 *
 * The kit follows every rule of the kit format and the checks (docs/kit-format.en.md, docs/diagnostics.md) (schema, references, schedule, method rules), so
 * `capa validate` on it reports nothing: any diagnostic it gets is a bug of capa or of this file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as KF from '../src/kit/KitFile.js';
import { emitYaml } from './emitYaml.js';
import { TEXT, type Text } from './generateKitText.js';

export interface GenerateKitOptions {
  /** How many workshops the kit holds (≥ 1); everything else is scaled from it. */
  workshops: number;
  /** Same seed, same text (default 1). */
  seed?: number;
  lang?: 'fr' | 'en';
}

/** A kit of `opts.workshops` workshops as YAML text per file name (relative to the kit folder). */
export function generateKit(opts: GenerateKitOptions): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { header, data }] of Object.entries(generateKitData(opts))) files[name] = header + emitYaml(data);
  return files;
}

/** One file of a generated kit before it is written as YAML: a comment header and its top-level keys. */
export interface GeneratedFile {
  header: string;
  data: Partial<KF.KitFile>;
}

/** The same kit as plain data per file (tests compare it with the YAML read back). */
export function generateKitData(opts: GenerateKitOptions): Record<string, GeneratedFile> {
  const n = Math.floor(opts.workshops);
  if (!Number.isFinite(n) || n < 1) throw new RangeError(`workshops must be a positive integer, got ${opts.workshops}`);
  const lang = opts.lang ?? 'fr';
  const g = generator(TEXT[lang], opts.seed ?? 1);
  const size = sizesFor(n);
  const people = participants(g, size);
  const content = useCasesAndChallenges(g, { size, territories: people.territories, companies: people.companies });
  const workshops = workshopsOf(g, { size, challenges: content.challenges, facilitators: people.facilitators });
  const programme = sessionsOf(g, { size, territories: people.territories, useCases: content.useCases, workshops, facilitators: people.facilitators });

  const t = g.t;
  // No `$schema` line: a generated kit lives anywhere, far from capa's schemas/ folder.
  const file = (comment: string, data: Partial<KF.KitFile>): GeneratedFile => ({ header: `# ${comment}\n# ${t.generated}\n\n`, data });
  const out: Record<string, GeneratedFile> = {
    'capa.yaml': file(t.comments.manifest, {
      capa: 1,
      kit: { id: `expedition-${n}-ateliers`, title: `${t.kitTitle} (${n})`, subtitle: t.subtitle, lang, license: 'CC-BY-NC-4.0', organisers: [PARTNERS[0], FACILITATOR_ORG] },
      theme: { primary: '#1D4E89', accent: '#A95E00' },
      include: ['participants.yaml', 'use-cases/*.yaml', 'challenges.yaml', 'workshops/*.yaml', 'sessions/*.yaml'],
      follow_up: { date: addMonths(programme.lastDate, 12), title: t.followUp, place: people.territories[0].members?.[0] },
    }),
    'participants.yaml': file(t.comments.participants, { territories: people.territories, organisations: people.organisations, people: people.people }),
  };
  for (const territory of people.territories) {
    out[`use-cases/${territory.id}.yaml`] = file(t.comments.useCases, { use_cases: content.useCases.filter((u) => u.territory === territory.id) });
  }
  out['challenges.yaml'] = file(t.comments.challenges, { threads: content.threads, challenges: content.challenges });
  // Several files, each well under the loader's size cap even for 5000 workshops; zero-padded so
  // that the include globs (sorted) keep the written order.
  const chunks = <T>(items: T[], per: number) => Array.from({ length: Math.ceil(items.length / per) }, (_, i) => [String(i + 1).padStart(3, '0'), items.slice(i * per, (i + 1) * per)] as const);
  for (const [k, part] of chunks(workshops, 200)) out[`workshops/ateliers-${k}.yaml`] = file(t.comments.workshops, { workshops: part });
  for (const [k, part] of chunks(programme.sessions, 20)) out[`sessions/sessions-${k}.yaml`] = file(t.comments.sessions, { sessions: part });
  return out;
}

/** The seeded random choices every stage draws from. */
interface Generator {
  t: Text;
  rand: () => number;
  pick<T>(items: readonly T[]): T;
  pickSome<T>(items: readonly T[], count: number): T[];
  personName(): string;
}

function generator(t: Text, seed: number): Generator {
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const pickSome = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
    return out;
  };
  return { t, rand, pick, pickSome, personName: () => `${pick(t.firstNames)} ${pick(t.lastNames)}` };
}

type Sizes = ReturnType<typeof sizesFor>;

/** How many of each thing a kit of `n` workshops holds. */
function sizesFor(n: number) {
  // ≈ 6 workshops a day, 3 days a session, sessions hosted in turn by the territories.
  const days = Math.ceil(n / WORKSHOPS_PER_DAY);
  const sessions = Math.ceil(days / DAYS_PER_SESSION);
  const territories = Math.max(3, Math.ceil(sessions / 3));
  const challenges = Math.max(1, Math.round(n / 5));
  return {
    workshops: n, days, sessions, territories, challenges,
    companies: Math.max(2, Math.ceil(n / 100)),
    // Parallel workshops take 2 facilitators each, all distinct within a time slot: a multiple of 6.
    facilitators: 6 * Math.max(1, Math.ceil(n / 300)),
    threads: Math.max(2, Math.ceil(challenges / 10)),
    useCases: Math.max(territories, Math.ceil(n / 10)),
    sessionIds: Array.from({ length: sessions }, (_, i) => `session-${i + 1}`),
  };
}

const PARTNERS = ['reseau-national-donnees', 'agence-cooperation'] as const;
const FACILITATOR_ORG = 'atelier-chronotope';

/** Territories (each with its binôme), partners, companies with their resource person, facilitators. */
function participants(g: Generator, size: Sizes) {
  const { t, rand, pick, pickSome, personName } = g;
  const kinds = pickSome(TERRITORY_KINDS, TERRITORY_KINDS.length);
  const territories: KF.Territory[] = [];
  const people: KF.Person[] = [];
  for (let i = 0; i < size.territories; i++) {
    const place = `${pick(t.placeStart)}${pick(t.placeEnd)}`;
    const id = `${slug(place)}-${i + 1}`;
    // Territory people come to the sessions their territory hosts.
    const hosted = size.sessionIds.filter((_, s) => s % size.territories === i);
    const attends: KF.Person['attends'] = hosted.length > 0 ? hosted : 'all';
    const [elected, lead] = [`elu-${id}`, `charge-mission-${id}`];
    people.push(
      { id: elected, name: personName(), organisation: id, role: 'elected', title: pick(t.electedTitles), attends },
      { id: lead, name: personName(), organisation: id, role: 'project-lead', title: pick(t.leadTitles), attends },
    );
    territories.push({
      id, name: `${pick(t.groupings)} ${place}`, kind: kinds[i % kinds.length],
      population: 50_000 + Math.round(rand() * 1500) * 100,
      members: [place, ...pickSome(t.placeEnd, 2 + Math.floor(rand() * 3)).map((e) => `${pick(t.placeStart)}${e}`)],
      elected, project_lead: lead,
    });
  }

  const organisations: KF.Organisation[] = [
    { id: PARTNERS[0], name: t.partners[0], type: 'national-partner' },
    { id: PARTNERS[1], name: t.partners[1], type: 'national-partner' },
    { id: FACILITATOR_ORG, name: t.facilitatorOrg, type: 'facilitator' },
  ];
  people.push(
    { id: 'referent-reseau', name: personName(), organisation: PARTNERS[0], role: 'partner-rep', attends: 'all' },
    { id: 'referente-agence', name: personName(), organisation: PARTNERS[1], role: 'partner-rep', attends: 'all' },
  );
  const companies: string[] = [];
  for (let i = 0; i < size.companies; i++) {
    const kind = t.companyKinds[i % t.companyKinds.length];
    const id = `${slug(kind)}-${i + 1}`;
    companies.push(id);
    organisations.push({ id, name: `${kind} ${pick(t.companyNames)}`, type: 'company' });
    // One resource person follows every session (`same-person`); some bring a colleague once.
    people.push({ id: `rep-${id}`, name: personName(), organisation: id, role: 'company-rep', title: pick(t.repTitles), attends: 'all' });
    if (i % 3 === 2) people.push({ id: `observateur-${id}`, name: personName(), organisation: id, role: 'observer', attends: [size.sessionIds[i % size.sessions]] });
  }
  const facilitators = Array.from({ length: size.facilitators }, (_, i) => `animateur-${i + 1}`);
  for (const id of facilitators) people.push({ id, name: personName(), organisation: FACILITATOR_ORG, role: 'facilitator', attends: 'all' });
  return { territories, organisations, people, companies, facilitators };
}

/** Use cases (each with end users) spread over the territories, threads, and numbered défis. */
function useCasesAndChallenges(g: Generator, o: { size: Sizes; territories: KF.Territory[]; companies: string[] }) {
  const { t, rand, pick, pickSome } = g;
  const { size } = o;
  const useCases: KF.UseCase[] = Array.from({ length: size.useCases }, (_, i) => {
    const title = `${pick(t.useCaseVerbs)} ${pick(t.useCaseObjects)}`;
    return {
      id: `${slug(title).split('-').slice(0, 5).join('-')}-${i + 1}`,
      territory: o.territories[i % size.territories].id,
      title,
      end_users: pickSome(t.endUsers, 2 + Math.floor(rand() * 2)),
      summary: `${pickSome(t.summaries, 2).join('\n')}\n`,
      problems: pickSome(t.problems, 2),
      data: pickSome(t.data, 2 + Math.floor(rand() * 2)),
      stakeholders: pickSome(o.companies, Math.min(o.companies.length, 1 + Math.floor(rand() * 2))),
      maturity: 1 + Math.floor(rand() * 5),
    };
  });
  // No colour: threads take the default palette, which keeps them apart (more threads than it holds repeat it).
  const threads: KF.Thread[] = Array.from({ length: size.threads }, (_, i) => ({
    id: `fil-${i + 1}`, title: `${pick(t.threadTitles)} (${i + 1})`,
  }));
  const challenges: KF.Challenge[] = Array.from({ length: size.challenges }, (_, i) => {
    const title = `${pick(t.challengeVerbs)} ${pick(t.useCaseObjects)}`;
    const linked = new Set([useCases[i % size.useCases].id, useCases[(i * 7 + 3) % size.useCases].id]);
    return {
      id: `defi-${i + 1}-${slug(title).split('-').slice(0, 3).join('-')}`,
      number: i + 1, thread: threads[i % size.threads].id, title,
      question: pick(t.questions), prompts: pickSome(t.prompts, 3), outputs: pickSome(t.outputs, 2), use_cases: [...linked],
    };
  });
  return { useCases, threads, challenges };
}

/** The workshops, each on one défi, with two facilitators none of the parallel workshops shares. */
function workshopsOf(g: Generator, o: { size: Sizes; challenges: KF.Challenge[]; facilitators: string[] }): KF.Workshop[] {
  const { t, rand, pick, pickSome } = g;
  const f = o.facilitators;
  return Array.from({ length: o.size.workshops }, (_, i) => {
    const format = pick(t.formats);
    const challenge = o.challenges[i % o.challenges.length];
    // Workshop i runs in round ⌊i/3⌋ (three parallel rooms) and takes facilitators 6·round + 2·room
    // and the next one: distinct within a round since the pool is a multiple of 6.
    const first = Math.floor(i / 3) * 6 + (i % 3) * 2;
    const w: KF.Workshop = {
      id: `atelier-${i + 1}-${slug(format.name)}`,
      title: `${format.name[0].toUpperCase()}${format.name.slice(1)} : ${challenge.title.toLowerCase()}`,
      challenges: [challenge.id], format: format.name,
      facilitators: [f[first % f.length], f[(first + 1) % f.length]],
      objectives: pickSome(t.objectives, 2), materials: pickSome(format.materials, 2 + Math.floor(rand() * 2)),
      steps: pick(t.steps), questions: pickSome(t.workshopQuestions, 2),
    };
    if (i % 4 === 0) w.capture = { ideas: pickSome(t.ideas, 2), feedback: [], leads: pickSome(t.leads, 1), wishes: [] };
    return w;
  });
}

/** Sessions of three consecutive days (Tuesday–Thursday), each after a site visit on the Monday. */
function sessionsOf(g: Generator, o: { size: Sizes; territories: KF.Territory[]; useCases: KF.UseCase[]; workshops: KF.Workshop[]; facilitators: string[] }) {
  const { t, rand, pick } = g;
  const { size } = o;
  const sessions: KF.Session[] = [];
  // A real expedition spaces its few sessions by weeks; big generated kits go weekly.
  const spacing = size.sessions > 8 ? 7 : 42;
  let lastDate = FIRST_DAY;
  for (let s = 0; s < size.sessions; s++) {
    const host = o.territories[s % size.territories];
    const town = host.members?.[0] ?? host.name;
    const first = addDays(FIRST_DAY, s * spacing);
    const useCase = o.useCases[s % size.territories];
    const days: KF.Day[] = [];
    for (let d = 0; d < DAYS_PER_SESSION; d++) {
      const dayIndex = s * DAYS_PER_SESSION + d;
      if (dayIndex >= size.days) break;
      lastDate = addDays(first, d);
      const ids = o.workshops.slice(dayIndex * WORKSHOPS_PER_DAY, (dayIndex + 1) * WORKSHOPS_PER_DAY).map((w) => w.id);
      days.push({ date: lastDate, start: '08:30', slots: daySlots(ids, t, o.facilitators[dayIndex % o.facilitators.length]) });
    }
    sessions.push({
      id: size.sessionIds[s], title: `${pick(t.sessionTitles)} — ${town}`, host: host.id,
      venue: { name: `${pick(t.venues)} de ${town}`, address: `${1 + Math.floor(rand() * 80)} ${pick(t.streets)}, ${10_000 + Math.floor(rand() * 85_000)} ${town}` },
      visit: { date: addDays(first, -1), start: '16:00', duration: pick(['2h', '2h30', 150, '1h45']), title: `${t.visit} : ${useCase.title.toLowerCase()}`, place: pick(t.places) },
      days,
    });
  }
  return { sessions, lastDate };
}

const WORKSHOPS_PER_DAY = 6;
const DAYS_PER_SESSION = 3;
/** A Tuesday: sessions run Tuesday to Thursday, the visit on Monday. */
const FIRST_DAY = '2027-03-09';
const TERRITORY_KINDS = ['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed'] as const;
/**
 * One day: welcome, two rounds of three parallel workshops (distinct rooms and facilitators),
 * lunch, time with the elected members, a plenary led by `host` and the closing retro. Workshops
 * last 1h30 and every step list fits in 90 minutes.
 */
function daySlots(workshopIds: string[], t: Text, host: string): KF.Slot[] {
  const rooms = t.rooms;
  const round = (ids: string[], start: string): KF.Slot[] =>
    ids.map((workshop, k) => (k === 0 ? { workshop, duration: '1h30', room: rooms[k] } : { workshop, start, duration: 90, room: rooms[k] }));
  return [
    { title: t.welcome, kind: 'informal', duration: 30, room: t.hall },
    ...round(workshopIds.slice(0, 3), '09:00'),
    { title: t.pause, kind: 'break', start: '10:30', duration: 15, room: t.hall },
    ...round(workshopIds.slice(3, 6), '10:45'),
    { title: t.lunch, kind: 'meal', start: '12:30', end: '14:00', room: t.restaurant },
    { title: t.elected, kind: 'elected', duration: 45, room: t.plenaryRoom },
    { title: t.plenary, kind: 'plenary', duration: '45min', room: t.plenaryRoom, facilitators: [host] },
    { title: t.retro, kind: 'retro', duration: 30, room: t.plenaryRoom },
  ];
}

// ---- small helpers ---------------------------------------------------------------------------

/** A tiny seeded PRNG (mulberry32): the same seed gives the same kit on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** « Saint-Éloi-sur-Mer » → « saint-eloi-sur-mer ». */
function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The same day `months` later, clamped to the month's last day. */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

// ---- CLI -------------------------------------------------------------------------------------

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const workshops = Number(arg('workshops'));
  const out = arg('out');
  const lang = arg('lang') ?? 'fr';
  const seed = arg('seed') === undefined ? undefined : Number(arg('seed'));
  if (!Number.isInteger(workshops) || workshops < 1 || !out || (lang !== 'fr' && lang !== 'en') || (seed !== undefined && !Number.isInteger(seed))) {
    process.stderr.write('usage: npx tsx scripts/generateKit.ts --workshops <n> --out <dir> [--seed <n>] [--lang fr|en] [--force]\n');
    return 2;
  }
  if (existsSync(path.join(out, 'capa.yaml')) && !argv.includes('--force')) {
    process.stderr.write(`${out} already holds a kit (capa.yaml): pass --force to overwrite it\n`);
    return 2;
  }
  const files = generateKit({ workshops, seed, lang });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    writeFileSync(path.join(out, name), text);
  }
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  process.stdout.write(`${Object.keys(files).length} files, ${(bytes / 1024).toFixed(0)} KiB, ${workshops} workshops → ${out}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
