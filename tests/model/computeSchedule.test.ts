import { describe, expect, it } from 'vitest';
import { computeSchedule, timeSteps } from '../../src/kit/computeSchedule.js';

describe('computeSchedule', () => {
  it('chains slots without start from the day start, one after the other', () => {
    const times = computeSchedule({ dayStart: 540, slots: [{ duration: 30 }, { duration: 90 }, { end: 780 }] });
    expect(times).toEqual([
      { start: 540, end: 570, endFrom: 'duration' },
      { start: 570, end: 660, endFrom: 'duration' },
      { start: 660, end: 780, endFrom: 'end' },
    ]);
  });

  it('prefers end over duration over the steps', () => {
    const [a, b, c] = computeSchedule({
      dayStart: 540,
      slots: [{ end: 600, duration: 10, stepsMinutes: 5 }, { duration: 10, stepsMinutes: 5 }, { stepsMinutes: 70 }],
    });
    expect([a.end, a.endFrom, b.end, b.endFrom, c.end, c.endFrom]).toEqual([600, 'end', 610, 'duration', 680, 'steps']);
  });

  it('lets a parallel slot give its own start, and the next one follows the slot before it in the list', () => {
    const times = computeSchedule({
      dayStart: 540,
      slots: [{ duration: 30 }, { duration: 90 }, { start: 570, duration: 60 }, { duration: 15 }],
    });
    expect(times.map((t) => [t.start, t.end])).toEqual([[540, 570], [570, 660], [570, 630], [630, 645]]);
  });

  it('gives a slot with nothing to time it zero minutes, marked none', () => {
    expect(computeSchedule({ dayStart: 600, slots: [{}] })).toEqual([{ start: 600, end: 600, endFrom: 'none' }]);
  });

  it('times steps back to back from the slot start', () => {
    expect(timeSteps(570, [10, 60, 20])).toEqual([{ start: 570, end: 580 }, { start: 580, end: 640 }, { start: 640, end: 660 }]);
  });
});
