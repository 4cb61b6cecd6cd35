import { expect, test } from 'vitest';
import { didYouMean } from '../../src/check/didYouMean.js';

const sessionKeys = ['id', 'title', 'host', 'venue', 'visit', 'days'];

test.each([
  ['hots', sessionKeys, 'host'],
  ['Host', sessionKeys, 'host'],
  ['titel', sessionKeys, 'title'],
  ['day', sessionKeys, 'days'],
  ['project_lead', ['elected', 'project-lead'], 'project-lead'],
  ['org', ['name', 'organisation', 'role'], 'organisation'],
  ['pays-portuare', ['pays-portuaire', 'vallee-haute'], 'pays-portuaire'],
  ['elect', ['elected', 'project-lead', 'staff'], 'elected'],
])('%s → %s', (word, candidates, expected) => {
  expect(didYouMean(word, candidates)).toBe(expected);
});

test.each([
  ['zzz', sessionKeys],
  ['xy', ['id', 'title']],
  ['harbour', ['port', 'mountain', 'industrial', 'urban', 'rural', 'mixed']],
  ['', sessionKeys],
  ['anything', []],
])('no suggestion for %j', (word, candidates) => {
  expect(didYouMean(word, candidates)).toBeUndefined();
});

test('the closest candidate wins, ties go to the first listed', () => {
  expect(didYouMean('cart', ['card', 'cards'])).toBe('card');
  expect(didYouMean('bat', ['cat', 'hat'])).toBe('cat');
});
