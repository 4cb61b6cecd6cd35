import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import { codeFrame } from '../../src/report/codeFrame.js';
import { formatDiagnostics, formatSummary } from '../../src/report/formatDiagnostics.js';
import { expectGolden } from './expectGolden.js';

const SOURCES: Record<string, string> = {
  'capa.yaml': ['capa: 1', 'kit:', '  id: demo', '  title: Atelier : la suite', '  lang: fr', ''].join('\n'),
  'programme.yaml': [
    'sessions:',
    '  - id: session-1',
    '    host: pays-portuair',
    '    venue: { name: Maison, address: 1 quai Est, 17000 Ville }',
    '    days:',
    '      - date: 2027-05-12',
    '\t  start: "09:00"',
    '',
  ].join('\n'),
  'participants.yaml': ['territories:', '  - id: pays-portuaire', '    name: Pays Portuaire', ''].join('\n'),
};

const DIAGNOSTICS: Diagnostic[] = [
  {
    severity: 'warning',
    code: 'method/site-visit',
    message: 'la session « session-1 » n’a pas de visite de terrain',
    file: 'programme.yaml',
    line: 2,
    column: 5,
    path: '/sessions/0',
  },
  {
    severity: 'error',
    code: 'ref/unknown',
    message: 'territoire « pays-portuair » inconnu',
    file: 'programme.yaml',
    line: 3,
    column: 11,
    path: '/sessions/0/host',
    hint: 'vouliez-vous dire « pays-portuaire » ?',
    related: [{ file: 'participants.yaml', line: 2, column: 9, message: 'territoire le plus proche' }],
  },
  {
    severity: 'error',
    code: 'yaml/syntax',
    message: 'tabulation dans l’indentation',
    file: 'programme.yaml',
    line: 7,
    column: 1,
    hint: 'YAML n’accepte pas les tabulations.\n    start: "09:00"',
  },
  { severity: 'error', code: 'yaml/syntax', message: 'nouvelle clé dans une valeur', file: 'capa.yaml', line: 4, column: 10 },
  { severity: 'error', code: 'kit/include', message: 'fichier introuvable', file: 'absent.yaml', line: 1, column: 1 },
  { severity: 'error', code: 'kit/stale', message: 'position au-delà de la fin', file: 'capa.yaml', line: 40, column: 2 },
  { severity: 'warning', code: 'method/follow-up', message: 'pas de rencontre un an après' },
];

const options = { lang: 'fr' as const, source: (file: string) => SOURCES[file] };

