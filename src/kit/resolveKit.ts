import { DOCUMENTS, KIT_DEFAULTS, type DocumentName } from '../defaults.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';
import type { Challenge, Kit, Organisation, Person, RuleLevel, Step, Territory, Thread, UseCase, Workshop } from './Kit.js';
import type * as KF from './KitFile.js';
import type { Loose } from './readData.js';
import { toPointer, type DataPath, type LoadedKit } from './LoadedKit.js';
import { parseDuration } from './parseDuration.js';
import { indexById, int, list, pick, rec, refs, str, strList } from './readData.js';
import { resolveProgramme } from './resolveProgramme.js';

const msg = defineMessages({
  fr: {
    badDuration: (p) =>
      `durée illisible ${quote('fr', p.value)} : écrivez des minutes (90) ou un texte comme 1h30, 2h, 2h05 ou 45min`,
  },
  en: {
    badDuration: (p) =>
      `unreadable duration ${quote('en', p.value)}: write minutes (90) or text such as 1h30, 2h, 2h05 or 45min`,
  },
});

const KINDS = ['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed'] as const;
const ORG_TYPES = ['company', 'national-partner', 'facilitator', 'other'] as const;
const ROLES = ['elected', 'project-lead', 'company-rep', 'partner-rep', 'facilitator', 'staff', 'observer'] as const;
const GENDERS = ['f', 'm', 'n'] as const;
const LEVELS = ['off', 'warn', 'error'] as const;

/** Everything `resolveKit` returns: the model, and the problems only resolving could see (unreadable durations). */
export interface ResolvedKit {
  kit: Kit;
  diagnostics: Diagnostic[];
}

/**
 * Build the resolved model from a loaded kit (after schema and reference checks): references
 * become objects, defaults are applied, and the whole schedule is computed. Never throws on odd
 * data: unknown references are dropped, missing values take defaults.
 */
