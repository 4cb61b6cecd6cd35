import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/kit/parseDuration.js';
import { addMonths, dayNumber, formatTime, parseDate, parseTime, weekday } from '../../src/kit/clock.js';

describe('parseDuration', () => {
  it.each([
    [90, 90],
    ['90', 90],
    ['45min', 45],
    ['1h', 60],
    ['2h', 120],
    ['1h30', 90],
    ['2h05', 125],
    ['0h45', 45],
    ['10h00', 600],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['1 h 30', '1h5', '1h60', '1.5h', '-10', '0', '0h', '0h00', 'h30', '90 min', '1h30min', '', 'une heure'])(
    'rejects %j',
    (text) => expect(parseDuration(text)).toBeUndefined(),
  );

  it('rejects non-integer, zero and negative numbers and other types', () => {
    for (const v of [90.5, 0, -5, Number.NaN, null, undefined, true, [90], { h: 1 }]) expect(parseDuration(v)).toBeUndefined();
  });

  it('formats minutes back to the written forms', () => {
    expect([45, 60, 90, 125].map(formatDuration)).toEqual(['45min', '1h', '1h30', '2h05']);
  });
});

describe('clock helpers', () => {
  it('parses and formats times', () => {
    expect(parseTime('09:30')).toBe(570);
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('23:59')).toBe(1439);
    for (const bad of ['24:00', '9h30', '12:60', '', 930]) expect(parseTime(bad)).toBeUndefined();
    expect(formatTime(570)).toBe('09:30');
    expect(formatTime(1470)).toBe('00:30');
  });

  it('reads real ISO dates only and gives the ISO weekday', () => {
    expect(parseDate('2027-05-12')).toBe('2027-05-12');
    expect(parseDate('2027-02-30')).toBeUndefined();
    expect(parseDate('12/05/2027')).toBeUndefined();
    expect(weekday('2027-05-12')).toBe(3); // a Wednesday
    expect(weekday('2027-05-16')).toBe(7); // a Sunday
    expect(dayNumber('2027-05-12') - dayNumber('2027-05-11')).toBe(1);
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2027-05-12', 12)).toBe('2028-05-12');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });
});

describe('duration round trip', () => {
  it('reads back every duration it writes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 24 * 60 }), (n) => parseDuration(formatDuration(n)) === n));
  });
});
