import { availableParallelism } from 'node:os';
import type { DocumentName } from '../defaults.js';
import type { Kit } from '../kit/Kit.js';
import { UsageError } from '../report/CapaError.js';
import { defineMessages, type Lang } from '../report/messages.js';

const msg = defineMessages({
  fr: { badWorkers: (p) => `la variable CAPA_WORKERS vaut ${JSON.stringify(p.value)} : attendu un nombre entier de 1 à 64 (1 : les documents sont faits l’un après l’autre, sans fil d’exécution de plus)` },
  en: { badWorkers: (p) => `the CAPA_WORKERS variable is ${JSON.stringify(p.value)}: expected a whole number from 1 to 64 (1: documents are made one after the other, with no extra thread)` },
});

/**
 * Rough cost of making a document, in milliseconds of one core once warm (Node 20), from what it prints.
 * Only its order matters much (the costliest documents are started first) and whether the sum is worth a
 * worker; fitted on the shipped kits and generated 50 and 500-workshop kits.
 */
export function documentCost(name: DocumentName, kit: Kit): number {
  const days = kit.sessions.flatMap((s) => s.days);
  const slots = days.reduce((n, d) => n + d.slots.length, 0);
  const workshops = days.reduce((n, d) => n + d.slots.filter((s) => s.workshop).length, 0);
  const people = kit.people.length;
  switch (name) {
    case 'agenda':
      return 100 + 1 * slots;
    case 'run-sheet':
      return 150 + 2.5 * workshops + 0.3 * slots;
    case 'carnet':
      return 300 + 3.5 * workshops + 2 * kit.challenges.length + 2 * kit.useCases.length;
    case 'cards':
      return 100 + 3 * kit.challenges.length;
    case 'use-cases':
      return 80 + 4 * kit.useCases.length;
    case 'sign-in':
      return 50 + 0.15 * people * days.length;
    case 'badges':
      return 20 + 0.5 * people;
    case 'calendar':
      return 10 + 0.1 * slots;
  }
}

/**
 * Below this estimated total, documents are made in one thread: a worker costs ~0.5 s of a core to start (capa's
 * modules, the kit, the fonts) and about as much again while its own copy of the code is compiled and warms up.
 */
const WORTH_A_WORKER_MS = 1500;
/** Each worker holds its own heap and fonts (~70–120 MB): a few are enough for capa's eight documents. */
const MAX_THREADS = 3;

/**
 * How many threads make the documents: `threads` or `CAPA_WORKERS` when set (1: this thread only). Otherwise one
 * per core but one, at most three, only on 3 cores or more and when the documents are worth it. On 2 cores,
 * V8's compiler and garbage-collector threads already keep the second core busy during a build: a worker there
 * added ~40% of CPU time and ~70 MB for no shorter build (kits/capacities, the 500-workshop kit).
 * Documents reused by `--watch` (`cached`) are made in this thread, where the previous build's PDFs are.
 */
export function documentThreads(opts: { names: DocumentName[]; kit: Kit; cached: boolean; lang: Lang; threads?: number; cores?: number }): number {
  const forced = opts.threads ?? workersFromEnv(process.env.CAPA_WORKERS, opts.lang);
  if (opts.cached || opts.names.length < 2) return 1;
  if (forced !== undefined) return Math.min(forced, opts.names.length);
  const cores = opts.cores ?? availableParallelism();
  const costs = opts.names.map((n) => documentCost(n, opts.kit));
  if (cores < 3 || costs.reduce((a, b) => a + b, 0) < WORTH_A_WORKER_MS) return 1;
  // A thread for each document worth at least a worker's start, the rest shared among them.
  const worthy = costs.filter((c) => c >= WORTH_A_WORKER_MS / 3).length;
  return Math.max(1, Math.min(cores - 1, MAX_THREADS, worthy));
}
function workersFromEnv(value: string | undefined, lang: Lang): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 64) throw new UsageError('usage/bad-workers', msg(lang, 'badWorkers', { value }));
  return n;
}
