import type { Day, FollowUp, Kit, Person, Session, Slot, SlotKind, Theme } from '../kit/Kit.js';
import { SLOT_KIND_FIXED_COLORS } from '../colors/palettes.js';
import type { DocumentContext } from './DocumentSpec.js';

/**
 * What the agenda template (`templates/agenda/main.hbs`) receives as `doc`: the programme shaped for
 * print — lanes, axes and legends of the day timelines. Shaping only: every time comes from the model
 * (`slot.start`, `slot.end`…), nothing is recomputed here, and no wording lives here (labels are `{{t}}`).
 */
export interface AgendaData {
  /** Colour of each slot kind (bars, legend swatches, table markers). */
  colors: Record<SlotKind, string>;
  sessions: AgendaSession[];
  /** How many sessions, days and distinct workshops the programme holds (for the overview). */
  counts: { sessions: number; days: number; workshops: number };
  followUp?: FollowUp;
  /** The people who facilitate the programme (role `facilitator`), in written order, for the closing page. */
  facilitators: Person[];
}

export interface AgendaSession {
  session: Session;
  /** 1-based position in the programme. */
  position: number;
  /** More than one day: day headings then say « Jour 2 ». */
  multiDay: boolean;
  days: AgendaDay[];
}

export interface AgendaDay {
  day: Day;
  /** 1-based position in the session. */
  position: number;
  rows: AgendaRow[];
  timeline?: AgendaTimeline;
  /** Kinds present in the day, in the order of `SLOT_KINDS_ORDER`, for the legend. */
  legend: Array<{ kind: SlotKind; fill: string }>;
}

export interface AgendaRow {
  slot: Slot;
  fill: string;
  /** False when the model found no end for the slot (`endFrom: none`): print the start only. */
  hasEnd: boolean;
}

export interface AgendaTimeline {
  /** Axis bounds, the day's first start and last end rounded out to whole hours. */
  start: number;
  end: number;
  /** Minutes between axis ticks. */
  ticks: number;
  /** Whether lanes carry labels (rooms run in parallel): the template then reserves a label column. */
  labelled: boolean;
  lanes: AgendaLane[];
}

export interface AgendaLane {
  /**
   * `all`: the day runs one thing at a time, one unlabelled lane holds every slot;
   * `room`: one lane per room when slots run in parallel; `shared`: the slots without a room then.
   */
  kind: 'all' | 'room' | 'shared';
  room?: string;
  bars: AgendaBar[];
}

export interface AgendaBar {
  start: number;
  end: number;
  fill: string;
  label: string;
  kind: SlotKind;
  /** The slot's short title, printed when the label does not fit its bar (the key gives the label). */
  short?: string;
  /** The number of the slot workshop's one défi, the next short form to try. */
  challenge?: number;
}

/** Legend order: the day's backbone first, then the pauses. */
export const SLOT_KINDS_ORDER: readonly SlotKind[] = ['workshop', 'plenary', 'elected', 'retro', 'visit', 'informal', 'meal', 'break', 'other'];

/**
 * Default colours of slot kinds. `workshop` takes the kit's primary colour and `informal` its accent;
 * the others are fixed (SLOT_KIND_FIXED_COLORS), told apart in every common colour vision.
 */
export function slotKindColors(theme: Theme): Record<SlotKind, string> {
  return {
    workshop: theme.primary,
    // A light tint of the primary colour: plenaries read as "the whole group", next to the workshops.
    plenary: mixWithWhite(theme.primary, 0.45),
    informal: theme.accent,
    ...SLOT_KIND_FIXED_COLORS,
  };
}

