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
  it('a row too tall for a page is reported at the long name, the built-in template as a note (real CLI)', () => {
    let nameLine = 0;
    const dir = copyKit(path.join(ROOT, 'kits', 'demo'), {
      'capa.yaml': (text) => {
        const doc = parseDocument(text);
        doc.setIn(['people', 4, 'name'], Array.from({ length: 700 }, () => 'Animatrice').join(' '));
        const out = doc.toString({ lineWidth: 0 });
        nameLine = out.split('\n').findIndex((l) => l.includes('name: Animatrice Animatrice')) + 1;
        return out;
      },
    }, { folder: 'kit' });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'capa.js'), 'build', dir, '--only', 'agenda', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, CAPA_LANG: 'en', NO_COLOR: '1' },
    });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { diagnostics: Array<Record<string, unknown>> };
    const rows = json.diagnostics.filter((d) => d.code === 'layout/row-too-tall');
    expect(rows.length).toBeGreaterThan(0);
    for (const d of rows) {
      expect(d).toMatchObject({ file: 'capa.yaml', line: nameLine, column: 11, path: '/people/4/name' });
      expect(d.related).toEqual([{ file: 'built-in template agenda/partials/day.hbs', line: expect.any(Number), column: expect.any(Number), message: 'the template that places this text' }]);
    }
    // In text, the built-in template is shown as such, not under the kit folder.
    const text = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'capa.js'), 'build', dir, '--only', 'agenda'], {
      encoding: 'utf8',
      env: { ...process.env, CAPA_LANG: 'fr', NO_COLOR: '1' },
    });
    const shown = text.stdout + text.stderr;
    expect(shown).toMatch(/kit\/capa\.yaml:\d+:11 +error +Une ligne de tableau est plus haute qu’une page/);
    expect(shown).toMatch(/↳ modèle intégré agenda\/partials\/day\.hbs:\d+:\d+ +le modèle qui place ce texte/);
    expect(shown).not.toContain('kit/templates/');
  }, 300_000);
});
