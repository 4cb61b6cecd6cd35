import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlFile } from '../../src/kit/readYamlFile.js';
import { reparseEdit } from '../../src/kit/reparseEdit.js';
import { yamlLib } from '../../src/kit/yamlLib.js';
import { cacheDirPerTest } from '../helpers/cacheDir.js';
import { freshDir } from '../helpers/tempKit.js';

const KIT = path.resolve(import.meta.dirname, '../../kits/capacities');
const challenges = readFileSync(path.join(KIT, 'challenges.yaml'), 'utf8');
const programme = readFileSync(path.join(KIT, 'programme.yaml'), 'utf8');
const QUESTION = 'pour qu’ils décident ensemble ?';

cacheDirPerTest();

/** The data `reparseEdit` gives for `after`, with yaml's own parse for the lines parsed alone. */
function reparse(before: string, after: string): unknown {
  const { parse } = yamlLib();
  return reparseEdit({ before, after, value: parse(before), parse: (text) => parse(text) });
}

/** What readYamlFile gives for `after` once it has read `before` (the parse cache holding it), and with no cache. */
async function readAfterEdit(before: string, after: string) {
  const file = path.join(freshDir(), 'part.yaml');
  writeFileSync(file, before);
  await readYamlFile({ real: file, file: 'part.yaml', lang: 'en' });
  writeFileSync(file, after);
  const edited = await readYamlFile({ real: file, file: 'part.yaml', lang: 'en' });
  const saved = process.env.CAPA_CACHE_DIR;
  process.env.CAPA_CACHE_DIR = '';
  try {
    const whole = await readYamlFile({ real: file, file: 'part.yaml', lang: 'en' });
    return { edited: { value: edited.value, diagnostics: edited.diagnostics }, whole: { value: whole.value, diagnostics: whole.diagnostics } };
  } finally {
    process.env.CAPA_CACHE_DIR = saved;
  }
}

describe('reparseEdit: the data after an edit, from the items it touched', () => {
  it('gives the data of the whole edited file for edits inside one list, and parses only the items touched', () => {
    const { parse } = yamlLib();
    const parsed: string[] = [];
    const edits = [
      challenges.replace(QUESTION, 'pour qu’ils décident ensemble (version 2) ?'),
      challenges.replace('    number: 2\n', '    number: 22\n'),
      challenges.replace('  - id: demonstrateur\n', '  - id: demonstrateur\n    extra: [a, "b: c"]\n'),
      challenges.replace('  # --- Fil 1 ---\n', ''),
      programme.replace('\nworkshops:\n', '\nworkshops:\n  - id: ajout\n    title: Ajouté\n'),
    ];
    for (const after of edits) {
      const before = after.includes('ajout') ? programme : challenges;
      expect(after).not.toBe(before);
      const value = reparseEdit({ before, after, value: parse(before), parse: (text) => (parsed.push(text), parse(text)) });
      expect(value).toStrictEqual(parse(after));
    }
    // Each edit parsed its lines twice (as they were, as they are), never the whole file.
    expect(parsed).toHaveLength(2 * edits.length);
    for (const text of parsed) expect(text.length).toBeLessThan(challenges.length / 3);
  });

  it('refuses what a parse of the lines alone could read otherwise than the whole file', () => {
    const refused = [
      // An anchor (an alias after the lines would follow it), a block scalar keeping its trailing lines.
      challenges.replace(QUESTION, '&q pour qu’ils décident ?'),
      challenges.replace(`    question: Comment réunir`, `    notes: |+\n      x\n\n    question: Comment réunir`),
      // A directive reads the whole file otherwise; a document marker; Windows line ends.
      `%YAML 1.1\n---\n${challenges.replace(QUESTION, 'yes')}`,
      challenges.replace(QUESTION, 'x ?').replaceAll('\n', '\r\n'),
      `---\n${challenges.replace(QUESTION, 'x ?')}`,
      // A top-level key, an item indented otherwise, a line less indented than the items.
      challenges.replace('challenges:\n', 'challenges:\nother: 1\n'),
      challenges.replace('  - id: demonstrateur', '   - id: demonstrateur'),
      challenges.replace('    number: 2\n', '    number: 2\n x: 1\n'),
      // Every item removed: the key then holds null.
      challenges.replace(/\nchallenges:\n[\s\S]*$/, '\nchallenges:\n'),
    ];
    for (const after of refused) {
      const before = after.startsWith('%') ? `%YAML 1.1\n---\n${challenges}` : after.startsWith('---') ? `---\n${challenges}` : after.includes('\r') ? challenges.replaceAll('\n', '\r\n') : challenges;
      expect(after).not.toBe(before);
      expect(reparse(before, after)).toBeUndefined();
    }
  });

  it.each([
    ['challenges.yaml', challenges, 4],
    ['programme.yaml (days, slots, steps)', programme, 97],
  ])('reads an edited %s as a parse of the whole file does, data and diagnostics, over many edits', async (_name, original, step) => {
    const lines = original.split('\n');
    const variants: string[] = [];
    // Each line of the file: changed within, doubled, removed, re-indented, and given text that YAML reads
    // otherwise (a key, an unclosed quote, a flow list, an alias, a comment, a tab).
    const tails = [' (bis)', ': x', ' "open', ' [a, b', ' *nope', ' # note', '\tx', ': |', ' - y'];
    for (let i = 0; i < lines.length; i += step) {
      const line = lines[i]!;
      const at = (text: string[]) => [...lines.slice(0, i), ...text, ...lines.slice(i + 1)].join('\n');
      variants.push(at([line, line]), at([]), at([` ${line}`]), at([line.slice(1)]), at([`${line}${tails[i % tails.length]}`]));
      // Indentation YAML does not count as such: a tab, a no-break space.
      if (line.startsWith('  ')) variants.push(at([`\t${line.slice(2)}`]), at([` \u00a0${line.slice(2)}`]));
    }
    let served = 0;
    for (const after of variants) {
      if (after === original) continue;
      const { edited, whole } = await readAfterEdit(original, after);
      expect(edited).toStrictEqual(whole);
      if (whole.diagnostics.length === 0 && reparse(original, after) !== undefined) served++;
    }
    // Many of these edits are served from the items they touch (the others are refused or have a problem).
    expect(served).toBeGreaterThan(variants.length / 4);
  });
});
