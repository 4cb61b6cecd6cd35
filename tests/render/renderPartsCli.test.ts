import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { copyKit, ROOT } from '../helpers/tempKit.js';

/**
 * Documents are rendered part by part as the layout reads them (a sheet, a day): a problem in the last part is
 * reported where it would be if the document had been rendered whole — at the template line and column, or at the
 * kit value — and the build writes nothing (real CLI).
 */
const capa = (dir: string, only: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'capa.js'), 'build', dir, '--only', only, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, CAPA_LANG: 'en', NO_COLOR: '1' },
  });
type Reported = { diagnostics: Array<Record<string, unknown>> };

describe('a problem in the last part of a document rendered in parts', () => {
  it('an unknown element written for the last sheet only is reported at its line and column in the forked template', () => {
    const builtin = readFileSync(path.join(ROOT, 'templates', 'sign-in', 'main.hbs'), 'utf8');
    const forked = builtin.replace('{{> sheet}}\n', '{{> sheet}}\n{{#if @last}}  <bogus/>{{/if}}\n');
    expect(forked).not.toBe(builtin);
    const lines = forked.split('\n');
    const line = lines.findIndex((l) => l.includes('<bogus/>')) + 1;
    const column = lines[line - 1]!.indexOf('<bogus/>') + 1;
    const dir = copyKit(path.join(ROOT, 'kits', 'capacities'), { 'templates/sign-in/main.hbs': forked });
    const r = capa(dir, 'sign-in');
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as Reported;
    expect(json.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'template/unknown-element', file: 'templates/sign-in/main.hbs', line, column }),
    ]);
  }, 120_000);

  it('a row too tall in the last day is reported at the kit value, the template row as a note, as in the first day', () => {
    const long = Array.from({ length: 1800 }, () => 'Animatrice').join(' ');
    /** The run-sheet built with a workshop's first step made too long; its diagnostics and the value's line. */
    const withLong = (workshop: string) => {
      let line = 0;
      let index = -1;
      const dir = copyKit(path.join(ROOT, 'kits', 'capacities'), {
        'programme.yaml': (text) => {
          const doc = parseDocument(text);
          index = (doc.toJS().workshops as Array<{ id: string }>).findIndex((w) => w.id === workshop);
          doc.setIn(['workshops', index, 'steps', 0, 'instructions'], long);
          const out = doc.toString({ lineWidth: 0 });
          line = out.split('\n').findIndex((l) => l.includes('instructions: Animatrice Animatrice')) + 1;
          return out;
        },
      });
      const r = capa(dir, 'run-sheet');
      expect(r.status).toBe(1);
      const rows = (JSON.parse(r.stdout) as Reported).diagnostics.filter((d) => d.code === 'layout/row-too-tall');
      return { rows, line, index };
    };
    // The first workshop of the first day, and one held on the last day only.
    const first = withLong('presentation-cas-usage');
    const last = withLong('preparer-un-an-apres');
    expect(first.rows.length).toBeGreaterThan(0);
    expect(last.rows.length).toBe(first.rows.length);
    for (const d of last.rows) {
      expect(d).toMatchObject({ file: 'programme.yaml', line: last.line, column: first.rows[0]!.column, path: `/workshops/${last.index}/steps/0/instructions` });
      expect(d.related).toEqual(first.rows[0]!.related);
    }
    expect(first.rows[0]!.related).toEqual([
      { file: 'built-in template run-sheet/partials/slot-rows.hbs', line: expect.any(Number), column: expect.any(Number), message: 'the template that places this text' },
    ]);
  }, 300_000);
});
