import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { generateKitTypes, kitFileTypesPath } from '../../scripts/genTypes.mjs';

test('src/kit/KitFile.ts is what scripts/genTypes.mjs generates from the schema (run npm run gen:types)', async () => {
  expect(readFileSync(kitFileTypesPath, 'utf8')).toBe(await generateKitTypes());
});

test('KitFile.ts exports clean English names for every part of the format', () => {
  const text = readFileSync(kitFileTypesPath, 'utf8');
  const names = [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]).sort();
  expect(names).toEqual(
    [
      'Build', 'Capture', 'Challenge', 'Color', 'Day', 'DuplexOffset', 'Duration', 'FollowUp', 'Id', 'IsoDate', 'KitFile',
      'KitInfo', 'Lint', 'Organisation', 'Person', 'Photo', 'Ref', 'RefList', 'Session', 'Slot', 'Step', 'TextList', 'Territory',
      'Theme', 'Thread', 'Time', 'UseCase', 'Venue', 'Visit', 'Workshop',
    ].sort(),
  );
  expect(text).toContain('export type Duration = number | string;');
  expect(text).toContain('  attends?: "all" | RefList;');
  expect(text).toContain('  use_cases?: UseCase[];');
});