describe('formatDiagnostics', () => {
  it('prints header, code frame, hint and related places for each diagnostic (golden)', () => {
    const text = formatDiagnostics(DIAGNOSTICS, options) + '\n\n' + formatSummary(DIAGNOSTICS, { ...options, target: 'kits/demo' });
    expectGolden('report.fr.txt', text + '\n');
  });

  it('prints the same report in English, with paths shown as the CLI asks (golden)', () => {
    const en = { ...options, lang: 'en' as const, displayPath: (f: string) => `kits/demo/${f}` };
    const text = formatDiagnostics(DIAGNOSTICS, en) + '\n\n' + formatSummary(DIAGNOSTICS, { ...en, target: 'kits/demo' });
    expectGolden('report.en.txt', text + '\n');
  });

  it('sorts by file and line even when given unsorted diagnostics', () => {
    const headers = formatDiagnostics(DIAGNOSTICS, options)
      .split('\n')
      .filter((l) => /\[[a-z-]+\/[a-z-]+\]$/.test(l))
      .map((l) => l.split('  ')[0]);
    expect(headers).toEqual([
      'avertissement',
      'absent.yaml:1:1',
      'capa.yaml:4:10',
      'capa.yaml:40:2',
      'programme.yaml:2:5',
      'programme.yaml:3:11',
      'programme.yaml:7:1',
    ]);
  });

  it('says the severity in the message language (CI reads --format github|gitlab|json, not this)', () => {
    const text = formatDiagnostics(DIAGNOSTICS, options);
    expect(text).toContain('programme.yaml:3:11  erreur  territoire « pays-portuair » inconnu  [ref/unknown]');
    expect(text).toContain('programme.yaml:2:5  avertissement  la session');
    expect(text).not.toMatch(/\b(error|warning)\b/);
    const en = formatDiagnostics(DIAGNOSTICS, { ...options, lang: 'en' });
    expect(en).toContain('programme.yaml:3:11  error  ');
    expect(en).toContain('programme.yaml:2:5  warning  ');
  });

  it('leaves warnings out under --quiet, but not when --strict makes them fail', () => {
    const quiet = formatDiagnostics(DIAGNOSTICS, { ...options, quiet: true });
    expect(quiet).not.toContain('avertissement');
    expect(quiet.match(/  erreur  /g)).toHaveLength(5);
    const strict = formatDiagnostics(DIAGNOSTICS, { ...options, quiet: true, strict: true });
    expect(strict.match(/^(?:\S+  )?avertissement  /gm)).toHaveLength(2);
  });

  it('colours only when given a colour level', () => {
    const plain = formatDiagnostics(DIAGNOSTICS, options);
    expect(plain).not.toMatch(/\u001b\[/);
    const coloured = formatDiagnostics(DIAGNOSTICS, { ...options, chalk: new Chalk({ level: 1 }) });
    expect(coloured).toContain('\u001b[31m\u001b[1merreur\u001b[22m\u001b[39m');
    expect(coloured).toContain('\u001b[33m\u001b[1mavertissement\u001b[22m\u001b[39m');
    expect(coloured).toContain('\u001b[36mprogramme.yaml:3:11\u001b[39m');
    expect(coloured).toContain('\u001b[2m[ref/unknown]\u001b[22m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});

describe('formatSummary', () => {
  const d = (severity: 'error' | 'warning'): Diagnostic => ({ severity, code: 'x/y', message: 'm' });
  const cases: Array<[Diagnostic[], boolean, string, string]> = [
    [[], false, '✓ kits/demo est valide : aucun problème', '✓ kits/demo is valid: no problems'],
    [[d('warning')], false, '✓ kits/demo est valide (1 avertissement)', '✓ kits/demo is valid (1 warning)'],
    [[d('warning'), d('warning')], false, '✓ kits/demo est valide (2 avertissements)', '✓ kits/demo is valid (2 warnings)'],
    [[d('error')], false, '✖ kits/demo : 1 erreur', '✖ kits/demo: 1 error'],
    [[d('error'), d('error'), d('warning')], false, '✖ kits/demo : 2 erreurs, 1 avertissement', '✖ kits/demo: 2 errors, 1 warning'],
    [[d('warning')], true, '✖ kits/demo : 1 avertissement (refusé avec --strict)', '✖ kits/demo: 1 warning (fails under --strict)'],
  ];
  it.each(cases)('%j strict=%s', (list, strict, fr, en) => {
    expect(formatSummary(list, { lang: 'fr', strict, target: 'kits/demo' })).toBe(fr);
    expect(formatSummary(list, { lang: 'en', strict, target: 'kits/demo' })).toBe(en);
  });
});

describe('codeFrame', () => {
  const source = SOURCES['programme.yaml']!;
  it('frames the first line, the last line, a tab-indented line and a column past the end (golden)', () => {
    const frames = [
      codeFrame({ source, line: 1, column: 1 }),
      codeFrame({ source, line: 7, column: 2 }),
      codeFrame({ source, line: 4, column: 200 }),
      codeFrame({ source: 'a: 1\r\nb: 2\r\n', line: 2, column: 4 }),
    ];
    expectGolden('code-frames.txt', frames.join('\n---\n') + '\n');
  });

  it('has no frame for a line the file does not have', () => {
    expect(codeFrame({ source, line: 9, column: 1 })).toBeUndefined();
    expect(codeFrame({ source, line: 0, column: 1 })).toBeUndefined();
  });
});
