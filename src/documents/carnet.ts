import { dailyRetro } from '../check/methodRules/dailyRetro.js';
import { electedTime } from '../check/methodRules/electedTime.js';
import { followUp } from '../check/methodRules/followUp.js';
import { informalTime } from '../check/methodRules/informalTime.js';
import type { MethodRule } from '../check/methodRules/MethodRule.js';
import { siteVisit } from '../check/methodRules/siteVisit.js';
import { threadColors } from '../colors/threadColors.js';
import type { Challenge, Day, Kit, Photo, Session, Slot, Thread, UseCase, Workshop } from '../kit/Kit.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import { diagramMetrics, diagramNodeTextWidth } from '../layout/flow/layoutDiagram.js';
import { MM } from '../layout/core/units.js';
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

/** The nodes and edges of one map diagram. */
export interface CarnetMapNodes {
  threads: Array<{ thread: Thread; nodeId: string; fill: string }>;
  challenges: Array<{ challenge: Challenge; nodeId: string; fill: string; n: number }>;
  useCases: Array<{ useCase: UseCase; nodeId: string }>;
  edges: Array<{ from: string; to: string; fill: string }>;
}

export interface CarnetMap extends CarnetMapNodes {
  /** Whether there is anything to draw. */
  any: boolean;
  /** Whether the map is split over several pages (it does not fit one page readably). */
  split: boolean;
  /** The diagram pages: one with the whole map, or per thread (a large thread over several, `part` of `parts`). */
  pages: CarnetMapPage[];
}

export interface CarnetMapPage extends CarnetMapNodes {
  /** The thread this page draws (none: défis without a thread, or threads and use cases linked to nothing). */
  thread?: Thread;
  /** 1-based part of this thread's pages, and how many there are. */
  part: number;
  parts: number;
  /** Whether the heading names a continuation (`parts` > 1). */
  continued: boolean;
  /** The diagram's `max-height` and `font-size`, as the template writes them. */
  maxHeight: string;
  fontSize: number;
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
  /** The capture's photos, printed after its groups (`{{> photos}}`). */
  photos: Photo[];
  hasCapture: boolean;
}

export type CaptureKey = 'ideas' | 'feedback' | 'leads' | 'wishes';
const CAPTURE_KEYS: readonly CaptureKey[] = ['ideas', 'feedback', 'leads', 'wishes'];

/** A key to success: its label key (`carnet.key.<id>`) and whether the kit plans it. */
export interface CarnetKey {
  id: 'site-visit' | 'informal-time' | 'daily-retro' | 'elected-time' | 'follow-up';
  planned: boolean;
}

const NO_THREAD = '#7B8794';

function mapNodesOf(kit: Kit, colors: Map<Thread, string>): CarnetMapNodes {
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
  return { threads, challenges, useCases, edges };
}

function mapOf(kit: Kit, colors: Map<Thread, string>): CarnetMap {
  const all = mapNodesOf(kit, colors);
  const any = all.threads.length + all.challenges.length + all.useCases.length > 0;
  const whole: CarnetMapPage = { ...all, part: 1, parts: 1, continued: false, maxHeight: `${MAP.maxHeight / MM}mm`, fontSize: MAP.fontSize };
  if (mapFits(all, MAP.maxHeight)) return { ...all, any, split: false, pages: [whole] };
  return { ...all, any, split: true, pages: splitMap(all) };
}

/**
 * The map diagram as `templates/carnet/partials/map.hbs` draws it: A4 less the carnet's 18 mm side margins, at most
 * 205 mm tall under the title and introduction (190 mm on split pages, which add a heading per thread), three columns.
 */
const MAP = { width: 174 * MM, maxHeight: 205 * MM, splitMaxHeight: 190 * MM, fontSize: 8.5, columns: 3 };
/**
 * The smallest text scale (of `font-size`) a map page is drawn at by this rule: a map that needs smaller text to fit
 * is split. The diagram itself may still shrink to its `min-scale` (0.6), which absorbs errors of the estimate below.
 */
const READABLE_SCALE = 0.85;
/** Average advance of a character in ems, a little over the carnet fonts' (bold included) so that estimates err tall. */
const CHAR_EM = 0.58;

/** Lines a text takes in a node, estimated from its length (word wrapping leaves each line a little short). */
const linesOf = (text: string, charsPerLine: number) => Math.max(1, Math.ceil((text.length * 1.1) / charsPerLine));

