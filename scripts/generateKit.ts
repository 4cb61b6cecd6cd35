/**
 * A generator of realistic, valid kits of any size, for the benchmark and property tests.
 *
 *   npx tsx scripts/generateKit.ts --workshops 500 --out /tmp/kit500 [--seed 7] [--lang en] [--force]
 *
 * The kit follows every rule of DESIGN §1 and §4 (schema, references, schedule, method rules), so
 * `capa validate` on it reports nothing: any diagnostic it gets is a bug of capa or of this file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as KF from '../src/kit/KitFile.js';
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

/** The same kit as plain data per file, before it is written as YAML (tests compare the two). */
export function generateKitData(opts: GenerateKitOptions): Record<string, { header: string; data: Partial<KF.KitFile> }> {
  const n = Math.floor(opts.workshops);
  if (!Number.isFinite(n) || n < 1) throw new RangeError(`workshops must be a positive integer, got ${opts.workshops}`);
  const lang = opts.lang ?? 'fr';
  const t = TEXT[lang];
  const rand = mulberry32(opts.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const pickSome = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
    return out;
  };

  // Scale: ≈ 6 workshops a day, 3 days a session, sessions hosted in turn by the territories.
  const dayCount = Math.ceil(n / WORKSHOPS_PER_DAY);
  const sessionCount = Math.ceil(dayCount / DAYS_PER_SESSION);
  const territoryCount = Math.max(3, Math.ceil(sessionCount / 3));
  const companyCount = Math.max(2, Math.ceil(n / 100));
  // Parallel workshops take 2 facilitators each, all distinct within a time slot: a multiple of 6.
  const facilitatorCount = 6 * Math.max(1, Math.ceil(n / 300));
  const challengeCount = Math.max(1, Math.round(n / 5));
  const threadCount = Math.max(2, Math.ceil(challengeCount / 10));
  const useCaseCount = Math.max(territoryCount, Math.ceil(n / 10));

  const sessionIds = Array.from({ length: sessionCount }, (_, i) => `session-${i + 1}`);
  const kinds = pickSome(TERRITORY_KINDS, TERRITORY_KINDS.length);
  const territories: KF.Territory[] = [];
  const people: KF.Person[] = [];
  for (let i = 0; i < territoryCount; i++) {
    const place = `${pick(t.placeStart)}${pick(t.placeEnd)}`;
    const id = `${slug(place)}-${i + 1}`;
    const hosted = sessionIds.filter((_, s) => s % territoryCount === i);
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
    { id: 'reseau-national-donnees', name: t.partners[0], type: 'national-partner' },
    { id: 'agence-cooperation', name: t.partners[1], type: 'national-partner' },
    { id: 'atelier-chronotope', name: t.facilitatorOrg, type: 'facilitator' },
  ];
  people.push(
    { id: 'referent-reseau', name: personName(), organisation: 'reseau-national-donnees', role: 'partner-rep', attends: 'all' },
    { id: 'referente-agence', name: personName(), organisation: 'agence-cooperation', role: 'partner-rep', attends: 'all' },
  );
  const companies: string[] = [];
  for (let i = 0; i < companyCount; i++) {
    const id = `${slug(t.companyKinds[i % t.companyKinds.length])}-${i + 1}`;
    companies.push(id);
    organisations.push({ id, name: `${t.companyKinds[i % t.companyKinds.length]} ${pick(t.companyNames)}`, type: 'company' });
    // One resource person follows every session (`same-person`); some bring a colleague once.
    people.push({ id: `rep-${id}`, name: personName(), organisation: id, role: 'company-rep', title: pick(t.repTitles), attends: 'all' });
    if (i % 3 === 2) people.push({ id: `observateur-${id}`, name: personName(), organisation: id, role: 'observer', attends: [sessionIds[i % sessionCount]] });
  }
  const facilitators = Array.from({ length: facilitatorCount }, (_, i) => `animateur-${i + 1}`);
  for (const id of facilitators) people.push({ id, name: personName(), organisation: 'atelier-chronotope', role: 'facilitator', attends: 'all' });

  const useCases: KF.UseCase[] = Array.from({ length: useCaseCount }, (_, i) => {
    const title = `${pick(t.useCaseVerbs)} ${pick(t.useCaseObjects)}`;
    return {
      id: `${slug(title).split('-').slice(0, 5).join('-')}-${i + 1}`,
      territory: territories[i % territoryCount].id,
      title,
      end_users: pickSome(t.endUsers, 2 + Math.floor(rand() * 2)),
      summary: `${pickSome(t.summaries, 2).join('\n')}\n`,
      problems: pickSome(t.problems, 2),
      data: pickSome(t.data, 2 + Math.floor(rand() * 2)),
      stakeholders: pickSome(companies, Math.min(companies.length, 1 + Math.floor(rand() * 2))),
      maturity: 1 + Math.floor(rand() * 5),
    };
  });

  const threads: KF.Thread[] = Array.from({ length: threadCount }, (_, i) => ({
    id: `fil-${i + 1}`, title: `${pick(t.threadTitles)} (${i + 1})`, color: PALETTE[i % PALETTE.length],
  }));
  const challenges: KF.Challenge[] = Array.from({ length: challengeCount }, (_, i) => {
    const title = `${pick(t.challengeVerbs)} ${pick(t.useCaseObjects)}`;
    const linked = new Set([useCases[i % useCaseCount].id, useCases[(i * 7 + 3) % useCaseCount].id]);
    return {
      id: `defi-${i + 1}-${slug(title).split('-').slice(0, 3).join('-')}`,
      number: i + 1, thread: threads[i % threadCount].id, title,
      question: pick(t.questions), prompts: pickSome(t.prompts, 3), outputs: pickSome(t.outputs, 2), use_cases: [...linked],
    };
  });

  const workshops: KF.Workshop[] = Array.from({ length: n }, (_, i) => {
    const format = pick(t.formats);
    const challenge = challenges[i % challengeCount];
    // Workshop i runs in time slot ⌊i/3⌋ of its day, in room i mod 3: the three share no facilitator.
    const base = Math.floor(i / 3) * 6 + (i % 3) * 2;
    const w: KF.Workshop = {
      id: `atelier-${i + 1}-${slug(format.name)}`,
      title: `${format.name[0].toUpperCase()}${format.name.slice(1)} : ${challenge.title.toLowerCase()}`,
      challenges: [challenge.id], format: format.name,
      facilitators: [facilitators[base % facilitatorCount], facilitators[(base + 1) % facilitatorCount]],
      objectives: pickSome(t.objectives, 2), materials: pickSome(format.materials, 2 + Math.floor(rand() * 2)),
      steps: pick(t.steps), questions: pickSome(t.workshopQuestions, 2),
    };
    if (i % 4 === 0) w.capture = { ideas: pickSome(t.ideas, 2), feedback: [], leads: pickSome(t.leads, 1), wishes: [] };
    return w;
  });

  const sessions: KF.Session[] = [];
  const spacing = sessionCount > 8 ? 7 : 42;
  let lastDate = FIRST_DAY;
  for (let s = 0; s < sessionCount; s++) {
    const host = territories[s % territoryCount];
    const first = addDays(FIRST_DAY, s * spacing);
    const useCase = useCases[s % territoryCount];
    const days: KF.Day[] = [];
    for (let d = 0; d < DAYS_PER_SESSION; d++) {
      const dayIndex = s * DAYS_PER_SESSION + d;
      if (dayIndex >= dayCount) break;
      lastDate = addDays(first, d);
      const ids = workshops.slice(dayIndex * WORKSHOPS_PER_DAY, (dayIndex + 1) * WORKSHOPS_PER_DAY).map((w) => w.id);
      days.push({ date: lastDate, start: '08:30', slots: daySlots(ids, t, facilitators[dayIndex % facilitatorCount]) });
    }
    sessions.push({
      id: sessionIds[s], title: `${pick(t.sessionTitles)} — ${host.members?.[0] ?? host.name}`, host: host.id,
      venue: { name: `${pick(t.venues)} de ${host.members?.[0] ?? host.name}`, address: `${1 + Math.floor(rand() * 80)} ${pick(t.streets)}, ${10_000 + Math.floor(rand() * 85_000)} ${host.members?.[0] ?? ''}` },
      visit: { date: addDays(first, -1), start: '16:00', duration: pick(['2h', '2h30', 150, '1h45']), title: `${t.visit} : ${useCase.title.toLowerCase()}`, place: pick(t.places) },
      days,
    });
  }

  // No `$schema` line: a generated kit lives anywhere, far from capa's schemas/ folder.
  const header = (comment: string) => `# ${comment}\n# ${t.generated}\n\n`;
  const out: Record<string, { header: string; data: Partial<KF.KitFile> }> = {};
  const chunked = (prefix: string, size: number, key: 'workshops' | 'sessions', items: KF.Workshop[] | KF.Session[]) => {
    for (let i = 0; i * size < items.length; i++) {
      out[`${prefix}-${String(i + 1).padStart(3, '0')}.yaml`] = {
        header: header(t.comments[key]),
        data: { [key]: items.slice(i * size, (i + 1) * size) },
      };
    }
  };
  out['capa.yaml'] = {
    header: header(t.comments.manifest),
    data: {
      capa: 1,
      kit: { id: `expedition-${n}-ateliers`, title: `${t.kitTitle} (${n})`, subtitle: t.subtitle, lang, license: 'CC-BY-NC-4.0', organisers: ['reseau-national-donnees', 'atelier-chronotope'] },
      theme: { primary: '#1D4E89', accent: '#F4A259' },
      include: ['participants.yaml', 'use-cases/*.yaml', 'challenges.yaml', 'workshops/*.yaml', 'sessions/*.yaml'],
      follow_up: { date: addMonths(lastDate, 12), title: t.followUp, place: territories[0].members?.[0] },
    },
  };
  out['participants.yaml'] = { header: header(t.comments.participants), data: { territories, organisations, people } };
  for (const territory of territories) {
    const own = useCases.filter((u) => u.territory === territory.id);
    out[`use-cases/${territory.id}.yaml`] = { header: header(t.comments.useCases), data: { use_cases: own } };
  }
  out['challenges.yaml'] = { header: header(t.comments.challenges), data: { threads, challenges } };
  chunked('workshops/ateliers', 200, 'workshops', workshops);
  chunked('sessions/sessions', 20, 'sessions', sessions);
  return out;

  function personName(): string {
    return `${pick(t.firstNames)} ${pick(t.lastNames)}`;
  }
}

