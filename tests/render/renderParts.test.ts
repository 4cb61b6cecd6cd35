import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { DOCUMENT_SPECS } from '../../src/documents/registry.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { createRenderer, type Renderer } from '../../src/render/createRenderer.js';
import { RenderStopped } from '../../src/render/RenderedParts.js';
import { ROOT, tempKit } from '../helpers/tempKit.js';

/** Every part, read in order. */
const joined = (r: Renderer, name: string, data: unknown) => {
  const p = r.renderParts(name, data);
  const parts = [...p.parts];
  return { parts, text: parts.join(''), result: p };
};

/** 1-based line and column of every `<` of a text. */
function tagStarts(text: string): Array<{ line: number; column: number }> {
  const out: Array<{ line: number; column: number }> = [];
  let line = 1;
  let column = 1;
  for (const ch of text) {
    if (ch === '<') out.push({ line, column });
    if (ch === '\n') {
      line++;
      column = 1;
    } else column += ch.length;
  }
  return out;
}

describe('a document rendered in parts is the document rendered whole', () => {
  const kitDir = tempKit({
    'templates/agenda/main.hbs': [
      '<document title="{{title}}">',
      '  <h1>{{title}}</h1>',
      '{{#each days as |day n|}}',
      '{{#unless @first}}<page-break/>{{/unless}}',
      '  <h2>{{n}}/{{@index}} {{day.label}} {{../title}} {{@root.title}}{{#if @last}} (fin){{/if}}</h2>',
      '  {{> day-table}}',
      '  {{#each day.rooms}}<p>{{this}} {{@key}} {{@../index}}</p>{{/each}}',
      '{{else}}',
      '  <p>vide</p>',
      '{{/each}}',
      '{{#with place}}{{#each ../days}}<p>{{label}}</p>{{/each}}{{/with}}',
      '  <p>{{t "label.room"}}</p>',
      '</document>',
      '',
    ].join('\n'),
    // A loop at the top of a partial is not the main template's: it renders with the partial.
    'templates/agenda/partials/day-table.hbs': '<table>\n{{#each rooms}}  <tr><td>{{this}}</td></tr>\n{{/each}}</table>\n',
  });
  const r = createRenderer({ kitDir, lang: 'fr' });
  const data = {
    title: 'Programme',
    place: { name: 'Lyon' },
    days: [
      { label: 'Lundi', rooms: ['A', 'B'] },
      { label: 'Mardi', rooms: [] },
      { label: 'Mercredi', rooms: ['C'] },
    ],
  };

  it('one part per item of the top-level loop, joined: the same markup, diagnostics and places', () => {
    const whole = r.render('agenda/main', data);
    const { parts, text, result } = joined(r, 'agenda/main', data);
    expect(whole.diagnostics).toEqual([]);
    expect(text).toBe(whole.output);
    // The frame before the loop, the three days, the frame after.
    expect(parts.length).toBe(5);
    expect(parts[1]).toMatch(/^\n {2}<h2>0\/0 Lundi Programme Programme<\/h2>/);
    expect(parts[3]).toContain('(fin)');
    expect(result.diagnostics).toEqual(whole.diagnostics);
    for (const at of tagStarts(text)) {
      expect(result.locate(at.line, at.column)).toEqual(whole.locate(at.line, at.column));
      expect(result.locate(at.line, at.column, { content: true })).toEqual(whole.locate(at.line, at.column, { content: true }));
    }
    expect(result.locate(999, 1)).toBeUndefined();
  });

  it('an empty list renders its {{else}} in the frame', () => {
    const empty = { ...data, days: [] };
    const { parts, text } = joined(r, 'agenda/main', empty);
    expect(text).toBe(r.render('agenda/main', empty).output);
    expect(text).toContain('<p>vide</p>');
    expect(parts.length).toBe(1);
  });
});

describe('a template error in a late part', () => {
  const kitDir = tempKit({
    'templates/agenda/main.hbs': [
      '<document>',
      '{{#each items}}<p>{{t "only-en"}} {{name}}</p>{{#if @last}}{{nothing.here}}{{/if}}',
      '{{/each}}',
      '<p>{{t "not-anywhere"}}</p>',
      '</document>',
      '',
    ].join('\n'),
    'templates/i18n/en.yaml': 'only-en: in English\n',
  });
  const r = createRenderer({ kitDir, lang: 'fr', messageLang: 'en' });
  const data = { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };

  it('stops the reading, with the diagnostics of the whole render: what came before the error, and the error', () => {
    const whole = r.render('agenda/main', data);
    expect(whole.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['template/missing-translation', 'warning', 2, 19],
      ['template/missing-field', 'error', 2, 62],
    ]);
    const p = r.renderParts('agenda/main', data);
    const read: string[] = [];
    expect(() => {
      for (const part of p.parts) read.push(part);
    }).toThrow(RenderStopped);
    // The first two items were read; the text after the loop (with its missing label) is never reported.
    expect(read.join('')).toContain('<p>in English b</p>');
    expect(p.diagnostics).toEqual(whole.diagnostics);
    p.finish();
    expect(p.diagnostics).toEqual(whole.diagnostics);
  });

  it('`finish` renders the parts not read, for their diagnostics, without throwing', () => {
    const p = r.renderParts('agenda/main', data);
    p.finish();
    expect(p.diagnostics).toEqual(r.render('agenda/main', data).diagnostics);
  });
});

describe('the built-in documents of kits/capacities', () => {
  it('render in parts to the markup, places and PDF bytes of the whole render', async () => {
    const checked = await checkKit({ dir: path.join(ROOT, 'kits', 'capacities'), lang: 'fr' });
    const kit = checked.kit!;
    const renderer = createRenderer({ kitDir: checked.loaded.dir, lang: kit.lang, messageLang: 'fr' });
    for (const spec of DOCUMENT_SPECS.filter((s) => s.name !== 'calendar')) {
      // The data each document hands its template, caught on its way to the renderer.
      let data: unknown;
      const catching = { ...renderer, renderParts: (_n: string, d: unknown) => ((data = d), renderer.renderParts('missing/main', d)) };
      await spec.make({ kit, loaded: checked.loaded, renderer: catching, messageLang: 'fr', assets: () => undefined });
      const whole = renderer.render(`${spec.name}/main`, data);
      const { parts, text, result } = joined(renderer, `${spec.name}/main`, data);
      expect(text, spec.name).toBe(whole.output);
      expect(parts.length, spec.name).toBeGreaterThan(2);
      expect(result.diagnostics, spec.name).toEqual(whole.diagnostics);
      // Places: the first tag, one in the middle and the last.
      const starts = tagStarts(text);
      expect(starts.length).toBeGreaterThan(parts.length);
      for (const at of [starts[0]!, starts[Math.floor(starts.length / 2)]!, starts[starts.length - 1]!]) {
        expect(result.locate(at.line, at.column, { content: true }), spec.name).toEqual(whole.locate(at.line, at.column, { content: true }));
      }
      if (spec.name === 'sign-in') {
        const again = renderer.renderParts(`${spec.name}/main`, data);
        const fromParts = await renderMarkup({ markup: again.parts, file: 'f', locate: again.locate });
        const fromWhole = await renderMarkup({ markup: whole.output, file: 'f', locate: whole.locate });
        expect(fromParts.diagnostics).toEqual([]);
        expect(fromParts.pdf!.equals(fromWhole.pdf!)).toBe(true);
      }
    }
  }, 120_000);
});
