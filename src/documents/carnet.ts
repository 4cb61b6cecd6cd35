import { dailyRetro } from '../check/methodRules/dailyRetro.js';
import { electedTime } from '../check/methodRules/electedTime.js';
import { followUp } from '../check/methodRules/followUp.js';
import { informalTime } from '../check/methodRules/informalTime.js';
import type { MethodRule } from '../check/methodRules/MethodRule.js';
import { siteVisit } from '../check/methodRules/siteVisit.js';
import type { Challenge, Day, Kit, Session, Slot, Thread, UseCase, Workshop } from '../kit/Kit.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import type { DocumentContext } from './DocumentSpec.js';

/**
 * What the carnet template (`templates/carnet/main.hbs`) receives as `doc`: the programme walked session →
 * day → workshop occurrence, the map of threads → défis → use cases, and the keys to success ticked from
 * what the kit plans. Shaping only: clock times are the model's (`slot.steps[].start`…), wording is `{{t}}`.
 */
export interface CarnetData {
  map: CarnetMap;
  sessions: CarnetSession[];
  /** The keys to success of the method, in the order the method gives them. */
  keys: CarnetKey[];
  counts: { sessions: number; days: number; workshops: number };
}

export interface CarnetMap {
  threads: Array<{ thread: Thread; nodeId: string; fill: string }>;
  challenges: Array<{ challenge: Challenge; nodeId: string; fill: string; n: number }>;
  useCases: Array<{ useCase: UseCase; nodeId: string }>;
  edges: Array<{ from: string; to: string; fill: string }>;
  /** Whether there is anything to draw. */
  any: boolean;
}

export interface CarnetSession {
  session: Session;
  position: number;
  multiDay: boolean;
  days: CarnetDay[];
}

export interface CarnetDay {
  day: Day;
  position: number;
  /** Every slot of the day in time order, for the day at a glance. */
  slots: Array<{ slot: Slot; hasEnd: boolean }>;
  /** One entry per slot running a workshop (a workshop run twice appears twice, each with its own times). */
  workshops: CarnetWorkshop[];
}

export interface CarnetWorkshop {
  slot: Slot;
  workshop: Workshop;
  /** Défis with their thread colour, for the « défis liés » line. */
  challenges: Array<{ challenge: Challenge; fill: string; n: number }>;
  /** `capture` groups that hold something, in the order ideas, feedback, leads, wishes. */
  capture: Array<{ key: CaptureKey; items: string[] }>;
  hasCapture: boolean;
}

export type CaptureKey = 'ideas' | 'feedback' | 'leads' | 'wishes';
const CAPTURE_KEYS: readonly CaptureKey[] = ['ideas', 'feedback', 'leads', 'wishes'];

/** A key to success: its label key (`carnet.key.<id>`) and whether the kit plans it. */
export interface CarnetKey {
  id: 'site-visit' | 'informal-time' | 'daily-retro' | 'elected-time' | 'follow-up';
  planned: boolean;
}

/** Thread colours when the kit gives none: the kit's primary colour first, then distinct hues. */
const PALETTE = ['#2A9D8F', '#E76F51', '#6A4C93', '#8D6E63', '#E9C46A', '#264653'];
const NO_THREAD = '#7B8794';

function threadColors(kit: Kit): Map<Thread, string> {
  const colors = new Map<Thread, string>();
  let next = 0;
  kit.threads.forEach((t, i) => colors.set(t, t.color ?? (i === 0 ? kit.theme.primary : PALETTE[next++ % PALETTE.length])));
  return colors;
}

