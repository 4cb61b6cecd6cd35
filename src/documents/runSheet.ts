import type { Day, Kit, MaterialNeed, Person, Session, Slot, SlotKind, TimedStep, Visit } from '../kit/Kit.js';
import { mixWithWhite, slotKindColors } from './agenda.js';
import type { DocumentContext } from './DocumentSpec.js';

/**
 * What the run-sheet template (`templates/run-sheet/main.hbs`) receives as `doc`: the facilitators'
 * minute-by-minute view of each day. Shaping only — every clock time is the model's (`slot.start`,
 * `slot.steps[].start`…) and no wording lives here.
 */
export interface RunSheetData {
  /** Every dated or undated day of every session, in programme order (one run-sheet page group each). */
  days: RunSheetDay[];
}

export interface RunSheetDay {
  day: Day;
  session: Session;
  /** 1-based position of the day in its session. */
  position: number;
  /** The session has more than one day: headings then say « Jour 2 ». */
  multiDay: boolean;
  /** First day of its session: the session heading (and bookmark) goes there. */
  firstOfSession: boolean;
  /** The visit the day before, on the first day of the session that has one. */
  visit?: Visit;
  rows: RunSheetRow[];
  /** People who facilitate at least one slot of the day, in order of first appearance. */
  facilitators: Person[];
  /** `day.materials`, the whole day's needs. */
  materials: MaterialNeed[];
  /** Rooms (and the slots without a room) whose slots need materials, with their needs. */
  rooms: RunSheetRoom[];
  /**
   * The same rooms in rows of `ROOMS_PER_ROW` (the last row padded with `undefined`), for a checklist
   * grid that uses the landscape width; empty when the day uses one room (the table is then its list).
   */
  roomRows: Array<Array<RunSheetRoom | undefined>>;
  /** Some materials are needed: print the « to prepare » section. */
  hasMaterials: boolean;
}

export interface RunSheetRow {
  slot: Slot;
  /** Colour of the slot kind (marker) and a light tint of it (row background). */
  fill: string;
  tint: string;
  /** False when the model found no end for the slot (`endFrom: none`): print the start only. */
  hasEnd: boolean;
  /** The workshop's steps timed for this occurrence. */
  steps: TimedStep[];
}

export interface RunSheetRoom {
  /** Undefined for the slots that name no room. */
  room?: string;
  /** The room's slots that need materials, for « what it is for ». */
  slots: Slot[];
  materials: MaterialNeed[];
}

/** Room checklists side by side on a landscape page: three columns keep each one wide enough to read. */
export const ROOMS_PER_ROW = 3;

function rowsOf<T>(items: T[], size: number): Array<Array<T | undefined>> {
  const rows: Array<Array<T | undefined>> = [];
  for (let i = 0; i < items.length; i += size) {
    const row: Array<T | undefined> = items.slice(i, i + size);
    while (row.length < size) row.push(undefined);
    rows.push(row);
  }
  return rows;
}

function facilitatorsOf(slots: Slot[]): Person[] {
  const seen: Person[] = [];
  for (const s of slots) for (const p of s.facilitators) if (!seen.includes(p)) seen.push(p);
  return seen;
}

function dayOf(session: Session, day: Day, colors: Record<SlotKind, string>): RunSheetDay {
  const rows = day.slots.map((slot) => ({
    slot,
    fill: colors[slot.kind],
    // Light enough for black text, dark enough to tell a slot row from its step rows.
    tint: mixWithWhite(colors[slot.kind], 0.84),
    hasEnd: slot.endFrom !== 'none',
    steps: slot.steps,
  }));
  const rooms = day.roomPlans
    .filter((plan) => plan.materials.length > 0)
    .map((plan) => ({
      ...(plan.room !== undefined ? { room: plan.room } : {}),
      slots: plan.slots.filter((s) => (s.workshop?.materials.length ?? 0) > 0),
      materials: plan.materials,
    }));
  return {
    day,
    session,
    position: day.index + 1,
    multiDay: session.days.length > 1,
    firstOfSession: day.index === 0,
    ...(day.index === 0 && session.visit ? { visit: session.visit } : {}),
    rows,
    facilitators: facilitatorsOf(day.slots),
    materials: day.materials,
    rooms,
    roomRows: rooms.length > 1 ? rowsOf(rooms, Math.min(ROOMS_PER_ROW, rooms.length)) : [],
    hasMaterials: day.materials.length > 0,
  };
}

/** Shape the kit for the run-sheet template. */
export function runSheetModel(kit: Kit): RunSheetData {
  const colors = slotKindColors(kit.theme);
  return { days: kit.sessions.flatMap((session) => session.days.map((day) => dayOf(session, day, colors))) };
}

/** The run-sheet's `data` hook for `pdfDocument`. */
export function runSheetData(ctx: DocumentContext): RunSheetData {
  return runSheetModel(ctx.kit);
}
