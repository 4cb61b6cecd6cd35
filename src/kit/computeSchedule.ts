/** What `computeSchedule` needs of one written slot, already parsed to minutes. */
export interface SlotTiming {
  start?: number;
  end?: number;
  duration?: number;
  /** Total of the workshop's steps, when the slot runs a workshop that has steps. */
  stepsMinutes?: number;
}

export interface ComputedTiming {
  start: number;
  end: number;
  endFrom: 'end' | 'duration' | 'steps' | 'none';
}

/**
 * The clock times of one day's slots (docs/kit-format.en.md): a slot ends at `end`, else `start + duration`,
 * else after its workshop's steps; a slot without `start` begins when the slot before it in
 * the list ends, the first one at the day's start. A slot with nothing giving its end lasts
 * zero minutes (`endFrom: 'none'`), which the schedule check reports.
 */
export function computeSchedule(opts: { dayStart: number; slots: SlotTiming[] }): ComputedTiming[] {
  const out: ComputedTiming[] = [];
  let previousEnd = opts.dayStart;
  for (const slot of opts.slots) {
    const start = slot.start ?? previousEnd;
    let end: number;
    let endFrom: ComputedTiming['endFrom'];
    if (slot.end !== undefined) [end, endFrom] = [slot.end, 'end'];
    else if (slot.duration !== undefined) [end, endFrom] = [start + slot.duration, 'duration'];
    else if (slot.stepsMinutes) [end, endFrom] = [start + slot.stepsMinutes, 'steps'];
    else [end, endFrom] = [start, 'none'];
    out.push({ start, end, endFrom });
    previousEnd = end;
  }
  return out;
}

/** Clock times of a workshop's steps inside one slot occurrence: back to back from the slot's start. */
export function timeSteps(slotStart: number, durations: number[]): Array<{ start: number; end: number }> {
  let at = slotStart;
  return durations.map((d) => {
    const span = { start: at, end: at + d };
    at += d;
    return span;
  });
}
