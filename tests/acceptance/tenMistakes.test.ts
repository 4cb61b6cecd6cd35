import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateKit } from '../../src/check/validateKit.js';
import { ROOT, runCli } from '../cli/cliHelpers.js';

/**
 * Issue 2, "done when": a kit with ten different mistakes spread over three files gets ten
 * located diagnostics in one run, each pointing at the right line, and exit 1.
 */
const KIT = path.resolve(import.meta.dirname, '../fixtures/bad-kits/ten-mistakes');

/** [code, file, line, column], sorted by file and line as capa reports them. */
const TEN: Array<[string, string, number, number]> = [
  ['kit/version', 'capa.yaml', 2, 7], //                capa: 2
  ['schema/format', 'capa.yaml', 8, 12], //             primary: "#12345"
  ['asset/missing', 'capa.yaml', 9, 9], //              logo: assets/absent.png
  ['schema/enum', 'participants.yaml', 4, 11], //       kind: urbain
  ['schema/type', 'participants.yaml', 5, 17], //       population: 120 000
  ['ref/unknown', 'participants.yaml', 6, 14], //       elected: marie-dupond
  ['schema/unknown-key', 'participants.yaml', 20, 5], // titel: …
  ['ref/duplicate-id', 'participants.yaml', 29, 9], //  second - id: paul-martin
  ['schema/format', 'programme.yaml', 6, 13], //        date: 2027-02-30
  ['schema/format', 'programme.yaml', 12, 16], //       start: 9h
];

describe('ten mistakes over three files', () => {
  it('validateKit reports the ten, located, in one run', async () => {
    const diagnostics = await validateKit({ dir: KIT });
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual(TEN);
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
    // Each message names what is wrong, with the near miss where there is one.
    const byLine = (file: string, line: number) => diagnostics.find((d) => d.file === file && d.line === line)?.message ?? '';
    expect(byLine('participants.yaml', 4)).toContain('« urban »');
    expect(byLine('participants.yaml', 6)).toContain('« marie-dupont »');
    expect(byLine('participants.yaml', 20)).toContain('« title »');
    expect(byLine('participants.yaml', 29)).toContain('ligne 21 de participants.yaml');
    expect(byLine('programme.yaml', 6)).toContain('2027-02-30');
  });

  it('the real CLI prints the ten in JSON and exits 1', () => {
    const run = runCli(['validate', KIT, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; diagnostics: Array<{ code: string; file: string; line: number; column: number }> };
    expect([report.ok, report.errors]).toEqual([false, 10]);
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual(TEN);
  });

  it('the real CLI prints each one as file:line:col  erreur  message  [code] for people and exits 1', () => {
    const run = runCli(['validate', KIT, '--no-color']);
    expect(run.code).toBe(1);
    const prefix = `${path.relative(ROOT, KIT)}/`;
    const headers = (run.stdout + run.stderr)
      .split('\n')
      .map((line) => /^(\S+):(\d+):(\d+) {2}erreur {2}.* {2}\[([a-z-]+\/[a-z-]+)\]$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[4], m[1].replace(prefix, ''), Number(m[2]), Number(m[3])]);
    expect(headers).toEqual(TEN);
  });
});