export function resolveKit(loaded: LoadedKit, opts: { lang?: Lang } = {}): ResolvedKit {
  const lang = opts.lang ?? 'fr';
  const data = loaded.data;
  const diagnostics: Diagnostic[] = [];

  /** Minutes of a written duration, reporting unreadable ones where they are written. */
  const duration = (value: unknown, path: DataPath): number | undefined => {
    if (value === undefined || value === null) return undefined;
    const minutes = parseDuration(value);
    if (minutes === undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'schema/format',
        message: msg(lang, 'badDuration', { value: String(value) }),
        ...loaded.locate(path),
        path: toPointer(path),
      });
    }
    return minutes;
  };

  const written = data as Loose<KF.KitFile>;
  const kitRec = rec<KF.KitInfo>(written.kit);
  const theme = rec<KF.Theme>(written.theme);
  const build = rec<KF.Build>(written.build);
  const allDocuments = Object.keys(DOCUMENTS) as DocumentName[];
  const documents = strList(build.documents).filter((d): d is DocumentName => (allDocuments as string[]).includes(d));
  const duplex = rec<KF.DuplexOffset>(build.duplex_offset_mm);
  // No prototype: a rule named `__proto__` (reported as unknown) stays a key.
  const lintRules: Record<string, RuleLevel> = Object.create(null) as Record<string, RuleLevel>;
  for (const [rule, level] of Object.entries(rec(rec<KF.Lint>(written.lint).rules))) lintRules[rule] = pick(level, LEVELS, 'warn');

  const organisations: Organisation[] = list(written.organisations).map((o, i) => {
    const r = rec<KF.Organisation>(o);
    return { path: ['organisations', i], id: str(r.id) ?? '', name: str(r.name) ?? str(r.id) ?? '', type: pick(r.type, ORG_TYPES, 'other'), people: [] };
  });
  const territories: Territory[] = list(written.territories).map((t, i) => {
    const r = rec<KF.Territory>(t);
    return {
      path: ['territories', i],
      id: str(r.id) ?? '',
      name: str(r.name) ?? str(r.id) ?? '',
      kind: pick(r.kind, KINDS, 'mixed'),
      population: int(r.population),
      members: strList(r.members),
      people: [],
      useCases: [],
      hosted: [],
    };
  });
  const people: Person[] = list(written.people).map((p, i) => {
    const r = rec<KF.Person>(p);
    const attends = Array.isArray(r.attends) ? strList(r.attends) : 'all';
    return {
      path: ['people', i],
      id: str(r.id) ?? '',
      name: str(r.name) ?? str(r.id) ?? '',
      role: pick(r.role, ROLES, 'observer'),
      title: str(r.title),
      gender: pick(r.gender, GENDERS, 'n'),
      label: str(r.label),
      affiliationName: '',
      attends,
      sessions: [],
    };
  });
  const orgById = indexById(organisations);
  const terById = indexById(territories);
  const personById = indexById(people);
  list(written.people).forEach((p, i) => {
    const person = people[i];
    const ref = str(rec<KF.Person>(p).organisation);
    const territory = ref === undefined ? undefined : terById.get(ref);
    const organisation = ref === undefined || territory ? undefined : orgById.get(ref);
    person.territory = territory;
    person.organisation = organisation;
    person.affiliationName = territory?.name ?? organisation?.name ?? ref ?? '';
    (territory ?? organisation)?.people.push(person);
  });
  list(written.territories).forEach((t, i) => {
    const r = rec<KF.Territory>(t);
    territories[i].elected = personById.get(str(r.elected) ?? '');
    territories[i].projectLead = personById.get(str(r.project_lead) ?? '');
  });

  const useCases: UseCase[] = list(written.use_cases).map((u, i) => {
    const r = rec<KF.UseCase>(u);
    const territory = terById.get(str(r.territory) ?? '');
    const useCase: UseCase = {
      path: ['use_cases', i],
      id: str(r.id) ?? '',
      territory,
      title: str(r.title) ?? '',
      endUsers: strList(r.end_users),
      summary: str(r.summary),
      problems: strList(r.problems),
      data: strList(r.data),
      stakeholders: refs(r.stakeholders, orgById),
      maturity: int(r.maturity),
      challenges: [],
    };
    territory?.useCases.push(useCase);
    return useCase;
  });
  const useCaseById = indexById(useCases);

  const threads: Thread[] = list(written.threads).map((t, i) => {
    const r = rec<KF.Thread>(t);
    return { path: ['threads', i], id: str(r.id) ?? '', title: str(r.title) ?? '', color: str(r.color), challenges: [] };
  });
  const threadById = indexById(threads);
  const challenges: Challenge[] = list(written.challenges).map((c, i) => {
    const r = rec<KF.Challenge>(c);
    const challenge: Challenge = {
      path: ['challenges', i],
      id: str(r.id) ?? '',
      number: int(r.number) ?? 0,
      thread: threadById.get(str(r.thread) ?? ''),
      title: str(r.title) ?? '',
      question: str(r.question) ?? '',
      prompts: strList(r.prompts),
      outputs: strList(r.outputs),
      useCases: refs(r.use_cases, useCaseById),
      workshops: [],
    };
    challenge.thread?.challenges.push(challenge);
    for (const u of challenge.useCases) u.challenges.push(challenge);
    return challenge;
  });
  const challengeById = indexById(challenges);

  const workshops: Workshop[] = list(written.workshops).map((w, i) => {
    const r = rec<KF.Workshop>(w);
    const path: DataPath = ['workshops', i];
    const steps: Step[] = list(r.steps).map((s, j) => {
      const sr = rec<KF.Step>(s);
      const stepPath = [...path, 'steps', j];
      return {
        path: stepPath,
        title: str(sr.title) ?? '',
        durationMinutes: duration(sr.duration, [...stepPath, 'duration']) ?? 0,
        instructions: str(sr.instructions),
      };
    });
    const capture = rec<KF.Capture>(r.capture);
    const workshop: Workshop = {
      path,
      id: str(r.id) ?? '',
      title: str(r.title) ?? '',
      shortTitle: str(r.short_title),
      challenges: refs(r.challenges, challengeById),
      format: str(r.format),
      facilitators: refs(r.facilitators, personById),
      objectives: strList(r.objectives),
      materials: strList(r.materials),
      steps,
      stepsMinutes: steps.reduce((sum, s) => sum + s.durationMinutes, 0),
      questions: strList(r.questions),
      capture: {
        ideas: strList(capture.ideas),
        feedback: strList(capture.feedback),
        leads: strList(capture.leads),
        wishes: strList(capture.wishes),
        photos: (Array.isArray(capture.photos) ? capture.photos : [])
          .map((ph) => rec<KF.Photo>(ph))
          .flatMap((ph) => (typeof ph.src === 'string' && typeof ph.caption === 'string' ? [{ src: ph.src, caption: ph.caption, ...(typeof ph.credit === 'string' ? { credit: ph.credit } : {}) }] : [])),
      },
      slots: [],
    };
    for (const c of workshop.challenges) c.workshops.push(workshop);
    return workshop;
  });

  const byId = {
    territories: terById,
    organisations: orgById,
    people: personById,
    useCases: useCaseById,
    threads: threadById,
    challenges: challengeById,
    workshops: indexById(workshops),
  };
  const programme = resolveProgramme({ data: written, byId, people, duration });

  const kit: Kit = {
    id: str(kitRec.id) ?? '',
    title: str(kitRec.title) ?? '',
    subtitle: str(kitRec.subtitle),
    lang: pick(kitRec.lang, ['fr', 'en'] as const, KIT_DEFAULTS.lang),
    contentLang: str(kitRec.content_lang) ?? pick(kitRec.lang, ['fr', 'en'] as const, KIT_DEFAULTS.lang),
    license: str(kitRec.license),
    organisers: refs(kitRec.organisers, orgById),
    theme: {
      primary: str(theme.primary) ?? KIT_DEFAULTS.theme.primary,
      accent: str(theme.accent) ?? KIT_DEFAULTS.theme.accent,
      logo: str(theme.logo),
    },
    build: {
      out: str(build.out) ?? KIT_DEFAULTS.out,
      documents: Array.isArray(build.documents) ? documents : allDocuments,
      bleed: int(build.bleed_mm) ?? KIT_DEFAULTS.bleedMm,
      duplexOffsetMm: { x: int(duplex.x) ?? 0, y: int(duplex.y) ?? 0 },
    },
    lintRules,
    territories,
    organisations,
    people,
    useCases,
    threads,
    challenges: [...challenges].sort((a, b) => a.number - b.number),
    workshops,
    sessions: programme.sessions,
    followUp: programme.followUp,
    firstDate: programme.firstDate,
    lastDate: programme.lastDate,
    byId: { ...byId, sessions: indexById(programme.sessions) },
  };
  return { kit, diagnostics };
}
