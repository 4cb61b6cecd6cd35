import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { copyKit, ROOT } from '../helpers/tempKit.js';

/**
 * A layout problem caused by a kit value is located at that value: a facilitator's name long enough to make a
 * programme row taller than a page is reported at the name in capa.yaml, with the template that laid it out as a
 * related place, and that template, one of capa's own, is named as built-in, never as a path inside the kit.
 */
describe('layout problems caused by data', () => {
  it('a row too tall for a page is reported at the long instructions, the built-in template as a note (real CLI)', () => {
    let line = 0;
    // Long, but within the limit for prose (20,000 characters): the check lets it through, the run-sheet row cannot hold it.
    const long = Array.from({ length: 1800 }, () => 'Animatrice').join(' ');
    const dir = copyKit(path.join(ROOT, 'kits', 'demo'), {
      'programme.yaml': (text) => {
        const doc = parseDocument(text);
        doc.setIn(['workshops', 0, 'steps', 0, 'instructions'], long);
        const out = doc.toString({ lineWidth: 0 });
        line = out.split('\n').findIndex((l) => l.includes('instructions: Animatrice Animatrice')) + 1;
        return out;
      },
    }, { folder: 'kit' });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'capa.js'), 'build', dir, '--only', 'run-sheet', '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, CAPA_LANG: 'en', NO_COLOR: '1' },
    });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { diagnostics: Array<Record<string, unknown>> };
    const rows = json.diagnostics.filter((d) => d.code === 'layout/row-too-tall');
    expect(rows.length).toBeGreaterThan(0);
    for (const d of rows) {
      expect(d).toMatchObject({ file: 'programme.yaml', line, column: 23, path: '/workshops/0/steps/0/instructions' });
      expect(d.related).toEqual([{ file: expect.stringMatching(/^built-in template run-sheet\/partials\/[a-z-]+\.hbs$/), line: expect.any(Number), column: expect.any(Number), message: 'the template that places this text' }]);
    }
    // In text, the built-in template is shown as such, not under the kit folder.
    const text = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'capa.js'), 'build', dir, '--only', 'run-sheet'], {
      encoding: 'utf8',
      env: { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' },
    });
    const shown = text.stdout + text.stderr;
    expect(shown).toMatch(/kit\/programme\.yaml:\d+:23 +erreur +Une ligne de tableau est plus haute qu’une page/);
    expect(shown).toMatch(/↳ modèle intégré run-sheet\/partials\/[a-z-]+\.hbs:\d+:\d+ +le modèle qui place ce texte/);
    expect(shown).not.toContain('kit/templates/');
  }, 300_000);
});
