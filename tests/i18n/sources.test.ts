import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatTime } from '../../src/render/format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('templates say everything through {{t}}', () => {
  it('no built-in template has literal words outside Handlebars expressions, comments and tags', () => {
    const files = globSync('templates/**/*.hbs', { cwd: root });
    expect(files.length).toBeGreaterThan(5);
    const literal: Record<string, string[]> = {};
    for (const f of files) {
      const source = read(f)
        .replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, ' ')
        .replace(/\{\{\{?[\s\S]*?\}?\}\}/g, ' ');
      // Attributes that are read or printed (titles, alternative texts, labels) count as text too.
      const attrs = [...source.matchAll(/\s(?:title|alt|label|calibration-note|bullet|subject|keywords)="([^"]*)"/g)].map((m) => m[1]);
      const words = [...source.replace(/<[^>]*>/g, ' ').split(/\s+/), ...attrs].filter((w) => /\p{L}/u.test(w));
      if (words.length) literal[f] = words;
    }
    expect(literal).toEqual({});
  });
});

/** Files whose French strings are a translation by design (the fr half of a lang switch), with why. */
const ALLOWED: Record<string, string> = {
  // Translates commander's English "(choices: …, default: …)" help suffix when --lang fr.
  'src/cli/main.ts': 'valeurs : |par défaut : ',
};

/** String literals of a TypeScript source, comments left out (a line-based cut: enough for this code base's style). */
function stringLiterals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .split('\n')
    .map((l) => (/^\s*\/\//.test(l) ? '' : l.replace(/\s\/\/\s.*$/, '')))
    .join('\n');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
}

const FRENCH = /[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ]|\b(?:fichier|erreur|introuvable|attendu|manquant)\b/;

describe('user-facing text lives in fr/en message catalogues', () => {
  it('no source file outside a defineMessages catalogue has a French string literal', () => {
    const found: Record<string, string[]> = {};
    for (const f of globSync('src/**/*.ts', { cwd: root })) {
      const source = read(f);
      if (source.includes('defineMessages(')) continue;
      const french = stringLiterals(source).filter((s) => FRENCH.test(s));
      const allowed = ALLOWED[f]?.split('|') ?? [];
      const left = french.filter((s) => !allowed.some((a) => s.includes(a)));
      if (left.length) found[f] = left;
    }
    expect(found).toEqual({});
  });

  it('the scan sees French literals where there are some (a catalogue file)', () => {
    expect(stringLiterals(read('src/cli/buildMessages.ts')).filter((s) => FRENCH.test(s)).length).toBeGreaterThan(5);
  });
});

describe('English dates and times', () => {
  it('reads as English prose', () => {
    expect(formatDate('en', '2027-03-09', 'long')).toBe('Tuesday 9\u00A0March 2027');
    expect(formatTime('en', 570)).toBe('09:30');
    expect(formatTime('en', 570, '12h')).toBe('9:30\u00A0am');
    expect(formatDateRange('en', '2027-03-09', '2027-03-11')).toBe('9–11\u00A0March 2027');
  });
});