const WORKSHOPS_PER_DAY = 6;
const DAYS_PER_SESSION = 3;
/** A Tuesday: sessions run Tuesday to Thursday, the visit on Monday. */
const FIRST_DAY = '2027-03-09';
const TERRITORY_KINDS = ['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed'] as const;
const PALETTE = ['#2A9D8F', '#E76F51', '#264653', '#E9C46A', '#8AB17D', '#6D597A', '#B5838D', '#457B9D'];

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

// ---- YAML text -------------------------------------------------------------------------------

/** Keys whose list items are written `{ a: 1, b: 2 }` on one line, as people write slots and steps. */
const FLOW_ITEMS = new Set(['slots', 'steps']);

/** Block YAML in the style of DESIGN §1: block mappings, flow lists of short strings, one-line slots. */
export function emitYaml(data: object): string {
  return emitMap(data as Record<string, unknown>, 0).join('\n') + '\n';
}

function emitMap(obj: Record<string, unknown>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && value.includes('\n')) {
      lines.push(`${pad}${key}: |${value.endsWith('\n') ? '' : '-'}`, ...value.replace(/\n$/, '').split('\n').map((l) => `${pad}  ${l}`));
    } else if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object') && flowLength(value) <= 90) lines.push(`${pad}${key}: ${flowList(value)}`);
      else {
        lines.push(`${pad}${key}:`);
        for (const item of value) {
          if (item !== null && typeof item === 'object' && FLOW_ITEMS.has(key)) lines.push(`${pad}  - ${flowMap(item as Record<string, unknown>)}`);
          else if (item !== null && typeof item === 'object') {
            const inner = emitMap(item as Record<string, unknown>, indent + 4);
            lines.push(`${pad}  - ${inner[0].trimStart()}`, ...inner.slice(1));
          } else lines.push(`${pad}  - ${scalar(item, false)}`);
        }
      }
    } else if (value !== null && typeof value === 'object') lines.push(`${pad}${key}:`, ...emitMap(value as Record<string, unknown>, indent + 2));
    else lines.push(`${pad}${key}: ${scalar(value, false)}`);
  }
  return lines;
}

