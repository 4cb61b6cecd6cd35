import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { builtinTemplatesDir, createRenderer } from '../../src/render/createRenderer.js';
import { tempKit } from '../helpers/tempKit.js';

describe('strict mode: a missing field is a diagnostic at the template file and line', () => {
  const kitDir = tempKit({
    'templates/agenda/main.hbs': '<document>\n<h1>{{kit.title}}</h1>\n<p>{{kit.subtitle}}</p>\n</document>\n',
    'templates/agenda/deep.hbs': 'x\n{{#if venue.address}}{{venue.address}}{{/if}}\n  {{venue.name.first}}',
    'templates/agenda/loop.hbs': '{{#each slots}}\n<p>{{title}}</p>\n{{/each}}',
    'templates/agenda/partials/row.hbs': 'row\n\n   {{room}}',
    'templates/agenda/uses-row.hbs': '{{#each slots}}{{> row}}{{/each}}',
  });
  const r = createRenderer({ kitDir, lang: 'fr', messageLang: 'en' });

  it('renders when every field is there, escaped for XML', () => {
    const { output, diagnostics } = r.render('agenda/main', { kit: { title: 'A & B <C>', subtitle: 'l\'été' } });
    expect(diagnostics).toEqual([]);
    expect(output).toBe('<document>\n<h1>A &amp; B &lt;C&gt;</h1>\n<p>l&#x27;été</p>\n</document>\n');
  });

  it('names the field, the file, the line and the column', () => {
    const { output, diagnostics } = r.render('agenda/main', { kit: { title: 'T' } });
    expect(output).toBe('');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'template/missing-field',
        message: 'The field “kit.subtitle” does not exist in this template\'s data.',
        file: 'templates/agenda/main.hbs',
        line: 3,
        column: 6,
      },
    ]);
  });

  it('a missing object in the middle of a path is located too (not a bare TypeError)', () => {
    const { diagnostics } = r.render('agenda/main', {});
    expect(diagnostics).toMatchObject([{ code: 'template/missing-field', message: expect.stringContaining('“kit”'), line: 2, column: 7 }]);
  });

  it('optional last parts may be tested with #if; intermediate ones must exist', () => {
    expect(r.render('agenda/deep', { venue: { name: { first: 'M' } } })).toMatchObject({ output: 'x\n\n  M', diagnostics: [] });
    expect(r.render('agenda/deep', { venue: { name: 'Maison' } }).diagnostics).toMatchObject([
      { code: 'template/missing-field', message: expect.stringContaining('“venue.name.first”'), line: 3, column: 5 },
    ]);
    expect(r.render('agenda/deep', {}).diagnostics).toMatchObject([
      { code: 'template/missing-field', message: expect.stringContaining('“venue”'), line: 2, column: 7 },
    ]);
  });

  it('an optional link present but empty (`workshop: undefined`) tests false, and is located when printed', () => {
    // The resolved model keeps optional references as keys holding undefined (a slot without a workshop).
    expect(r.render('agenda/deep', { venue: { address: undefined, name: { first: 'M' } } })).toMatchObject({ output: 'x\n\n  M', diagnostics: [] });
    expect(r.render('agenda/deep', { venue: undefined }).diagnostics).toMatchObject([
      { code: 'template/missing-field', line: 3, column: 5 },
    ]);
  });

  it('inside a loop', () => {
    expect(r.render('agenda/loop', { slots: [{ title: 'a' }, {}] }).diagnostics).toMatchObject([
      { code: 'template/missing-field', file: 'templates/agenda/loop.hbs', line: 2, column: 6 },
    ]);
  });

  it('block parameters, parent paths and @root are strict too', () => {
    const kit = tempKit({
      'templates/b/params.hbs': '{{#each slots as |slot i|}}{{i}}:{{slot.title}}/{{../kit.title}}/{{@root.kit.title}};{{#if slot.room}}!{{/if}}{{/each}}',
      'templates/b/param-missing.hbs': '{{#each slots as |slot|}}\n  {{slot.room}}{{/each}}',
      'templates/b/parent-missing.hbs': '{{#each slots}}\n{{../venue}}{{/each}}',
    });
    const rb = createRenderer({ kitDir: kit, lang: 'fr' });
    const data = { kit: { title: 'K' }, slots: [{ title: 'a' }, { title: 'b' }] };
    expect(rb.render('b/params', data)).toMatchObject({ output: '0:a/K/K;1:b/K/K;', diagnostics: [] });
    expect(rb.render('b/param-missing', data).diagnostics).toMatchObject([
      { code: 'template/missing-field', message: expect.stringContaining('« slot.room »'), line: 2, column: 5 },
    ]);
    expect(rb.render('b/parent-missing', data).diagnostics).toMatchObject([
      { code: 'template/missing-field', message: expect.stringContaining('« ../venue »'), line: 2, column: 3 },
    ]);
  });

  it('an error raised inside a partial names the partial file', () => {
    expect(r.render('agenda/uses-row', { slots: [{}] }).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'template/missing-field',
        message: 'The field “room” does not exist in this template\'s data.',
        file: 'templates/agenda/partials/row.hbs',
        line: 3,
        column: 6,
      },
    ]);
  });
});

