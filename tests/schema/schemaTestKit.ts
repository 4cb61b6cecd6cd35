import { checkSchema } from '../../src/check/checkSchema.js';
import { loadKit } from '../../src/kit/loadKit.js';
import type { Diagnostic } from '../../src/report/Diagnostic.js';
import type { Lang } from '../../src/report/messages.js';
import { tempKit } from '../helpers/tempKit.js';

/** Write a kit folder (file name → YAML text), load it with the real loader and check its schema. */
export async function checkKitFiles(files: Record<string, string>, lang: Lang = 'fr'): Promise<Diagnostic[]> {
  const dir = tempKit(files);
  const kit = await loadKit({ dir, lang });
  if (kit.diagnostics.length > 0) throw new Error(`the test kit does not load: ${JSON.stringify(kit.diagnostics)}`);
  return checkSchema(kit, lang);
}

/** A complete, valid kit in one capa.yaml, following docs/kit-format.en.md (line numbers are used by tests). */
export const validKit = `capa: 1
kit:
  id: capacities-2027
  title: Expédition CAPAcities 2027
  subtitle: L'orientation usagers
  lang: fr
  license: CC-BY-NC-4.0
  organisers: [cerema]
theme:
  primary: "#1D4E89"
  accent: "#F4A"
  logo: assets/logo.png
build:
  out: dist
  documents: [agenda, run-sheet, cards, carnet, use-cases, sign-in, badges, calendar]
  bleed_mm: 3
  duplex_offset_mm: { x: 0.5, y: -1 }
lint:
  rules: { population-range: off, site-visit: error }
territories:
  - id: pays-portuaire
    name: Communauté d'agglomération du Pays Portuaire
    kind: port
    population: 120000
    members: [Ville-sur-Mer, Saint-Quai]
    elected: marie-dupont
    project_lead: paul-martin
organisations:
  - id: cerema
    name: Cerema
    type: national-partner
people:
  - id: marie-dupont
    name: Marie Dupont
    organisation: pays-portuaire
    role: elected
    title: Vice-présidente au numérique
    attends: all
  - id: paul-martin
    name: Paul Martin
    organisation: pays-portuaire
    role: project-lead
    attends: [session-3]
use_cases:
  - id: acces-port
    territory: pays-portuaire
    title: Fluidifier l'accès au port
    end_users: [chauffeurs routiers]
    summary: Texte libre.
    problems: [Données dispersées]
    data: [comptages routiers]
    stakeholders: [cerema]
    maturity: 2
threads:
  - id: fil-2
    title: Un outil commun
    color: "#2A9D8F"
challenges:
  - id: outil-commun
    number: 4
    thread: fil-2
    title: Avoir un outil commun
    question: Quel outil partagé ?
    prompts: [Qui alimente l'outil ?]
    outputs: [Schéma de principe]
    use_cases: [acces-port]
sessions:
  - id: session-3
    title: Construire des solutions
    host: pays-portuaire
    venue: { name: Maison du port, address: "1 quai Est" }
    visit:
      date: 2027-05-11
      start: "16:00"
      end: "18:30"
      title: Visite du terminal fret
      place: Terminal Est
    days:
      - date: 2027-05-12
        start: "09:00"
        slots:
          - { title: Accueil café, kind: informal, duration: 30 }
          - { workshop: lego-outil-commun, duration: 1h30, room: Salle A, facilitators: [paul-martin], notes: Prévoir les boîtes }
          - { title: Déjeuner, kind: meal, start: "12:30", end: "14:00" }
          - { title: Temps d'échange avec les élus, kind: elected, duration: "45min" }
          - { title: Réinterroger le collectif, kind: retro, duration: 2h05 }
workshops:
  - id: lego-outil-commun
    title: Un outil commun, en Lego
    challenges: [outil-commun]
    format: lego
    facilitators: [paul-martin]
    objectives: [Esquisser l'outil]
    materials: [Boîtes de Lego]
    steps:
      - { title: Consigne, duration: 10, instructions: Expliquer le défi }
      - { title: Construction, duration: 1h }
    questions: [Qui alimente l'outil ?]
    capture:
      ideas: []
      feedback: []
      leads: []
      wishes: []
follow_up:
  date: 2028-05-12
  title: Rencontre un an après
  place: Ville-sur-Mer
`;

/** The valid kit with one line (1-based) replaced; keeps every other line number. */
export function withLine(line: number, text: string): string {
  const lines = validKit.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

/** 1-based line of the first line of the valid kit that equals `text` (trimmed), to keep tests readable. */
export function lineOf(text: string): number {
  const index = validKit.split('\n').findIndex((l) => l.trim() === text);
  if (index < 0) throw new Error(`no line ${text}`);
  return index + 1;
}