/** Whether every column of the diagram fits `maxHeight` at the readable scale, node heights estimated from their text. */
export function mapFits(nodes: CarnetMapNodes, maxHeight: number): boolean {
  const m = diagramMetrics(MAP.fontSize, READABLE_SCALE);
  const cpl = diagramNodeTextWidth(MAP.width, MAP.columns) / (m.size * CHAR_EM);
  const column = (lines: number[]) => lines.reduce((h, l) => h + l * m.lineHeight + m.padding, 0) + Math.max(0, lines.length - 1) * m.gapY;
  const room = maxHeight - m.titleHeight;
  return [
    nodes.threads.map((t) => linesOf(t.thread.title, cpl)),
    nodes.challenges.map((c) => 1 + linesOf(c.challenge.title, cpl)),
    nodes.useCases.map((u) => linesOf(u.useCase.title, cpl) + (u.useCase.territory ? 1 : 0)),
  ].every((lines) => column(lines) <= room);
}

/** The nodes of one page: its threads and défis, the use cases those défis draw on, the edges among them. */
function pageNodes(all: CarnetMapNodes, threads: CarnetMapNodes['threads'], challenges: CarnetMapNodes['challenges'], extraUseCases: CarnetMapNodes['useCases'] = []): CarnetMapNodes {
  const linked = new Set(challenges.flatMap((c) => c.challenge.useCases));
  const useCases = all.useCases.filter((u) => linked.has(u.useCase) || extraUseCases.includes(u));
  const ids = new Set([...threads, ...challenges, ...useCases].map((n) => n.nodeId));
  return { threads, challenges, useCases, edges: all.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/**
 * A map too large for one page: one page per thread with its défis and their use cases; a thread whose défis do not
 * fit one page goes over several, the défis cut greedily (as many as fit, in number order). Défis without a thread
 * follow, then the threads and use cases linked to no défi, so that every node is drawn somewhere.
 */
function splitMap(all: CarnetMapNodes): CarnetMapPage[] {
  const groups: Array<{ thread?: CarnetMapNodes['threads'][number]; challenges: CarnetMapNodes['challenges'] }> = [
    ...all.threads.map((t) => ({ thread: t, challenges: all.challenges.filter((c) => c.challenge.thread === t.thread) })).filter((g) => g.challenges.length > 0),
    { challenges: all.challenges.filter((c) => !c.challenge.thread) },
  ].filter((g) => g.challenges.length > 0);
  const pages: CarnetMapPage[] = [];
  const page = (nodes: CarnetMapNodes, thread: Thread | undefined): CarnetMapPage => ({
    ...nodes,
    thread,
    part: 1,
    parts: 1,
    continued: false,
    maxHeight: `${MAP.splitMaxHeight / MM}mm`,
    fontSize: MAP.fontSize,
  });
  for (const g of groups) {
    const threads = g.thread ? [g.thread] : [];
    const chunks: Array<CarnetMapNodes['challenges']> = [];
    let chunk: CarnetMapNodes['challenges'] = [];
    for (const c of g.challenges) {
      const candidate = [...chunk, c];
      if (chunk.length > 0 && !mapFits(pageNodes(all, threads, candidate), MAP.splitMaxHeight)) {
        chunks.push(chunk);
        chunk = [c];
      } else chunk = candidate;
    }
    chunks.push(chunk);
    chunks.forEach((cs, i) => pages.push({ ...page(pageNodes(all, threads, cs), g.thread?.thread), part: i + 1, parts: chunks.length, continued: chunks.length > 1 }));
  }
  const linkedThreads = new Set(all.challenges.flatMap((c) => (c.challenge.thread ? [c.challenge.thread] : [])));
  const linkedUseCases = new Set(all.challenges.flatMap((c) => c.challenge.useCases));
  const loneThreads = all.threads.filter((t) => !linkedThreads.has(t.thread));
  const loneUseCases = all.useCases.filter((u) => !linkedUseCases.has(u.useCase));
  if (loneThreads.length + loneUseCases.length > 0) pages.push(page(pageNodes(all, loneThreads, [], loneUseCases), undefined));
  return pages;
}

function workshopOf(slot: Slot, workshop: Workshop, fillOf: (c: Challenge) => string): CarnetWorkshop {
  const capture = CAPTURE_KEYS.map((key) => ({ key, items: workshop.capture[key] })).filter((g) => g.items.length > 0);
  return {
    slot,
    workshop,
    challenges: workshop.challenges.map((challenge) => ({ challenge, fill: fillOf(challenge), n: challenge.number })),
    capture,
    photos: workshop.capture.photos,
    hasCapture: capture.length > 0 || workshop.capture.photos.length > 0,
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
