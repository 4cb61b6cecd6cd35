import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { quoteYaml, yamlHint } from '../../src/report/yamlHints.js';

/** What yaml 2 makes of a document: its value, and the codes of its errors and warnings. */
function parse(text: string) {
  const doc = parseDocument(text);
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (err) {
    value = err instanceof Error ? `THROWS ${err.message}` : err;
  }
  return { value, codes: [...doc.errors, ...doc.warnings].map((e) => e.code) };
}

/** The corrected line is the last line of the hint, after the four-space indent. */
function correctedLine(hint: string | undefined): string {
  expect(hint).toBeDefined();
  const last = hint!.split('\n').at(-1)!;
  expect(last.startsWith('    ')).toBe(true);
  return last.slice(4);
}

const hint = (sourceLine: string, lang: 'fr' | 'en' = 'fr', code = 'yaml/syntax') =>
  yamlHint({ lang, code, message: '', sourceLine });

describe('yamlHint: « : » inside a plain value', () => {
  it('explains the nested mapping yaml reports and quotes the value', () => {
    const line = 'title: Atelier : la suite';
    expect(parse(line).codes).toEqual(['BLOCK_AS_IMPLICIT_KEY']);
    const h = hint(line);
    expect(h).toBe(
      'Dans une valeur sans guillemets, « : » suivi d’un espace ouvre une sous-clé, et la valeur devient un dictionnaire. Mettez la valeur entre guillemets :\n' +
        '    title: "Atelier : la suite"',
    );
    expect(parse(correctedLine(h))).toEqual({ value: { title: 'Atelier : la suite' }, codes: [] });
  });

  it('keeps indentation, list markers and a trailing comment, and escapes quotes', () => {
    const line = '    - title: Le « Lab » "data" : suite   # à revoir';
    const fixed = correctedLine(hint(line, 'en'));
    expect(fixed).toBe('    - title: "Le « Lab » \\"data\\" : suite"   # à revoir');
    expect(parse(fixed).value).toEqual([{ title: 'Le « Lab » "data" : suite' }]);
  });

  it('quotes a list item that yaml read as a key (a phrase, not an identifier)', () => {
    const line = "- Qui alimente l'outil : les métiers ?";
    expect(parse(line).value).toEqual([{ "Qui alimente l'outil": 'les métiers ?' }]);
    const fixed = correctedLine(hint(line, 'fr', 'schema/type'));
    expect(fixed).toBe(`- "Qui alimente l'outil : les métiers ?"`);
    expect(parse(fixed).value).toEqual(["Qui alimente l'outil : les métiers ?"]);
  });

  it('leaves times and URLs alone (no space after the colon)', () => {
    expect(hint('start: 09:00')).toBeUndefined();
    expect(hint('url: https://exemple.fr/a')).toBeUndefined();
  });
});

describe('yamlHint: « # » after a space', () => {
  it('explains the value cut by the comment', () => {
    const line = 'title: Défi #3';
    expect(parse(line)).toEqual({ value: { title: 'Défi' }, codes: [] });
    const h = hint(line, 'fr', 'schema/type');
    expect(h).toBe(
      'Après un espace, « # » commence un commentaire : la valeur est coupée juste avant. Mettez la valeur entre guillemets :\n' +
        '    title: "Défi #3"',
    );
    expect(parse(correctedLine(h)).value).toEqual({ title: 'Défi #3' });
  });

  it('does not mistake a real comment (hash then space) for the trap', () => {
    expect(hint('id: capacities-2027  # slug')).toBeUndefined();
    expect(correctedLine(hint('title: Défi #3  # le troisième'))).toBe('title: "Défi #3"  # le troisième');
  });
});

