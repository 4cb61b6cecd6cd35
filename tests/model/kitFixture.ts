import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kit } from '../../src/kit/Kit.js';
import type { LoadedKit } from '../../src/kit/LoadedKit.js';
import { loadKit } from '../../src/kit/loadKit.js';
import { resolveKit } from '../../src/kit/resolveKit.js';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import type { Lang } from '../../src/report/messages.js';
import { writeFiles } from '../helpers/tempKit.js';

/** A small kit that every schedule check and method rule accepts: one territory, one session, one day. */
export const GOOD_KIT = `capa: 1
kit:
  id: demo
  title: Démo
territories:
  - id: pays-portuaire
    name: Pays Portuaire
    kind: port
    population: 120000
    elected: marie
    project_lead: paul
organisations:
  - id: acme
    name: Acme Énergie
    type: company
people:
  - id: marie
    name: Marie Dupont
    organisation: pays-portuaire
    role: elected
  - id: paul
    name: Paul Martin
    organisation: pays-portuaire
    role: project-lead
  - id: claire
    name: Claire Bernard
    organisation: acme
    role: company-rep
use_cases:
  - id: acces-port
    territory: pays-portuaire
    title: Accès au port
    end_users: [chauffeurs]
workshops:
  - id: lego
    title: Lego
    facilitators: [claire]
    materials: [Lego, post-it]
    steps:
      - { title: Consigne, duration: 10 }
      - { title: Construction, duration: 1h }
sessions:
  - id: s1
    title: Session 1
    host: pays-portuaire
    visit: { date: 2027-05-11, start: "16:00", duration: 2h }
    days:
      - date: 2027-05-12
        start: "09:00"
        slots:
          - { title: Accueil, kind: informal, duration: 30 }
          - { workshop: lego, duration: 1h30, room: A }
          - { title: Déjeuner, kind: meal, start: "12:30", end: "14:00" }
          - { title: Élus, kind: elected, duration: 45 }
          - { title: Retour, kind: retro, duration: 30 }
follow_up:
  date: 2028-05-12
  title: Un an après
`;

export interface Fixture {
  loaded: LoadedKit;
  kit: Kit;
  /** Diagnostics of loading and resolving (not of the checks). */
  diagnostics: Diagnostic[];
}

/** Write a kit (one `capa.yaml` text, or several files) to a temp folder, load it with `loadKit` and resolve it. */
export async function loadFixture(files: string | Record<string, string>, lang: Lang = 'en'): Promise<Fixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'capa-kit-'));
  try {
    writeFiles(dir, typeof files === 'string' ? { 'capa.yaml': files } : files);
    const loaded = await loadKit({ dir, lang });
    const { kit, diagnostics } = resolveKit(loaded, { lang });
    return { loaded, kit, diagnostics: [...loaded.diagnostics, ...diagnostics] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1-based line of the first line of `text` containing `needle` (throws when absent, so a test cannot pass vacuously). */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line with ${needle}`);
  return i + 1;
}

/** Replace exactly one occurrence of `from` (throws otherwise, so fixtures stay what the test thinks). */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture must contain ${from} exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
