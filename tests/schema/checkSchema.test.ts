import { describe, expect, test } from 'vitest';
import { checkKitFiles, validKit } from './schemaTestKit.js';

/** Check one edited copy of the valid kit; `from` must occur in it exactly once. */
async function checkEdit(from: string | RegExp, to: string, lang: 'fr' | 'en' = 'fr') {
  if (typeof from === 'string') expect(validKit.split(from).length).toBe(2);
  const text = validKit.replace(from, to);
  expect(text).not.toBe(validKit);
  return checkKitFiles({ 'capa.yaml': text }, lang);
}

describe('checkSchema', () => {
  test('a complete kit written as in docs/kit-format.en.md has no schema diagnostic', async () => {
    expect(await checkKitFiles({ 'capa.yaml': validKit })).toEqual([]);
  });

  test('an unknown key points at the key, suggests the near key and lists the possible keys; the missing key it echoes is not reported twice', async () => {
    const fr = await checkEdit('    host: pays-portuaire', '    hots: pays-portuaire');
    expect(fr).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-key',
        message:
          'la clé « hots » n’existe pas dans une session ; vous vouliez dire « host » ? Clés possibles : id, title, host, venue, visit, days',
        file: 'capa.yaml',
        line: 70,
        column: 5,
        path: '/sessions/0/hots',
      },
    ]);
    const en = await checkEdit('    host: pays-portuaire', '    hots: pays-portuaire', 'en');
    expect(en[0].message).toBe(
      'there is no key “hots” in a session; did you mean “host”? Possible keys: id, title, host, venue, visit, days',
    );
  });

  test('an unknown key with no near match still lists the keys, and the top level has its own wording', async () => {
    const [d] = await checkEdit('follow_up:\n', 'zzz: 1\nfollow_up:\n');
    expect(d).toMatchObject({ code: 'schema/unknown-key', path: '/zzz', line: 104, column: 1 });
    expect(d.message).toBe(
      'la clé « zzz » n’existe pas au premier niveau du kit. Clés possibles : capa, kit, theme, include, build, lint, territories, organisations, people, use_cases, threads, challenges, sessions, workshops, follow_up',
    );
  });

  test('a missing required key is reported on its object', async () => {
    expect(await checkEdit('    name: Cerema\n', '')).toEqual([
      {
        severity: 'error',
        code: 'schema/required',
        message: 'il manque la clé obligatoire « name » dans une organisation',
        file: 'capa.yaml',
        line: 29,
        column: 5,
        path: '/organisations/0',
      },
    ]);
    const [en] = await checkEdit('    name: Cerema\n', '', 'en');
    expect(en.message).toBe('the required key “name” is missing in an organisation');
  });

  test('a slot with neither workshop nor title gives one clear message, not ajv’s three', async () => {
    expect(await checkEdit('{ title: Déjeuner, kind: meal,', '{ kind: meal,')).toEqual([
      {
        severity: 'error',
        code: 'schema/required',
        message: 'il manque « workshop » ou « title » dans un créneau : il faut au moins l’une de ces clés',
        file: 'capa.yaml',
        line: 84,
        column: 13,
        path: '/sessions/0/days/0/slots/2',
      },
    ]);
    const [en] = await checkEdit('{ title: Déjeuner, kind: meal,', '{ kind: meal,', 'en');
    expect(en.message).toBe('“workshop” or “title” is missing in a slot: at least one of these keys is needed');
  });

  test('a visit needs end or duration, once', async () => {
    const list = await checkEdit('      end: "18:30"\n', '');
    expect(list.map((d) => [d.code, d.path, d.message])).toEqual([
      ['schema/required', '/sessions/0/visit', 'il manque « end » ou « duration » dans une visite de site : il faut au moins l’une de ces clés'],
    ]);
  });

  test('a value of the wrong type says what was expected and what was found', async () => {
    expect(await checkEdit('population: 120000', 'population: beaucoup')).toEqual([
      {
        severity: 'error',
        code: 'schema/type',
        message: '« population » doit être un nombre entier, pas le texte « beaucoup »',
        file: 'capa.yaml',
        line: 24,
        column: 17,
        path: '/territories/0/population',
      },
    ]);
    const [en] = await checkEdit('population: 120000', 'population: beaucoup', 'en');
    expect(en.message).toBe('“population” must be a whole number, not the text “beaucoup”');
  });

  test('a list item of the wrong type is named by its position', async () => {
    const [d] = await checkEdit(/territories:\n( {2}.*\n)+/, 'territories:\n  - pays-portuaire\n');
    expect(d).toMatchObject({ code: 'schema/type', path: '/territories/0', line: 21, column: 5 });
    expect(d.message).toBe('l’élément 1 de « territories » doit être un objet (des clés et leurs valeurs), pas le texte « pays-portuaire »');
  });

  test('the format version must be an integer, but any integer passes the schema (kit/version checks the value)', async () => {
    const [d] = await checkEdit('capa: 1', 'capa: "1.0"');
    expect(d).toMatchObject({ code: 'schema/type', path: '/capa', line: 1, column: 7 });
    expect(d.message).toBe('« capa » doit être un nombre entier, pas le texte « 1.0 »');
    expect(await checkEdit('capa: 1', 'capa: 2')).toEqual([]);
  });

  test('an unquoted colour (a YAML comment) is reported as empty with a hint to quote it', async () => {
    expect(await checkEdit('primary: "#1D4E89"', 'primary: #1D4E89')).toEqual([
      {
        severity: 'error',
        code: 'schema/type',
        message:
          '« primary » est vide ; couleur attendue en hexadécimal #RGB ou #RRGGBB, entre guillemets, par exemple "#1D4E89"',
        hint: 'En YAML, # commence un commentaire : mettez la couleur entre guillemets, par exemple primary: "#1D4E89".',
        file: 'capa.yaml',
        line: 10,
        column: 12,
        path: '/theme/primary',
      },
    ]);
  });

  test('an empty object value says it is empty', async () => {
    const [d] = await checkEdit('venue: { name: Maison du port, address: "1 quai Est" }', 'venue:', 'en');
    expect(d).toMatchObject({ code: 'schema/type', path: '/sessions/0/venue', line: 71 });
    expect(d.message).toBe('“venue” is empty; expected a mapping (keys and values)');
  });

  test('an enum value suggests the closest one and lists the choices', async () => {
    expect(await checkEdit('role: elected', 'role: elect')).toEqual([
      {
        severity: 'error',
        code: 'schema/enum',
        message:
          '« elect » n’est pas une valeur possible pour « role » ; vous vouliez dire « elected » ? Valeurs possibles : elected, project-lead, company-rep, partner-rep, facilitator, staff, observer',
        file: 'capa.yaml',
        line: 36,
        column: 11,
        path: '/people/0/role',
      },
    ]);
    const [far] = await checkEdit('kind: port', 'kind: harbour', 'en');
    expect(far.message).toBe('“harbour” is not a possible value for “kind”. Possible values: port, mountain, industrial, urban, rural, mixed');
  });

  test('lint rule levels and document names are enums too', async () => {
    const [rule] = await checkEdit('site-visit: error', 'site-visit: eror');
    expect(rule).toMatchObject({ code: 'schema/enum', path: '/lint/rules/site-visit', line: 19, column: 47 });
    expect(rule.message).toBe('« eror » n’est pas une valeur possible pour « site-visit » ; vous vouliez dire « error » ? Valeurs possibles : off, warn, error');
    const [doc] = await checkEdit('badges, calendar]', 'badge, calendar]', 'en');
    expect(doc).toMatchObject({ code: 'schema/enum', path: '/build/documents/6', line: 15 });
    expect(doc.message).toContain('is not a possible value for item 7 of “documents”; did you mean “badges”?');
  });

  test('a date that does not exist is a format error with an example', async () => {
    expect(await checkEdit('date: 2027-05-12', 'date: 2027-02-30')).toEqual([
      {
        severity: 'error',
        code: 'schema/format',
        message: '« date » : « 2027-02-30 » n’est pas une date valide ; date attendue au format AAAA-MM-JJ, par exemple 2027-05-12',
        file: 'capa.yaml',
        line: 79,
        column: 15,
        path: '/sessions/0/days/0/date',
      },
    ]);
  });

  test.each([
    ['start: "09:00"', 'start: 9h00', '/sessions/0/days/0/start', '« start » : « 9h00 » n’est pas une heure valide ; heure attendue au format HH:MM sur 24 h, par exemple "09:30"'],
    ['start: "09:00"', 'start: "24:00"', '/sessions/0/days/0/start', '« start » : « 24:00 » n’est pas une heure valide ; heure attendue au format HH:MM sur 24 h, par exemple "09:30"'],
    ['duration: 1h30', 'duration: 1h30m', '/sessions/0/days/0/slots/1/duration', '« duration » : « 1h30m » n’est pas une durée valide ; durée attendue en minutes (90) ou en texte (1h30, 1h, 45min, 2h05)'],
    ['duration: 30 }', 'duration: 0 }', '/sessions/0/days/0/slots/0/duration', '« duration » : « 0 » n’est pas une durée valide ; durée attendue en minutes (90) ou en texte (1h30, 1h, 45min, 2h05)'],
    ['primary: "#1D4E89"', 'primary: blue', '/theme/primary', '« primary » : « blue » n’est pas une couleur valide ; couleur attendue en hexadécimal #RGB ou #RRGGBB, entre guillemets, par exemple "#1D4E89"'],
    ['id: fil-2', 'id: Fil_2', '/threads/0/id', '« id » : « Fil_2 » n’est pas un identifiant valide ; identifiant attendu en minuscules, chiffres et tirets, par exemple pays-portuaire'],
  ])('format: %s → %s', async (from, to, path, message) => {
    expect((await checkEdit(from, to)).map((d) => [d.code, d.path, d.message])).toEqual([['schema/format', path, message]]);
  });

  test('a number where a time is expected hints at quoting it', async () => {
    const [d] = await checkEdit('start: "09:00"', 'start: 900', 'en');
    expect(d).toMatchObject({ code: 'schema/type', line: 80, column: 16, hint: 'Put the time in quotes, for example start: "09:30".' });
    expect(d.message).toBe('“start” must be text, not the number 900; expected a 24-hour time as HH:MM, for example "09:30"');
  });

  test('attends: a wrong scalar is one message (with a suggestion), a wrong list item points at the item', async () => {
    expect((await checkEdit('attends: all', 'attends: everyone')).map((d) => [d.code, d.path, d.line, d.column, d.message])).toEqual([
      ['schema/type', '/people/0/attends', 38, 14, '« attends » doit être « all » ou une liste d’identifiants, pas le texte « everyone »'],
    ]);
    const [near] = await checkEdit('attends: all', 'attends: al', 'en');
    expect(near.message).toBe('“attends” must be “all” or a list of ids, not the text “al” (did you mean “all”?)');
    expect((await checkEdit('attends: [session-3]', 'attends: [session-3, 4]')).map((d) => [d.code, d.path, d.line, d.column, d.message])).toEqual([
      ['schema/type', '/people/1/attends/1', 43, 26, 'l’élément 2 de « attends » doit être un texte, pas le nombre 4'],
    ]);
  });

  test('numbers out of range name their bounds', async () => {
    expect((await checkEdit('maturity: 2', 'maturity: 7')).map((d) => [d.code, d.path, d.line, d.message])).toEqual([
      ['schema/range', '/use_cases/0/maturity', 53, '« maturity » doit être entre 1 et 5, pas 7'],
    ]);
    const [bleed] = await checkEdit('bleed_mm: 3', 'bleed_mm: -1', 'en');
    expect(bleed.message).toBe('“bleed_mm” must be between 0 and 10, not -1');
    const [wide] = await checkEdit('bleed_mm: 3', 'bleed_mm: 12', 'en');
    expect(wide.message).toBe('“bleed_mm” must be between 0 and 10, not 12');
  });

  test('a missing manifest key is reported at the top of capa.yaml', async () => {
    const list = await checkEdit(/^kit:\n( {2}.*\n)+/m, '');
    expect(list.map((d) => [d.code, d.path, d.file, d.line, d.column, d.message])).toEqual([
      ['schema/required', '', 'capa.yaml', 1, 1, 'il manque la clé obligatoire « kit » au premier niveau du kit'],
    ]);
  });

  test('problems in an included file are located in that file', async () => {
    const programme = `# yaml-language-server: $schema=../schemas/kit-part.schema.json
sessions:
  - id: session-4
    title: Suite
    host: pays-portuaire
    days:
      - date: 2027-06-01
        start: "09:00"
        slots:
          - { title: Accueil, duration: 30, rooom: Salle A }
`;
    const manifest = validKit.replace('capa: 1\n', 'capa: 1\ninclude: [programme.yaml]\n');
    const list = await checkKitFiles({ 'capa.yaml': manifest, 'programme.yaml': programme });
    expect(list).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-key',
        message:
          'la clé « rooom » n’existe pas dans un créneau ; vous vouliez dire « room » ? Clés possibles : workshop, title, short_title, kind, start, end, duration, room, facilitators, notes',
        file: 'programme.yaml',
        line: 10,
        column: 45,
        path: '/sessions/1/days/0/slots/0/rooom',
      },
    ]);
  });

  test('several problems are all reported, sorted by line', async () => {
    const text = validKit.replace('kind: port', 'kind: harbour').replace('maturity: 2', 'maturity: 9').replace('    host: pays-portuaire\n', '');
    const list = await checkKitFiles({ 'capa.yaml': text });
    expect(list.map((d) => [d.code, d.line])).toEqual([
      ['schema/enum', 23],
      ['schema/range', 53],
      ['schema/required', 68],
    ]);
  });
});