describe('yamlHint: comma inside { }', () => {
  it('merges the piece the comma split off back into its value', () => {
    const line = 'venue: { name: Maison, address: 1 quai Est, 17000 Ville }';
    expect(parse(line).value).toEqual({ venue: { name: 'Maison', address: '1 quai Est', '17000 Ville': null } });
    const h = hint(line, 'fr', 'schema/unknown-key');
    expect(h).toBe(
      'Entre { }, chaque virgule sépare deux entrées : la virgule de « 1 quai Est, 17000 Ville » a coupé la valeur en deux. Mettez la valeur entre guillemets :\n' +
        '    venue: { name: Maison, address: "1 quai Est, 17000 Ville" }',
    );
    expect(parse(correctedLine(h)).value).toEqual({ venue: { name: 'Maison', address: '1 quai Est, 17000 Ville' } });
  });

  it('works inside a list item and keeps the other entries', () => {
    const line = '  - { title: Accueil, café, kind: informal, duration: 30 }';
    const fixed = correctedLine(hint(line, 'en'));
    expect(fixed).toBe('  - { title: "Accueil, café", kind: informal, duration: 30 }');
    expect(parse(fixed).value).toEqual([{ title: 'Accueil, café', kind: 'informal', duration: 30 }]);
  });

  it('quotes a value holding « : » inside { } (yaml: block collection in flow)', () => {
    const line = '  - { title: Temps d’échange : les élus, kind: elected, duration: 45 }';
    expect(parse(line).codes).toEqual(['BLOCK_IN_FLOW']);
    const h = hint(line);
    expect(h!.split('\n')[0]).toBe(
      'Dans une valeur sans guillemets, « : » suivi d’un espace ouvre une sous-clé, et la valeur devient un dictionnaire. Mettez la valeur entre guillemets :',
    );
    const fixed = correctedLine(h);
    expect(fixed).toBe('  - { title: "Temps d’échange : les élus", kind: elected, duration: 45 }');
    expect(parse(fixed)).toEqual({ value: [{ title: 'Temps d’échange : les élus', kind: 'elected', duration: 45 }], codes: [] });
  });

  it('quotes a value holding « #3 » inside { }, and list items holding « : » inside [ ]', () => {
    const hash = '- { title: Défi #3, kind: retro }';
    expect(parse(hash).codes).toEqual(['BAD_INDENT']);
    expect(parse(correctedLine(hint(hash))).value).toEqual([{ title: 'Défi #3', kind: 'retro' }]);
    const seq = "prompts: [Qui alimente l'outil ?, Usage final : lequel ?]";
    expect(parse(seq).value).toEqual({ prompts: ["Qui alimente l'outil ?", { 'Usage final': 'lequel ?' }] });
    const fixed = correctedLine(hint(seq, 'fr', 'schema/type'));
    expect(fixed).toBe(`prompts: [Qui alimente l'outil ?, "Usage final : lequel ?"]`);
    expect(parse(fixed).value).toEqual({ prompts: ["Qui alimente l'outil ?", 'Usage final : lequel ?'] });
  });

  it('leaves well-formed collections alone', () => {
    expect(hint('venue: { name: Maison du port, address: "1 quai Est, 00000 Ville-sur-Mer" }')).toBeUndefined();
    expect(hint("  - { title: L'accueil, kind: informal }")).toBeUndefined();
    expect(hint('organisers: [cerema, chronos]')).toBeUndefined();
  });
});

describe('yamlHint: tab used to indent', () => {
  it('replaces the tab with spaces', () => {
    const text = 'kit:\n\ttitle: Atelier\n';
    expect(parse(text).codes).toEqual(['TAB_AS_INDENT']);
    const h = hint('\ttitle: Atelier', 'en');
    expect(h).toBe(
      'YAML does not accept tabs for indentation. Replace the tab with spaces (as many as the neighbouring lines use):\n' +
        '      title: Atelier',
    );
    expect(parse('kit:\n' + correctedLine(h) + '\n')).toEqual({ value: { kit: { title: 'Atelier' } }, codes: [] });
  });
});

describe('yamlHint: value starting with an indicator character', () => {
  const cases: Array<[string, string, string]> = [
    ['*', 'title: *important', 'renvoie à une ancre (alias)'],
    ['&', 'title: &co animation', 'pose une ancre, qui disparaît de la valeur'],
    ['!', 'title: !urgent à faire', 'indique une étiquette de type'],
    ['%', 'title: %50 des places', 'est réservée aux directives'],
    ['@', 'contact: @cerema', 'est un caractère réservé'],
    ['`', 'title: `code` partagé', 'est un caractère réservé'],
    ['[', 'title: [Brouillon] atelier', 'ouvre une liste'],
    ['{', 'title: {Lab} atelier', 'ouvre un dictionnaire'],
  ];
  it.each(cases)('%s: yaml misreads it, the hint quotes it', (char, line, meaning) => {
    const [key, ...rest] = line.split(': ');
    const intended = rest.join(': ');
    // yaml either reads another value or refuses the line
    const read = parse(line);
    expect(read.codes.length > 0 || JSON.stringify(read.value) !== JSON.stringify({ [key!]: intended })).toBe(true);
    const h = hint(line);
    expect(h).toBe(`Une valeur qui commence par « ${char} » ${meaning} en YAML. Mettez-la entre guillemets :\n    ${key}: ${quoteYaml(intended)}`);
    expect(parse(correctedLine(h))).toEqual({ value: { [key!]: intended }, codes: [] });
  });

  it('leaves real flow collections and quoted values alone', () => {
    expect(hint('prompts: [Qui alimente ?, Qui utilise ?]')).toBeUndefined();
    expect(hint('title: "Atelier : la suite"')).toBeUndefined();
    expect(hint("title: 'Défi #3'")).toBeUndefined();
    expect(hint('summary: |')).toBeUndefined();
    expect(hint('kit:')).toBeUndefined();
    expect(hint('# un commentaire : rien à dire')).toBeUndefined();
  });
});

describe('yamlHint: a key written as a collection', () => {
  it('`[a, b]: off` is a list used as a key: one key per line, not quotes around the line', () => {
    const h = hint('    [population-range, binome]: off', 'en', 'kit/unknown-rule');
    expect(h).toBe('A key between [ ] or { } is a list or a mapping, not a name: write one key per line:\n        population-range: off\n        binome: off');
    const fixed = h!.split('\n').slice(1).map((l) => l.slice(4)).join('\n');
    expect(parse(`lint:\n  rules:\n${fixed}\n`).value).toEqual({ lint: { rules: { 'population-range': 'off', binome: 'off' } } });
    // A list followed by text that is not `: value` is still a value to quote.
    expect(hint('title: [brouillon] Atelier')).toMatch(/^Une valeur qui commence par « \[ »/);
  });
});