function flowList(items: unknown[]): string {
  return `[${items.map((v) => scalar(v, true)).join(', ')}]`;
}

function flowLength(items: unknown[]): number {
  return flowList(items).length;
}

function flowMap(obj: Record<string, unknown>): string {
  const parts = Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? flowList(v) : scalar(v, true)}`);
  return `{ ${parts.join(', ')} }`;
}

/** A scalar, plain when YAML reads it back as the same string, else double-quoted (JSON escapes are YAML's). */
export function scalar(value: unknown, inFlow: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const plain =
    /^[\p{L}\p{N}][^:#\n"\\]*$/u.test(s) &&
    !/\s$/.test(s) &&
    !(inFlow && /[,[\]{}]/.test(s)) &&
    !/^(?:[-+]?[\d._]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|true|false|null|yes|no|on|off|y|n)$/i.test(s);
  return plain ? s : JSON.stringify(s);
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
  if (!Number.isInteger(workshops) || workshops < 1 || !out || (lang !== 'fr' && lang !== 'en')) {
    process.stderr.write('usage: npx tsx scripts/generateKit.ts --workshops <n> --out <dir> [--seed <n>] [--lang fr|en] [--force]\n');
    return 2;
  }
  if (existsSync(path.join(out, 'capa.yaml')) && !argv.includes('--force')) {
    process.stderr.write(`${out} already holds a kit (capa.yaml): pass --force to overwrite it\n`);
    return 2;
  }
  const files = generateKit({ workshops, seed: arg('seed') === undefined ? undefined : Number(arg('seed')), lang });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    writeFileSync(path.join(out, name), text);
  }
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  process.stdout.write(`${Object.keys(files).length} files, ${(bytes / 1024).toFixed(0)} KiB, ${workshops} workshops → ${out}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
