import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/createRenderer.js';
import { formatDate, formatDateRange, formatDuration, formatNumber, formatTime } from '../../src/render/format.js';
import { tempKit } from '../helpers/tempKit.js';
import { codePoints } from './codePoints.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** [template expression, data, French output, English output] — outputs are after XML escaping. */
const cases: Array<[string, Record<string, unknown>, string, string]> = [
  ['{{time 570}}', {}, `9${NBSP}h${NBSP}30`, '09:30'],
  ['{{time 840}}', {}, `14${NBSP}h`, '14:00'],
  ['{{time s.start}}', { s: { start: 545 } }, `9${NBSP}h${NBSP}05`, '09:05'],
  ['{{time "13:45"}}', {}, `13${NBSP}h${NBSP}45`, '13:45'],
  ['{{time 810 style="12h"}}', {}, `13${NBSP}h${NBSP}30`, `1:30${NBSP}pm`],
  ['{{time 0 style="12h"}}', {}, `0${NBSP}h`, `12:00${NBSP}am`],
  ['{{timeRange 570 660}}', {}, `9${NBSP}h${NBSP}30${NBSP}– 11${NBSP}h`, '09:30–11:00'],
  ['{{date "2027-03-10"}}', {}, `mercredi 10${NBSP}mars 2027`, `Wednesday 10${NBSP}March 2027`],
  ['{{date "2027-03-10" "long"}}', {}, `mercredi 10${NBSP}mars 2027`, `Wednesday 10${NBSP}March 2027`],
  ['{{date "2027-05-01" "date"}}', {}, `1er${NBSP}mai 2027`, `1${NBSP}May 2027`],
  ['{{date "2027-03-10" "day-month"}}', {}, `mercredi 10${NBSP}mars`, `Wednesday 10${NBSP}March`],
  ['{{date "2027-03-10" "short"}}', {}, `10${NBSP}mars`, `10${NBSP}Mar`],
  ['{{date "2027-02-10" format="short"}}', {}, `10${NBSP}févr.`, `10${NBSP}Feb`],
  ['{{date "2027-03-10" "weekday"}}', {}, 'mercredi', 'Wednesday'],
  ['{{date "2027-08-10" "month-year"}}', {}, 'août 2027', 'August 2027'],
  ['{{date "2027-03-10" "iso"}}', {}, '2027-03-10', '2027-03-10'],
  ['{{dateRange "2027-03-10" "2027-03-12"}}', {}, `du 10 au 12${NBSP}mars 2027`, `10–12${NBSP}March 2027`],
  ['{{dateRange "2027-03-30" "2027-04-02"}}', {}, `du 30${NBSP}mars au 2${NBSP}avril 2027`, `30${NBSP}March – 2${NBSP}April 2027`],
  ['{{dateRange "2027-12-30" "2028-01-02"}}', {}, `du 30${NBSP}décembre 2027 au 2${NBSP}janvier 2028`, `30${NBSP}December 2027 – 2${NBSP}January 2028`],
  ['{{dateRange "2027-03-10" "2027-03-10"}}', {}, `le 10${NBSP}mars 2027`, `10${NBSP}March 2027`],
  ['{{duration 90}}', {}, `1${NBSP}h${NBSP}30`, `1${NBSP}h${NBSP}30${NBSP}min`],
  ['{{duration 45}}', {}, `45${NBSP}min`, `45${NBSP}min`],
  ['{{duration 120}}', {}, `2${NBSP}h`, `2${NBSP}h`],
  ['{{duration 65}}', {}, `1${NBSP}h${NBSP}05`, `1${NBSP}h${NBSP}05${NBSP}min`],
  ['{{number 120000}}', {}, `120${NNBSP}000`, '120,000'],
  ['{{number 1.5}}', {}, '1,5', '1.5'],
  ['{{number 3 decimals=2}}', {}, '3,00', '3.00'],
  ['{{join list}}', { list: ['a', 'b', 'c'] }, 'a, b, c', 'a, b, c'],
  ['{{join list " / "}}', { list: ['a', 'b'] }, 'a / b', 'a / b'],
  ['{{join people ", " key="name"}}', { people: [{ name: 'Ann' }, { name: 'Bo' }] }, 'Ann, Bo', 'Ann, Bo'],
  ['{{sentence list}}', { list: ['a', 'b', 'c'] }, 'a, b et c', 'a, b and c'],
  ['{{sentence list type="or"}}', { list: ['a', 'b'] }, 'a ou b', 'a or b'],
  ['{{sentence people key="name"}}', { people: [{ name: 'Ann' }] }, 'Ann', 'Ann'],
  ['{{get map "b"}}', { map: { a: 1, b: 'deux' } }, 'deux', 'deux'],
  ['{{get map "x.y"}}', { map: { x: { y: 'deep' } } }, 'deep', 'deep'],
  ['{{get map "z" "none"}}', { map: {} }, 'none', 'none'],
  ['{{default v "—"}}', { v: '' }, '—', '—'],
  ['{{default v "—"}}', { v: 'set' }, 'set', 'set'],
  ['{{plural 1 "atelier" "ateliers"}}', {}, 'atelier', 'atelier'],
  ['{{plural 0 "item" "items"}}', {}, 'item', 'items'],
  ['{{plural 3 "atelier" "ateliers" withCount=true}}', {}, `3${NBSP}ateliers`, `3${NBSP}ateliers`],
  ['{{#if (eq a "x")}}yes{{else}}no{{/if}}', { a: 'x' }, 'yes', 'yes'],
  ['{{#if (ne a "x")}}yes{{else}}no{{/if}}', { a: 'x' }, 'no', 'no'],
  ['{{#if (and a b)}}yes{{else}}no{{/if}}', { a: true, b: [] }, 'no', 'no'],
  ['{{#if (or a b)}}yes{{else}}no{{/if}}', { a: false, b: 1 }, 'yes', 'yes'],
  ['{{or a b}}', { a: '', b: 'fallback' }, 'fallback', 'fallback'],
  ['{{#if (not a)}}yes{{else}}no{{/if}}', { a: [] }, 'yes', 'yes'],
  ['{{#if (lt 90 120)}}yes{{/if}}{{#if (gte 3 3)}}!{{/if}}', {}, 'yes!', 'yes!'],
  ['{{add 570 90}} {{sub 660 570}} {{mul 1.5 2}} {{div 90 60}}', {}, '660 90 3 1.5', '660 90 3 1.5'],
  ['{{upper "équipe"}} {{lower "ABC"}} {{capitalize "élan"}}', {}, 'ÉQUIPE abc Élan', 'ÉQUIPE abc Élan'],
  ['{{nbsp "Salle A"}}', {}, `Salle${NBSP}A`, `Salle${NBSP}A`],
  ['{{color colors kind "#999999"}}', { colors: { meal: '#F4A259' }, kind: 'meal' }, '#F4A259', '#F4A259'],
  ['{{color colors kind "#999999"}}', { colors: { meal: '#F4A259' }, kind: 'retro' }, '#999999', '#999999'],
  ['{{mm 25.4}} {{mm 10}}', {}, '72 28.35', '72 28.35'],
  ['{{#times 3}}[{{@index}}{{#if @last}}.{{/if}}]{{/times}}', {}, '[0][1][2.]', '[0][1][2.]'],
  ['{{concat "slot-kind." k}}', { k: 'meal' }, 'slot-kind.meal', 'slot-kind.meal'],
  ['{{t "slot-kind" k}}', { k: 'meal' }, 'Repas', 'Meal'],
  ['{{t "document.carnet"}}', {}, 'Carnet d’ateliers', 'Workshop workbook'],
  ['{{t "label.page" page=2 pages=10}}', {}, `page 2${NBSP}/ 10`, 'page 2 of 10'],
  ['{{t "count.workshops" count=1}} · {{t "count.workshops" count=12}}', {}, `1${NBSP}atelier · 12${NBSP}ateliers`, `1${NBSP}workshop · 12${NBSP}workshops`],
  ['{{t "count.inhabitants" count=120000}}', {}, `120${NNBSP}000${NBSP}habitants`, `120,000${NBSP}inhabitants`],
  ['{{@lang}}', {}, 'fr', 'en'],
];

