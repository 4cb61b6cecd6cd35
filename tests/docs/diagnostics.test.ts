import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { diagnosticCodesInSource, documentedCodes } from './diagnosticCodes.js';

const doc = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');

test('docs/diagnostics.md documents every diagnostic code that src/ can report', () => {
  const inSource = diagnosticCodesInSource();
  const documented = documentedCodes(doc);
  const missing = [...inSource].filter(([code]) => !documented.has(code)).map(([code, file]) => `${code}  (${file})`);
  // A failure lists each missing code with the file that reports it: add a row to its family's table
  // in docs/diagnostics.md — meaning in French and English, and a message copied from a real run.
  expect(missing, `codes missing from docs/diagnostics.md:\n  ${missing.join('\n  ')}\n`).toEqual([]);
  expect(inSource.size).toBeGreaterThan(80);
});

test('docs/diagnostics.md documents no code that src/ no longer has', () => {
  const inSource = diagnosticCodesInSource();
  const stale = [...documentedCodes(doc)].filter((code) => !inSource.has(code));
  expect(stale, `codes in docs/diagnostics.md that src/ never reports: ${stale.join(', ')}`).toEqual([]);
});

test('every documented code has a meaning and an example message', () => {
  const rows = doc.split('\n').filter((line) => /^\|\s*`[a-z]+\/[a-z0-9-]+`/.test(line));
  const thin = rows.filter((row) => {
    const cells = row.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    const [meaning, example] = cells.slice(-2);
    return !meaning?.includes(' / ') || !example || example.length < 20;
  });
  expect(thin).toEqual([]);
});
