import { describe, expect, it } from 'vitest';
import { fontBook } from '../../src/layout/fonts/fonts.js';
import { breakLines } from '../../src/layout/flow/inlineLayout.js';

const style = { bold: false, italic: false, size: 10, color: '#000000' };
const lines = (text: string, width: number) =>
  breakLines({ runs: [{ text, style }], width, book: fontBook(), role: 'P' }).map((l) => l.boxes.map((b) => (b.kind === 'text' ? b.text : '')).join(''));

describe('line breaks around French punctuation', () => {
  const book = fontBook();
  it('never leaves « ? » alone at the start of a line', () => {
    // A column just wide enough for "Qui décide de son partage" but not for " ?".
    const width = book.width('Qui décide de son partage', 'text', 10) + 1;
    expect(lines('Qui décide de son partage ?', width)).toEqual(['Qui décide de son', 'partage ?']);
  });

  it('keeps guillemets with their words and still breaks at ordinary spaces', () => {
    const width = book.width('le « comité', 'text', 10) + 1;
    expect(lines('le « comité » décide', width)).toEqual(['le', '« comité »', 'décide']);
  });
});