/** `#RRGGBB` (or `#RGB`) moved towards white by `amount` (0 = unchanged, 1 = white). */
export function mixWithWhite(hex: string, amount: number): string {
  const full = hex.length === 4 ? '#' + [...hex.slice(1)].map((c) => c + c).join('') : hex;
  const channel = (i: number) => {
    const v = parseInt(full.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(v + (255 - v) * amount).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`.toUpperCase();
}

const HOUR = 60;

/** Two slots overlap when one starts before the other ends (touching ends do not count). */
function runsInParallel(slots: Slot[]): boolean {
  const sorted = [...slots].sort((a, b) => a.start - b.start);
  let end = -Infinity;
  for (const s of sorted) {
    if (s.start < end) return true;
    end = Math.max(end, s.end);
  }
  return false;
}

/** Slots that can be drawn as a bar: a real interval (a slot without an end has none). */
const drawable = (s: Slot) => s.endFrom !== 'none' && s.end > s.start;

function lanesOf(day: Day, colors: Record<SlotKind, string>): AgendaLane[] {
  const bar = (s: Slot): AgendaBar => ({
    start: s.start,
    end: s.end,
    fill: colors[s.kind],
    label: s.title,
    kind: s.kind,
    ...(s.shortTitle ? { short: s.shortTitle } : {}),
    ...(s.workshop?.challenges.length === 1 ? { challenge: s.workshop.challenges[0].number } : {}),
  });
  const slots = day.slots.filter(drawable);
  if (!runsInParallel(slots)) return [{ kind: 'all', bars: slots.map(bar) }];
  const lanes: AgendaLane[] = [];
  const shared = slots.filter((s) => s.room === undefined);
  if (shared.length) lanes.push({ kind: 'shared', bars: shared.map(bar) });
  for (const room of day.rooms) lanes.push({ kind: 'room', room, bars: slots.filter((s) => s.room === room).map(bar) });
  return lanes;
}

function timelineOf(day: Day, colors: Record<SlotKind, string>): AgendaTimeline | undefined {
  if (!day.slots.some(drawable)) return undefined;
  const start = Math.floor(day.firstStart / HOUR) * HOUR;
  const end = Math.max(start + HOUR, Math.ceil(day.lastEnd / HOUR) * HOUR);
  // Hour ticks up to a 12-hour day; beyond that every two hours keeps the labels apart.
  const ticks = end - start > 12 * HOUR ? 2 * HOUR : HOUR;
  const lanes = lanesOf(day, colors);
  return { start, end, ticks, labelled: lanes.some((l) => l.kind !== 'all'), lanes };
}

function dayOf(day: Day, colors: Record<SlotKind, string>): AgendaDay {
  const kinds = new Set(day.slots.map((s) => s.kind));
  return {
    day,
    position: day.index + 1,
    rows: day.slots.map((slot) => ({ slot, fill: colors[slot.kind], hasEnd: slot.endFrom !== 'none' })),
    timeline: timelineOf(day, colors),
    legend: SLOT_KINDS_ORDER.filter((k) => kinds.has(k)).map((kind) => ({ kind, fill: colors[kind] })),
  };
}

/** Shape the kit for the agenda template. */
export function agendaModel(kit: Kit): AgendaData {
  const colors = slotKindColors(kit.theme);
  const sessions = kit.sessions.map((session, i) => ({
    session,
    position: i + 1,
    multiDay: session.days.length > 1,
    days: session.days.map((d) => dayOf(d, colors)),
  }));
  const workshops = new Set(kit.sessions.flatMap((s) => s.days.flatMap((d) => d.slots.flatMap((sl) => (sl.workshop ? [sl.workshop.id] : [])))));
  return {
    colors,
    sessions,
    counts: { sessions: sessions.length, days: sessions.reduce((n, s) => n + s.days.length, 0), workshops: workshops.size },
    ...(kit.followUp ? { followUp: kit.followUp } : {}),
    facilitators: kit.people.filter((p) => p.role === 'facilitator'),
  };
}

/** The agenda's `data` hook for `pdfDocument`. */
export function agendaData(ctx: DocumentContext): AgendaData {
  return agendaModel(ctx.kit);
}
