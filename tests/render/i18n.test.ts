import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTemplatesDir, createRenderer } from '../../src/render/createRenderer.js';
import { fillLabel, readCatalogue, type Label } from '../../src/render/i18n.js';
import { tempKit } from '../helpers/tempKit.js';

function builtin(lang: 'fr' | 'en') {
  return readCatalogue({ templatesDir: builtinTemplatesDir(), lang, displayFile: `templates/i18n/${lang}.yaml`, messageLang: 'en' });
}
/** Plain text and gender forms (`f`/`m`/`n`) are both one label to the templates; plural forms are another shape. */
function shape(label: Label): string {
  const keys = typeof label === 'string' ? [] : Object.keys(label);
  return keys.length === 0 || keys.every((k) => ['f', 'm', 'n'].includes(k)) ? 'text' : keys.sort().join(',');
}

describe('built-in label catalogues', () => {
  const fr = builtin('fr');
  const en = builtin('en');

  it('load without problems', () => {
    expect(fr.diagnostics).toEqual([]);
    expect(en.diagnostics).toEqual([]);
    expect(fr.catalogue.size).toBeGreaterThan(100);
  });

  it('have the same keys in French and English, with the same shape (text or plural forms)', () => {
    const missingInEn = [...fr.catalogue.keys()].filter((k) => !en.catalogue.has(k));
    const missingInFr = [...en.catalogue.keys()].filter((k) => !fr.catalogue.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInFr).toEqual([]);
    for (const [key, label] of fr.catalogue) expect([key, shape(en.catalogue.get(key)!)]).toEqual([key, shape(label)]);
  });

  it('use the same {placeholders} in both languages', () => {
    const names = (l: Label) => JSON.stringify([...JSON.stringify(l).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    for (const [key, label] of fr.catalogue) expect([key, names(en.catalogue.get(key)!)]).toEqual([key, names(label)]);
  });

  it('name every slot kind, role, territory kind and organisation type of the kit format', () => {
    const keys = [
      ...['workshop', 'plenary', 'informal', 'meal', 'break', 'visit', 'elected', 'retro', 'other'].map((k) => `slot-kind.${k}`),
      ...['elected', 'project-lead', 'company-rep', 'partner-rep', 'facilitator', 'staff', 'observer'].map((k) => `role.${k}`),
      ...['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed'].map((k) => `territory-kind.${k}`),
      ...['company', 'national-partner', 'facilitator', 'other'].map((k) => `organisation-type.${k}`),
      ...['agenda', 'run-sheet', 'cards', 'carnet', 'use-cases', 'sign-in', 'badges', 'calendar'].map((k) => `document.${k}`),
    ];
    for (const key of keys) expect([key, fr.catalogue.has(key)]).toEqual([key, true]);
    expect(fr.catalogue.get('slot-kind.elected')).toBe('Temps avec les élus');
    expect(en.catalogue.get('document.sign-in')).toBe('Sign-in sheets');
  });

  it('give every French role a feminine, a masculine and an epicene form', () => {
    const roles = ['elected', 'project-lead', 'company-rep', 'partner-rep', 'facilitator', 'staff', 'observer'];
    for (const role of roles) expect([role, Object.keys(fr.catalogue.get(`role.${role}`) as object).sort()]).toEqual([role, ['f', 'm', 'n']]);
    expect(fr.catalogue.get('role.elected')).toEqual({ f: 'Élue', m: 'Élu', n: 'Personne élue' });
    expect(fr.catalogue.get('role.facilitator')).toEqual({ f: 'Animatrice', m: 'Animateur', n: 'Équipe d’animation' });
  });
});

describe('the t helper', () => {
  const kitDir = tempKit({
    'templates/i18n/fr.yaml': 'document:\n  agenda: Notre programme\nperso:\n  bonjour: "Bonjour {name} !"\n',
    'templates/x/override.hbs': '{{t "document.agenda"}} / {{t "document.carnet"}} / {{t "perso.bonjour" name=who}}',
    'templates/x/missing.hbs': 'a\n  {{t "label.nope"}} {{t "label.nope"}}\n{{#each items}}{{t "label.nope"}}{{/each}}',
    'templates/x/only-fr.hbs': '{{t "perso.bonjour" name="Ann"}}',
  });

  it('a kit overrides single keys; other keys keep the built-in text', () => {
    const r = createRenderer({ kitDir, lang: 'fr' });
    expect(r.render('x/override', { who: 'Léa & Zoé' })).toMatchObject({
      output: 'Notre programme / Carnet d’ateliers / Bonjour Léa &amp; Zoé !',
      diagnostics: [],
    });
    expect(r.translate('document.agenda')).toBe('Notre programme');
  });

  it('a key missing in both languages is a template/missing-translation error at the template line, once per place', () => {
    const r = createRenderer({ kitDir, lang: 'fr', messageLang: 'en' });
    const { output, diagnostics } = r.render('x/missing', { items: [1, 2, 3] });
    expect(output).toBe('a\n  label.nope label.nope\nlabel.nopelabel.nopelabel.nope');
    expect(diagnostics).toEqual([
      { severity: 'error', code: 'template/missing-translation', message: 'No translation for the key “label.nope” (neither in French nor in English).', file: 'templates/x/missing.hbs', line: 2, column: 3 },
      { severity: 'error', code: 'template/missing-translation', message: 'No translation for the key “label.nope” (neither in French nor in English).', file: 'templates/x/missing.hbs', line: 2, column: 22 },
      { severity: 'error', code: 'template/missing-translation', message: 'No translation for the key “label.nope” (neither in French nor in English).', file: 'templates/x/missing.hbs', line: 3, column: 16 },
    ]);
  });

  it('a key only in the other language is used, with a warning', () => {
    const r = createRenderer({ kitDir, lang: 'en', messageLang: 'en' });
    const { output, diagnostics } = r.render('x/only-fr', {});
    expect(output).toBe('Bonjour Ann !');
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'template/missing-translation', file: 'templates/x/only-fr.hbs', line: 1, column: 1 }]);
  });

  it('a broken kit label file is reported with its line, once, on the renderer', () => {
    const bad = tempKit({ 'templates/i18n/en.yaml': 'label:\n  room: Room\n  room: Again\n', 'templates/i18n/fr.yaml': 'label:\n  room: [a, b]\n' });
    const r = createRenderer({ kitDir: bad, lang: 'en', messageLang: 'en' });
    expect(r.diagnostics).toMatchObject([
      { code: 'template/i18n', file: 'templates/i18n/en.yaml', line: 3, column: 3 },
      { code: 'template/i18n', file: 'templates/i18n/fr.yaml', message: 'The key “label.room” must be a text or plural forms (one, other).' },
    ]);
    // The built-in labels still work.
    expect(r.translate('label.room')).toBe('Room');
  });
});

describe('fillLabel', () => {
  it('chooses plural forms by the language rules and formats numbers', () => {
    const label = { one: '{count} atelier', other: '{count} ateliers' };
    expect(fillLabel('fr', label, { count: 0 })).toBe('0 atelier');
    expect(fillLabel('en', { one: '{count} item', other: '{count} items' }, { count: 0 })).toBe('0 items');
    expect(fillLabel('fr', label, { count: 1500 })).toBe('1\u202F500 ateliers');
    expect(fillLabel('fr', 'Salle {room} {unknown}', { room: 'A' })).toBe('Salle A {unknown}');
  });
  it('is where the built-in templates live', () => {
    expect(join(builtinTemplatesDir(), 'i18n')).toMatch(/templates\/i18n$/);
  });
});
