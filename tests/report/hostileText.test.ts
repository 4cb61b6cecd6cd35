import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import { codeFrame, FRAME_WIDTH } from '../../src/report/codeFrame.js';
import { formatDiagnostics } from '../../src/report/formatDiagnostics.js';
import { formatGithub } from '../../src/report/formatGithub.js';
import { formatGitlab } from '../../src/report/formatGitlab.js';
import { safeJson, showControls } from '../../src/report/showControls.js';
import { wrapText } from '../../src/report/wrapText.js';

// What a terminal obeys: ESC (CSI, OSC), BEL, CR, C1 CSI, bidi override — everything a kit may hold.
const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b[2J\u001b[H\r\u009b31m\u202eevil\u007f';
const source = `sessions:\n  - id: s1\n    host: "${HOSTILE}"\n    title: ok\n`;
const diagnostic: Diagnostic = {
  severity: 'error',
  code: 'ref/unknown',
  message: `Territoire « ${HOSTILE} » n’existe pas`,
  file: `prog\u001b[2Jramme.yaml`,
  line: 3,
  column: 11,
  hint: `vouliez-vous dire « ${HOSTILE} » ?`,
  related: [{ file: 'capa.yaml', line: 1, column: 1, message: HOSTILE }],
};
/** Control characters a terminal would act on (tab and newline are text). */
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('kit text printed to a terminal', () => {
  it('shows every control character escaped: in the message, the hint, the file name, the code frame and related places', () => {
    const text = formatDiagnostics([diagnostic], { lang: 'fr', source: () => source });
    expect(text).not.toMatch(OBEYED);
    expect(text).toContain('x\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[H\\r\\x9b31m\\u202eevil\\x7f');
    expect(text).toContain('prog\\x1b[2Jramme.yaml:3:11  erreur');
  });

  it('keeps the caret under the column when escapes widen the line before it', () => {
    const frame = codeFrame({ source: 'a: "\u001b\u001b"  x\n', line: 1, column: 10 })!;
    const [line, caret] = frame.split('\n');
    expect(line).toBe('  > 1 | a: "\\x1b\\x1b"  x');
    expect(caret!.indexOf('^')).toBe(line!.lastIndexOf('x'));
  });

  it('shows the same escapes in every function a message goes through (one printing layer)', () => {
    expect(showControls('a\tb\nc\u001bd\u2066')).toBe('a\tb\nc\\x1bd\\u2066');
  });
});

describe('long lines', () => {
  it('cuts a 6 MB line to a window around the column, with … where cut, the caret still under the column', () => {
    const long = 'title: ' + 'a'.repeat(3_000_000) + 'XY' + 'b'.repeat(3_000_000);
    const column = 8 + 3_000_000; // the X
    const frame = codeFrame({ source: `capa: 1\n${long}\nz: 2\n`, line: 2, column })!;
    expect(frame.length).toBeLessThan(1000);
    const [, line, caret] = frame.split('\n');
    expect(line).toMatch(/^ {2}> 2 \| …a+XYb+…$/);
    expect(line!.length).toBeLessThanOrEqual(FRAME_WIDTH + 12);
    expect(line![caret!.indexOf('^')]).toBe('X');
  });

  it('cuts the lines above and below at the same place, so the frame stays aligned', () => {
    const row = (c: string) => c.repeat(300);
    const frame = codeFrame({ source: `${row('a')}\n${'b'.repeat(250)}C${'b'.repeat(49)}\n${row('c')}\n`, line: 2, column: 251 })!;
    const [above, line, caret, below] = frame.split('\n');
    expect(above!.indexOf('…a')).toBe(line!.indexOf('…b'));
    expect(below!.indexOf('…c')).toBe(line!.indexOf('…b'));
    expect(line![caret!.indexOf('^')]).toBe('C');
  });

  it('shortens a huge corrected line in a hint in its middle', () => {
    const d: Diagnostic = { severity: 'error', code: 'yaml/syntax', message: 'm', hint: `Mettez des guillemets :\n    t: "${'x'.repeat(100_000)}"` };
    const text = formatDiagnostics([d], { lang: 'fr' });
    expect(text.length).toBeLessThan(400);
    expect(text).toMatch(/t: "x+…x+"$/);
  });
});

describe('many diagnostics in one big file', () => {
  it('splits the file once for all its frames, not once per diagnostic', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  - { id: p${i}, organisation: nope }`);
    const text = `people:\n${lines.join('\n')}\n`;
    let reads = 0;
    const list: Diagnostic[] = lines.map((_, i) => ({ severity: 'error', code: 'ref/unknown', message: 'inconnu', file: 'p.yaml', line: i + 2, column: 30 }));
    const out = formatDiagnostics(list, { lang: 'fr', source: () => (reads++, text) });
    expect(reads).toBe(1);
    expect(out.match(/\^/g)).toHaveLength(20_000);
  });
});

describe('wrapping to the terminal width', () => {
  it('cuts at spaces, indents the next lines, never starts a line with French punctuation', () => {
    const text = wrapText('capa.yaml:3:4  erreur  la valeur est beaucoup trop longue pour tenir sur une ligne : vraiment  [ref/unknown]', { width: 40, indent: '    ' });
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {4}\S/);
    expect(lines.some((l) => /^\s*:/.test(l))).toBe(false);
    expect(text.replace(/\n +/g, ' ')).toBe('capa.yaml:3:4  erreur  la valeur est beaucoup trop longue pour tenir sur une ligne : vraiment  [ref/unknown]');
  });

  it('leaves a path longer than the line whole, and ignores colour codes when measuring', () => {
    const path = 'a/'.repeat(40) + 'capa.yaml';
    expect(wrapText(`${path} erreur`, { width: 30, indent: '  ' })).toBe(`${path}\n  erreur`);
    expect(wrapText('\u001b[31merreur\u001b[39m abc', { width: 10, indent: '' })).toBe('\u001b[31merreur\u001b[39m abc');
  });

  it('wraps the diagnostics only when given a width', () => {
    const d: Diagnostic = { severity: 'warning', code: 'method/binome', message: 'mot '.repeat(60).trim(), file: 'capa.yaml', line: 1, column: 1 };
    expect(formatDiagnostics([d], { lang: 'fr' }).split('\n')).toHaveLength(1);
    const wrapped = formatDiagnostics([d], { lang: 'fr', width: 60 }).split('\n');
    expect(wrapped.length).toBeGreaterThan(3);
    for (const l of wrapped) expect(l.length).toBeLessThanOrEqual(60);
  });
});

describe('machine formats', () => {
  const pathOf = (f: string) => `kits/demo/${f}`;

  it('github: one workflow command per diagnostic, properties and data escaped as the Actions toolkit does', () => {
    const list: Diagnostic[] = [
      { severity: 'warning', code: 'method/binome', message: '50%, 3:2\r\nfin', file: 'a,b:c.yaml', line: 4, column: 2 },
      { severity: 'error', code: 'kit/version', message: 'pas de fichier' },
    ];
    expect(formatGithub(list, { pathOf }).split('\n')).toEqual([
      '::error title=kit/version::pas de fichier',
      '::warning file=kits/demo/a%2Cb%3Ac.yaml,line=4,col=2,title=method/binome::50%25, 3:2\\r%0Afin',
    ]);
  });

  it('github: kit control characters cannot forge a second command or drive the log', () => {
    const out = formatGithub([diagnostic], { pathOf });
    expect(out.split('\n')).toHaveLength(1);
    expect(out).not.toMatch(OBEYED);
    expect(out).toMatch(/^::error file=kits\/demo\/prog\\x1b\[2Jramme\.yaml,line=3,col=11,title=ref\/unknown::Territoire/);
    expect(out).toContain('%0A↳ kits/demo/capa.yaml:1:1 ');
  });

  it('gitlab: a Code Climate array with severities, paths, lines and stable, distinct fingerprints', () => {
    const base: Diagnostic = { severity: 'error', code: 'ref/unknown', message: 'inconnu', file: 'p.yaml', line: 3, column: 5, path: '/people/0/organisation' };
    const report = JSON.parse(formatGitlab([base, { ...base, severity: 'warning', code: 'method/binome', line: 9, path: undefined }], { pathOf, manifestPath: 'kits/demo/capa.yaml' }));
    expect(report).toEqual([
      { description: 'inconnu', check_name: 'ref/unknown', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'major', location: { path: 'kits/demo/p.yaml', lines: { begin: 3 } } },
      { description: 'inconnu', check_name: 'method/binome', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'minor', location: { path: 'kits/demo/p.yaml', lines: { begin: 9 } } },
    ]);
    // The same problem moved down by lines added above keeps its fingerprint; two identical ones differ.
    const moved = JSON.parse(formatGitlab([{ ...base, line: 30 }], { pathOf, manifestPath: 'x' }));
    expect(moved[0].fingerprint).toBe(report[0].fingerprint);
    const twice = JSON.parse(formatGitlab([base, base], { pathOf, manifestPath: 'x' }));
    expect(twice[0].fingerprint).not.toBe(twice[1].fingerprint);
    const fileless = JSON.parse(formatGitlab([{ severity: 'warning', code: 'method/follow-up', message: 'm' }], { pathOf, manifestPath: 'kits/demo/capa.yaml' }));
    expect(fileless[0].location).toEqual({ path: 'kits/demo/capa.yaml', lines: { begin: 1 } });
  });

  it('json and gitlab: the kit text as it is, with what a terminal obeys written as \\u escapes', () => {
    const json = safeJson({ message: HOSTILE });
    expect(json).not.toMatch(OBEYED);
    expect(JSON.parse(json).message).toBe(HOSTILE);
    const gitlab = formatGitlab([diagnostic], { pathOf, manifestPath: 'x' });
    expect(gitlab).not.toMatch(OBEYED);
    expect(JSON.parse(gitlab)[0].description).toContain(HOSTILE);
  });
});