function mapOf(kit: Kit, colors: Map<Thread, string>): CarnetMap {
  const fillOf = (c: Challenge) => (c.thread ? (colors.get(c.thread) ?? NO_THREAD) : NO_THREAD);
  const threads = kit.threads.map((thread) => ({ thread, nodeId: `thread:${thread.id}`, fill: colors.get(thread) ?? NO_THREAD }));
  // Défis grouped by thread, in thread order, so lines from one thread fan out without crossing another's.
  const rank = (c: Challenge) => (c.thread ? kit.threads.indexOf(c.thread) : kit.threads.length);
  const challenges = [...kit.challenges]
    .sort((a, b) => rank(a) - rank(b) || a.number - b.number)
    .map((challenge) => ({ challenge, nodeId: `challenge:${challenge.id}`, fill: fillOf(challenge), n: challenge.number }));
  const useCases = kit.useCases.map((useCase) => ({ useCase, nodeId: `use-case:${useCase.id}` }));
  const edges = [
    ...challenges.flatMap((c) => (c.challenge.thread ? [{ from: `thread:${c.challenge.thread.id}`, to: c.nodeId, fill: c.fill }] : [])),
    ...challenges.flatMap((c) => c.challenge.useCases.map((u) => ({ from: c.nodeId, to: `use-case:${u.id}`, fill: c.fill }))),
  ];
  return { threads, challenges, useCases, edges, any: threads.length + challenges.length + useCases.length > 0 };
}

function workshopOf(slot: Slot, workshop: Workshop, fillOf: (c: Challenge) => string): CarnetWorkshop {
  const capture = CAPTURE_KEYS.map((key) => ({ key, items: workshop.capture[key] })).filter((g) => g.items.length > 0);
  return {
    slot,
    workshop,
    challenges: workshop.challenges.map((challenge) => ({ challenge, fill: fillOf(challenge), n: challenge.number })),
    capture,
    hasCapture: capture.length > 0,
  };
}

/**
 * Whether the kit plans each key to success, asked of the method rules themselves (no finding = planned), with
 * one more condition each: there is something to plan it for (a session, a day, a dated follow-up) — an empty
 * programme plans nothing, even though no rule complains about it.
 */
export function plannedKeys(kit: Kit, loaded: LoadedKit): CarnetKey[] {
  const passes = (rule: MethodRule) => rule.check({ kit, loaded, lang: kit.lang }).length === 0;
  const hasDays = kit.sessions.some((s) => s.days.length > 0);
  return [
    { id: 'site-visit', planned: kit.sessions.length > 0 && passes(siteVisit) },
    { id: 'informal-time', planned: hasDays && passes(informalTime) },
    { id: 'daily-retro', planned: hasDays && passes(dailyRetro) },
    { id: 'elected-time', planned: kit.sessions.length > 0 && passes(electedTime) },
    { id: 'follow-up', planned: kit.followUp?.date !== undefined && kit.lastDate !== undefined && passes(followUp) },
  ];
}

/** Shape the kit for the carnet template. */
export function carnetModel(kit: Kit, loaded: LoadedKit): CarnetData {
  const colors = threadColors(kit);
  const fillOf = (c: Challenge) => (c.thread ? (colors.get(c.thread) ?? NO_THREAD) : NO_THREAD);
  const sessions = kit.sessions.map((session, i) => ({
    session,
    position: i + 1,
    multiDay: session.days.length > 1,
    days: session.days.map((day) => ({
      day,
      position: day.index + 1,
      slots: day.slots.map((slot) => ({ slot, hasEnd: slot.endFrom !== 'none' })),
      workshops: day.slots.flatMap((slot) => (slot.workshop ? [workshopOf(slot, slot.workshop, fillOf)] : [])),
    })),
  }));
  const workshops = new Set(sessions.flatMap((s) => s.days.flatMap((d) => d.workshops.map((w) => w.workshop))));
  return {
    map: mapOf(kit, colors),
    sessions,
    keys: plannedKeys(kit, loaded),
    counts: { sessions: sessions.length, days: sessions.reduce((n, s) => n + s.days.length, 0), workshops: workshops.size },
  };
}

/** The carnet's `data` hook for `pdfDocument`. */
export function carnetData(ctx: DocumentContext): CarnetData {
  // build() always passes the loaded kit; the method rules are asked through it.
  if (!ctx.loaded) throw new Error('the carnet needs the loaded kit (DocumentContext.loaded) to tick its keys to success');
  return carnetModel(ctx.kit, ctx.loaded);
}