describe('syntax errors', () => {
  const kitDir = tempKit({
    'templates/d/unclosed.hbs': 'line one\n{{#if x}}\n  {{title}\n{{/if}}',
    'templates/d/mismatch.hbs': 'a\n{{#if x}}\n{{/each}}',
    'templates/d/eof.hbs': 'a\n  {{#each list}}x',
    'templates/d/calls-bad.hbs': 'ok {{> broken}}',
    'templates/d/partials/broken.hbs': 'fine\nfine\n{{oops',
  });
  const r = createRenderer({ kitDir, lang: 'fr' });

  it('a parse error gives template/syntax with file, line and column', () => {
    const { output, diagnostics } = r.render('d/unclosed', { x: true, title: 't' });
    expect(output).toBe('');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'template/syntax', file: 'templates/d/unclosed.hbs', line: 3, column: 10 });
    expect(diagnostics[0]!.message).toMatch(/^Erreur de syntaxe dans le modèle : Expecting .*got 'INVALID'$/);
  });
  it('a block closed by the wrong name', () => {
    expect(r.render('d/mismatch', {}).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'template/syntax',
        message: "Erreur de syntaxe dans le modèle : if doesn't match each",
        file: 'templates/d/mismatch.hbs',
        line: 2,
        column: 4,
      },
    ]);
  });
  it('an unclosed block at the end of the file', () => {
    expect(r.render('d/eof', {}).diagnostics).toMatchObject([{ code: 'template/syntax', file: 'templates/d/eof.hbs', line: 2 }]);
  });
  it('a syntax error in a partial names the partial', () => {
    expect(r.render('d/calls-bad', {}).diagnostics).toMatchObject([
      { code: 'template/syntax', file: 'templates/d/partials/broken.hbs', line: 3 },
    ]);
  });
  it('never a stack trace in the message', () => {
    for (const name of ['d/unclosed', 'd/mismatch', 'd/eof', 'd/calls-bad']) {
      for (const d of r.render(name, {}).diagnostics) expect(d.message).not.toMatch(/\n\s+at /);
    }
  });
});

describe('lookup: the kit first, then the built-in templates', () => {
  const builtinDir = tempKit({
    'agenda/main.hbs': 'builtin main {{> header}} {{> footer}} {{> cell}}',
    'agenda/partials/cell.hbs': 'builtin-agenda-cell',
    'agenda/partials/footer.hbs': 'builtin-agenda-footer',
    'partials/header.hbs': 'builtin-header',
    'partials/footer.hbs': 'builtin-footer',
    'run-sheet/main.hbs': 'run {{> footer}}',
    'i18n/fr.yaml': 'a: b\n',
  }).toString();
  const plainKit = tempKit({ 'capa.yaml': 'capa: 1\n' });
  const forkedKit = tempKit({
    'templates/agenda/main.hbs': 'kit main {{> header}} {{> footer}} {{> cell}}',
    'templates/partials/footer.hbs': 'kit-footer',
    'templates/agenda/partials/header.hbs': 'kit-agenda-header',
  });

  it('a kit with no templates uses the built-in ones', () => {
    const r = createRenderer({ kitDir: plainKit, builtinDir, lang: 'fr' });
    expect(r.render('agenda/main', {}).output).toBe('builtin main builtin-header builtin-agenda-footer builtin-agenda-cell');
    expect(r.render('run-sheet/main', {}).output).toBe('run builtin-footer');
  });

  it('kit templates and partials win: kit doc partials, kit shared, built-in doc, built-in shared', () => {
    const r = createRenderer({ kitDir: forkedKit, builtinDir, lang: 'fr' });
    expect(r.render('agenda/main', {}).output).toBe('kit main kit-agenda-header kit-footer builtin-agenda-cell');
    // A document's own partials do not leak into another document.
    expect(r.render('run-sheet/main', {}).output).toBe('run kit-footer');
  });

  it('listTemplates says where each file comes from', () => {
    const r = createRenderer({ kitDir: forkedKit, builtinDir, lang: 'fr' });
    const rows = r.listTemplates('agenda').map((e) => [e.kind, e.name, e.source, e.file]);
    expect(rows).toEqual([
      ['template', 'agenda/main', 'kit', 'templates/agenda/main.hbs'],
      ['partial', 'agenda/partials/header', 'kit', 'templates/agenda/partials/header.hbs'],
      ['partial', 'partials/footer', 'kit', 'templates/partials/footer.hbs'],
      ['partial', 'agenda/partials/cell', 'builtin', 'templates/agenda/partials/cell.hbs'],
      ['i18n', 'i18n/fr', 'builtin', 'templates/i18n/fr.yaml'],
    ]);
    const all = r.listTemplates().map((e) => e.name);
    expect(all).toContain('run-sheet/main');
    expect(all).toContain('partials/header');
  });

  it('an unknown template is template/not-found; names cannot leave the templates folder', () => {
    const r = createRenderer({ kitDir: forkedKit, builtinDir, lang: 'en' });
    expect(r.render('agenda/nope', {}).diagnostics).toMatchObject([{ code: 'template/not-found', message: expect.stringContaining('templates/agenda/nope.hbs') }]);
    expect(r.render('../agenda/main', {}).diagnostics).toMatchObject([{ code: 'template/not-found' }]);
  });

  it('a missing partial is template/missing-partial at the line that calls it', () => {
    const kit = tempKit({ 'templates/agenda/main.hbs': 'a\nb {{> nowhere}}' });
    const r = createRenderer({ kitDir: kit, builtinDir, lang: 'fr' });
    expect(r.render('agenda/main', {}).diagnostics).toMatchObject([
      { code: 'template/missing-partial', file: 'templates/agenda/main.hbs', line: 2, column: 3, message: expect.stringContaining('« nowhere »') },
    ]);
  });

  it('an error in a built-in template says so and how to fork it', () => {
    const builtin = tempKit({ 'cards/main.hbs': '{{missing}}' });
    const r = createRenderer({ kitDir: plainKit, builtinDir: builtin, lang: 'fr', messageLang: 'en' });
    const [d] = r.render('cards/main', {}).diagnostics;
    // Named as capa's own file, never as a path that reads as one of the kit.
    expect(d).toMatchObject({ code: 'template/missing-field', file: 'built-in template cards/main.hbs', line: 1, column: 3 });
    expect(d!.hint).toBe(`Built-in capa template (${join(builtin, 'cards/main.hbs')}). To change it, copy it into the kit: capa templates eject cards`);
  });
});

