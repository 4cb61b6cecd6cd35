import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/createRenderer.js';
import { tempKit } from '../helpers/tempKit.js';

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string, from = 0): { line: number; column: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`${needle} not in output`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

describe('rendered markup maps back to template files and lines', () => {
  const kitDir = tempKit({
    'templates/agenda/main.hbs': [
      '<document>',
      '  <h1>{{title}}</h1>',
      '  {{#each days}}',
      '  <h2>{{label}}</h2>',
      '  {{> day-table}}',
      '  {{/each}}',
      '  <p>{{t "label.room"}} <bogus/></p>',
      '</document>',
      '',
    ].join('\n'),
    'templates/agenda/partials/day-table.hbs': '<table>\n  <row><cell>{{count}}</cell></row>\n</table>\n',
  });
  const r = createRenderer({ kitDir, lang: 'fr' });
  const result = r.render('agenda/main', { title: 'Programme', days: [{ label: 'Lundi', count: 1 }, { label: 'Mardi', count: 2 }] });
  const main = 'templates/agenda/main.hbs';
  const partial = 'templates/agenda/partials/day-table.hbs';

  it('the output carries no markers', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.output).not.toMatch(/[\uFDD0\uFDD1]/);
    expect(result.output).toContain('<h2>Mardi</h2>');
  });

  it('elements written in the main template point at their line and column', () => {
    const at = (needle: string, from = 0) => {
      const p = where(result.output, needle, from);
      return result.locate(p.line, p.column);
    };
    expect(at('<document>')).toEqual({ file: main, line: 1, column: 1 });
    expect(at('<h1>')).toEqual({ file: main, line: 2, column: 3 });
    expect(at('<h2>')).toEqual({ file: main, line: 4, column: 3 });
    expect(at('<h2>', result.output.indexOf('Mardi') - 10)).toEqual({ file: main, line: 4, column: 3 });
    expect(at('<bogus/>')).toEqual({ file: main, line: 7, column: 25 });
    expect(at('</document>')).toEqual({ file: main, line: 8, column: 1 });
  });

  it('elements written in a partial point at the partial', () => {
    const p = where(result.output, '<row>');
    expect(result.locate(p.line, p.column)).toMatchObject({ file: partial, line: 2 });
    const table = where(result.output, '<table>');
    expect(result.locate(table.line, table.column)).toMatchObject({ file: partial, line: 1 });
  });

  it('text produced by an expression points at the expression', () => {
    const p = where(result.output, 'Programme');
    expect(result.locate(p.line, p.column)).toEqual({ file: main, line: 2, column: 7 });
    const room = where(result.output, 'Salle');
    expect(result.locate(room.line, room.column)).toEqual({ file: main, line: 7, column: 6 });
  });

  it('positions outside the output are unknown', () => {
    expect(result.locate(999, 1)).toBeUndefined();
  });
});
