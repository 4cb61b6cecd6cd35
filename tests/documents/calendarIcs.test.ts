import { describe, expect, it } from 'vitest';
import { escapeText, foldLine } from '../../src/documents/calendarIcs.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('calendar text: the bytes ical-generator 10 wrote', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(escapeText('a\\b;c,d\r\ne\rf\ng')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('keeps a line of up to 74 octets, cuts a longer one before the character that passes 74', () => {
    expect(foldLine('a'.repeat(74))).toBe('a'.repeat(74));
    expect(foldLine('a'.repeat(75))).toBe(`${'a'.repeat(74)}\r\n a`);
    // Each continuation holds 74 octets after its space.
    expect(foldLine('a'.repeat(200))).toBe(`${'a'.repeat(74)}\r\n ${'a'.repeat(74)}\r\n ${'a'.repeat(52)}`);
  });

  it('counts UTF-8 octets and never cuts a character or a surrogate pair', () => {
    const folded = foldLine(`${'a'.repeat(73)}é${'b'.repeat(3)}`);
    expect(folded).toBe(`${'a'.repeat(73)}\r\n é${'b'.repeat(3)}`);
    const emoji = foldLine('😀'.repeat(40));
    const lines = emoji.split('\r\n');
    expect(lines[0]).toBe('😀'.repeat(18));
    expect(lines.every((l) => octets(l) <= 75)).toBe(true);
    expect(lines.join('').replaceAll(' ', '')).toBe('😀'.repeat(40));
  });

  it('counts a lone surrogate as the 3 octets of its replacement character', () => {
    expect(foldLine(`${'a'.repeat(71)}\ud800`)).toBe(`${'a'.repeat(71)}\ud800`);
    expect(foldLine(`${'a'.repeat(72)}\udc00`)).toBe(`${'a'.repeat(72)}\r\n \udc00`);
    // A lone high surrogate is taken with the next character, here half of a pair: 6 + 3 octets, not 3 + 4.
    expect(foldLine(`${'a'.repeat(66)}\ud800😀`)).toBe(`${'a'.repeat(66)}\ud800\ud83d\r\n \ude00`);
  });
});