describe('templates are compiled once', () => {
  it('rendering many times reads and compiles each file once', () => {
    const kitDir = tempKit({
      'templates/a/main.hbs': '{{#each items}}{{> item}}{{/each}}',
      'templates/a/other.hbs': '{{> item}}',
      'templates/a/partials/item.hbs': '[{{this}}]',
    });
    const r = createRenderer({ kitDir, builtinDir: tempKit({}), lang: 'fr' });
    expect(r.compiledCount).toBe(0);
    for (let i = 0; i < 5; i++) expect(r.render('a/main', { items: [1, 2] }).output).toBe('[1][2]');
    expect(r.compiledCount).toBe(2);
    // Editing the file does not change this renderer: the cache is by path, for one build.
    writeFileSync(join(kitDir, 'templates/a/main.hbs'), 'changed');
    expect(r.render('a/main', { items: [3] }).output).toBe('[3]');
    expect(r.render('a/other', 'x').output).toBe('[x]');
    expect(r.compiledCount).toBe(3);
  });
});

describe('safety', () => {
  const kitDir = tempKit({
    'templates/s/proto.hbs': '{{lookup this "constructor"}}|{{get this "constructor"}}|{{get this "__proto__"}}',
    'templates/s/attr.hbs': '<p title="{{v}}">{{v}}</p>',
    'templates/s/helper.hbs': 'x {{tme 570}}',
    'templates/s/sub.hbs': '{{#if (eqq 1 1)}}y{{/if}}',
    'templates/s/log.hbs': '{{log "hello"}}',
  });
  const r = createRenderer({ kitDir, builtinDir: tempKit({}), lang: 'fr', messageLang: 'en' });

  it('templates cannot reach prototypes', () => {
    expect(r.render('s/proto', {})).toMatchObject({ output: '||', diagnostics: [] });
  });

  it('escaped output parses back to the same text with an XML parser', () => {
    const nasty = `Tom & Jerry's "<b>" \`x\` = 1`;
    const { output } = r.render('s/attr', { v: nasty });
    let attr = '';
    let text = '';
    const parser = new Parser(
      { onopentag: (_n, a) => (attr = a.title ?? ''), ontext: (t) => (text += t) },
      { xmlMode: true, decodeEntities: true },
    );
    parser.write(output);
    parser.end();
    expect(attr).toBe(nasty);
    expect(text).toBe(nasty);
  });

  it('an unknown helper is template/unknown-helper with a suggestion', () => {
    expect(r.render('s/helper', {}).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'template/unknown-helper',
        message: 'Unknown function “tme” in this template.',
        hint: 'Did you mean “time”?',
        file: 'templates/s/helper.hbs',
        line: 1,
        column: 5,
      },
    ]);
    expect(r.render('s/sub', {}).diagnostics).toMatchObject([{ code: 'template/unknown-helper', hint: 'Did you mean “eq”?', line: 1, column: 8 }]);
  });

  it('the log helper is not available (library code never prints)', () => {
    expect(r.render('s/log', {}).diagnostics).toMatchObject([{ code: 'template/unknown-helper' }]);
  });
});

describe('built-in templates folder', () => {
  it('is the package templates/ folder with the label files', () => {
    expect(builtinTemplatesDir().replace(/\/$/, '')).toBe(join(import.meta.dirname, '../../templates'));
  });
});
