import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/colors/contrast.js';
import { leastDifference, MIN_DIFFERENCE } from '../../src/colors/colorDifference.js';
import { validateKit } from '../../src/check/validateKit.js';
import { ROOT, copyKit } from '../helpers/tempKit.js';

const demo = path.join(ROOT, 'kits', 'demo');
const colorDiagnostics = async (dir: string, lang: 'fr' | 'en') => (await validateKit({ dir, lang })).filter((d) => d.code.startsWith('color/'));
const hexIn = (s: string) => [...s.matchAll(/#[0-9A-F]{6}/g)].map((m) => m[0]);

describe('color/contrast: a theme colour printed as text that cannot reach 4.5:1', () => {
  const dir = copyKit(demo, { 'capa.yaml': (t) => t.replace('accent: "#9F6400"', 'accent: "#F2A541"') });

  it('is a warning at the colour value, naming the colour, its ratio and the nearest passing colour of the same hue (fr)', async () => {
    const [d, ...rest] = (await colorDiagnostics(dir, 'fr')).filter((x) => x.code === 'color/contrast');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'warning', file: 'capa.yaml', line: 20, column: 11, path: '/theme/accent' });
    expect(d.message).toContain('la couleur accent #F2A541 est imprimée en texte');
    expect(d.message).toContain('contraste 1,89:1, sous le minimum de 4,5:1 (WCAG)');
    const alternative = hexIn(d.message.split('par exemple')[1])[0];
    expect(d.message).toContain(`accent: "${alternative}"`);
    for (const bg of ['#FFFFFF', '#F4F6F8', '#F3F6F8']) expect(contrastRatio(alternative, bg)).toBeGreaterThanOrEqual(4.5);
    // The nearest: one shade lighter would not pass on the pale panels.
    expect(contrastRatio(alternative, '#F3F6F8')).toBeLessThan(4.6);
  });

  it('says the same in English', async () => {
    const d = (await colorDiagnostics(dir, 'en')).find((x) => x.code === 'color/contrast')!;
    expect(d.message).toMatch(/^the accent colour #F2A541 is printed as text \(headings, labels\) on white or pale backgrounds: contrast 1\.89:1, below the minimum of 4\.5:1 \(WCAG\); the documents print it darkened\. Choose a colour of the same hue that passes, for example accent: "#[0-9A-F]{6}" \(4\.\d\d:1\)$/);
  });

  it('is not raised for the default theme, which passes', async () => {
    const plain = copyKit(demo, { 'capa.yaml': (t) => t.replace(/\n {2}primary: "#085A45"\n {2}accent: "#9F6400"/, '') });
    expect(await colorDiagnostics(plain, 'en')).toEqual([]);
  });
});

describe('color/too-close: colours that mean something and cannot be told apart', () => {
  it('names both threads and both colours, at the later thread’s colour, with the vision where they merge and a palette colour that fits', async () => {
    const dir = copyKit(demo, {
      'capa.yaml': (t) => t.replace(/threads:\n/, 'threads:\n  - id: fil-eau\n    title: Eau\n    color: "#2E86AB"\n').replace('color: "#0B6E4F"', 'color: "#2A9D8F"'),
    });
    const found = await colorDiagnostics(dir, 'en');
    expect(found).toHaveLength(1);
    const d = found[0];
    expect(d).toMatchObject({ severity: 'warning', code: 'color/too-close', file: 'capa.yaml', line: 115, column: 12, path: '/threads/1/color' });
    expect(d.message).toMatch(/^threads “Eau” \(#2E86AB\) and “Partager les données autour des usagers du port” \(#2A9D8F\) have colours too close to tell apart: CIEDE2000 difference 6\.3 for a person with tritanopia \(simulated\), at least 10 is needed on the cards and the thread map\. Choose for example color: "#[0-9A-F]{6}"$/);
    const suggested = hexIn(d.message).at(-1)!;
    expect(leastDifference(suggested, '#2E86AB').delta).toBeGreaterThanOrEqual(MIN_DIFFERENCE.palette);
    const fr = (await colorDiagnostics(dir, 'fr'))[0];
    expect(fr.message).toContain('les fils « Eau » (#2E86AB) et « Partager les données autour des usagers du port » (#2A9D8F) ont des couleurs trop proches : écart ΔE2000 de 6,3 pour une personne tritanope (simulation)');
  });

  it('warns when a theme colour makes a slot kind too close to another on the timelines', async () => {
    // An accent that passes as text but is all but the colour of the elected officials' time.
    const dir = copyKit(demo, { 'capa.yaml': (t) => t.replace('accent: "#9F6400"', 'accent: "#600805"') });
    const found = await colorDiagnostics(dir, 'en');
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['color/too-close', 20, 11]]);
    expect(found[0].message).toMatch(/^the accent colour #600805 gives slots of kind: informal a colour \(#600805\) too close to that of kind: elected \(#5C0300\) on the programme's timelines: CIEDE2000 difference \d\.\d (in normal vision|for a person with \w+ \(simulated\)), at least 10 is needed\. Choose another accent colour, further from it$/);
  });
});
