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
 * Rough cost of making a document, in milliseconds of one core (Node 20, a quiet 2-core machine), from what it
 * prints. Only its order matters much (the largest documents are started first) and whether the sum is worth
 * starting a worker for; calibrated on the shipped kits and generated 50 and 500-workshop kits.
 */
export function documentCost(name: DocumentName, kit: Kit): number {
  const days = kit.sessions.flatMap((s) => s.days);
  const slots = days.reduce((n, d) => n + d.slots.length, 0);
  const workshops = days.reduce((n, d) => n + d.slots.filter((s) => s.workshop).length, 0);
  const people = kit.people.length;
  switch (name) {
    case 'agenda':
      return 60 + 4 * slots + 10 * days.length;
    case 'run-sheet':
      return 60 + 12 * workshops + 2 * slots;
    case 'carnet':
      return 100 + 14 * workshops + 8 * kit.challenges.length + 6 * kit.useCases.length;
    case 'cards':
      return 30 + 10 * kit.challenges.length;
    case 'use-cases':
      return 30 + 12 * kit.useCases.length;
    case 'sign-in':
      return 30 + 1 * people * Math.max(1, days.length) / 4;
    case 'badges':
      return 10 + 1 * people;
    case 'calendar':
      return 5 + 0.3 * slots;
  }
}

/** Starting a worker (loading capa's modules, the kit, the fonts, warming up) costs about this much of a core. */
const WORKER_START_MS = 600;

/**
 * How many threads make the documents: `threads` or `CAPA_WORKERS` when set (1: this thread only), else one per core, no more
 * than there are documents worth a thread, and only when the documents cost well more than starting a worker.
 * Documents reused by `--watch` (`cached`) are made in this thread, where the previous build's PDFs are.
 */
export function documentThreads(opts: { names: DocumentName[]; kit: Kit; cached: boolean; lang: Lang; threads?: number; cores?: number }): number {
  const forced = opts.threads ?? workersFromEnv(process.env.CAPA_WORKERS, opts.lang);
  if (opts.cached || opts.names.length < 2) return 1;
  const costs = opts.names.map((n) => documentCost(n, opts.kit)).sort((a, b) => b - a);
  // Documents cheaper than a worker's start are not worth one each.
  const worthy = Math.max(1, costs.filter((c) => c >= WORKER_START_MS / 2).length);
  if (forced !== undefined) return Math.min(forced, opts.names.length);
  const total = costs.reduce((a, b) => a + b, 0);
  // Two threads halve at best the time after the worker's start: below this, one thread is as fast.
  if (total < 3 * WORKER_START_MS) return 1;
  return Math.max(1, Math.min(opts.cores ?? availableParallelism(), worthy));
}

function workersFromEnv(value: string | undefined, lang: Lang): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 64) throw new UsageError('usage/bad-workers', msg(lang, 'badWorkers', { value }));
  return n;
}