describe('helpers, through real templates, in French and English', () => {
  const files: Record<string, string> = {};
  cases.forEach(([expr], i) => (files[`templates/h/c${i}.hbs`] = expr));
  const kitDir = tempKit(files);
  for (const lang of ['fr', 'en'] as const) {
    const renderer = createRenderer({ kitDir, lang });
    cases.forEach(([expr, data, fr, en], i) => {
      it(`${lang}: ${expr}`, () => {
        const result = renderer.render(`h/c${i}`, data);
        expect(result.diagnostics).toEqual([]);
        expect(result.output).toBe(lang === 'fr' ? fr : en);
      });
    });
  }
});

describe('no-break spaces are the exact code points', () => {
  it('French times and durations use U+00A0 around the h', () => {
    expect(codePoints(formatTime('fr', 570))).toBe('9U+00A0hU+00A030');
    expect(codePoints(formatDuration('fr', 90))).toBe('1U+00A0hU+00A030');
  });
  it('French thousands use U+202F (narrow no-break space)', () => {
    expect(codePoints(formatNumber('fr', 120000))).toBe('120U+202F000');
  });
  it('a day and its month never split', () => {
    expect(codePoints(formatDate('fr', '2027-03-10', 'short'))).toBe('10U+00A0mars');
    expect(codePoints(formatDateRange('en', '2027-03-10', '2027-03-12'))).toBe('10U+201312U+00A0March 2027');
  });
  it('dates do not depend on the local timezone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(formatDate('fr', '2027-01-01', 'long')).toBe(`vendredi 1er${NBSP}janvier 2027`);
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('helpers report bad input at the template line', () => {
  const kitDir = tempKit({
    'templates/h/time.hbs': 'ok\n  {{time slot.start}}',
    'templates/h/date.hbs': '{{date "10/03/2027"}}',
    'templates/h/fmt.hbs': '\n{{date d "fancy"}}',
    'templates/h/color.hbs': '{{color map "x" "red"}}',
    'templates/h/join.hbs': '{{join people}}',
  });
  const r = createRenderer({ kitDir, lang: 'fr', messageLang: 'en' });
  it('a helper argument that is not in the data is a missing field named by its path', () => {
    const { output, diagnostics } = r.render('h/time', { slot: {} });
    expect(output).toBe('');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'template/missing-field',
        message: 'The field “slot.start” does not exist in this template\'s data.',
        file: 'templates/h/time.hbs',
        line: 2,
        column: 3,
      },
    ]);
  });
  it('a value of the wrong shape is template/bad-value', () => {
    expect(r.render('h/date', {}).diagnostics).toMatchObject([
      { code: 'template/bad-value', file: 'templates/h/date.hbs', line: 1, column: 1, message: expect.stringContaining('"10/03/2027"') },
    ]);
    expect(r.render('h/fmt', { d: '2027-03-10' }).diagnostics).toMatchObject([
      { code: 'template/bad-value', line: 2, message: expect.stringContaining('month-year') },
    ]);
    expect(r.render('h/color', { map: {} }).diagnostics).toMatchObject([{ code: 'template/bad-value', message: expect.stringContaining('#RRGGBB') }]);
    expect(r.render('h/join', { people: 'Ann' }).diagnostics).toMatchObject([{ code: 'template/bad-value', message: expect.stringContaining('a list') }]);
  });
});
