import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readPdf, seen } from '../helpers/pdf.js';
import { copyKit } from '../helpers/tempKit.js';

const REFERENCE = 'kits/capacities';

/** Text of every page of one document of a kit built in memory, hyphens out (see `seen`). */
async function documentText(dir: string, only: 'badges' | 'sign-in' | 'agenda'): Promise<string> {
  const result = await build({ dir, only: [only], to: 'memory' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const pdf = result.files.find((f) => f.file.endsWith('.pdf'))!;
  return (await readPdf(pdf.content)).flat.join(' ');
}

describe('each person’s own title (reference kit, French)', () => {
  let badges: string;
  let signIn: string;
  beforeAll(async () => {
    [badges, signIn] = await Promise.all([documentText(REFERENCE, 'badges'), documentText(REFERENCE, 'sign-in')]);
  });

  it('badges of women who state `gender: f` carry the feminine role label', () => {
    expect(badges).toContain(seen('ÉLUE Élue du territoire portuaire (exemple)'));
    expect(badges).toContain(seen('CHARGÉE DE MISSION Chargée de mission du territoire de montagne (exemple)'));
    expect(badges).toContain(seen('ANIMATRICE Animatrice Cerema (exemple)'));
    expect(badges).toContain(seen('OBSERVATRICE Agente du service solidarités (exemple)'));
    expect(badges).not.toContain(seen('ÉLU Élue'));
    expect(badges).not.toContain(seen('CHARGÉ DE MISSION Chargée'));
  });

  it('badges of men who state `gender: m` carry the masculine one', () => {
    expect(badges).toContain(seen('ÉLU Élu du territoire de montagne (exemple)'));
    expect(badges).toContain(seen('CHARGÉ DE MISSION Chargé de mission du territoire portuaire (exemple)'));
    expect(badges).toContain(seen('ANIMATEUR Animateur Chronos (exemple)'));
  });

  it('badges of people who state nothing carry the epicene form, never the masculine', () => {
    expect(badges).toContain(seen('ENTREPRISE Représentant du fournisseur (exemple)'));
    expect(badges).toContain(seen('PARTENAIRE Référente du partenaire national (exemple)'));
    expect(badges).toContain(seen('ÉQUIPE D’ORGANISATION Agent des services techniques (exemple)'));
  });

  it('sign-in sheets print the same labels, with the person’s position under it', () => {
    expect(signIn).toContain(seen('Élue du territoire portuaire (exemple) Élue Vice-présidente chargée du numérique'));
    expect(signIn).toContain(seen('Chargée de mission du territoire urbain (exemple) Chargée de mission Responsable de la mission données'));
    expect(signIn).toContain(seen('Élu du territoire urbain (exemple) Élu Vice-président chargé de la ville intelligente'));
    expect(signIn).toContain(seen('Représentante de l’intégrateur (exemple) Entreprise Directrice des projets territoriaux'));
    expect(signIn).toContain(seen('Agent des services techniques (exemple) Équipe d’organisation Responsable'));
    expect(signIn).not.toContain(seen('Chargée de mission du territoire de montagne (exemple) Chargé de mission'));
  });
});

describe('a person’s own label, a forked label file, the English build', () => {
  it('`label` replaces the role label on the badge, the sign-in sheet and the agenda’s team', async () => {
    const dir = copyKit(REFERENCE, {
      'participants.yaml': (t) =>
        t
          .replace('    role: elected\n    gender: f\n    title: Vice-présidente chargée du numérique', '    role: elected\n    gender: f\n    label: Élue référente\n    title: Vice-présidente chargée du numérique')
          .replace(/(    name: Animatrice Chronos \(exemple\)\n(?:    .*\n)*?)    title: Animatrice de l’expédition\n/, '$1    label: Coordinatrice\n'),
    });
    const [badges, signIn, agenda] = await Promise.all([documentText(dir, 'badges'), documentText(dir, 'sign-in'), documentText(dir, 'agenda')]);
    expect(badges).toContain(seen('ÉLUE RÉFÉRENTE Élue du territoire portuaire (exemple)'));
    expect(signIn).toContain(seen('Élue du territoire portuaire (exemple) Élue référente Vice-présidente'));
    // pdf.js reads a space where the bold name ends
    const team = agenda.replace(/ ,/g, ',');
    expect(team).toContain(seen('Animatrice Chronos (exemple), Coordinatrice · Chronos'));
    expect(team).toContain(seen('Animateur Chronos (exemple), Animateur et rapporteur des ateliers · Chronos'));
  });

  it('a forked fr.yaml: one plain form serves people who state nothing, a stated gender takes its form from the fork, else the built-in file', async () => {
    const dir = copyKit('kits/demo', {
      'templates/i18n/fr.yaml': 'role:\n  elected: Élu\n  partner-rep: Partenaire institutionnel\n  facilitator: { f: Facilitatrice, m: Facilitateur }\n',
      'capa.yaml': (t) =>
        t
          .replace('    role: elected\n', '    role: elected\n    gender: f\n')
          .replace(/(    name: Animatrice Chronos \(exemple\)\n(?:    .*\n)*?    role: facilitator\n)/, '$1    gender: f\n'),
    });
    const badges = await documentText(dir, 'badges');
    // nothing stated: the fork's single form, as before gender forms existed
    expect(badges).toContain(seen('PARTENAIRE INSTITUTIONNEL Référent Cerema (exemple)'));
    // `gender: f` and a fork without a feminine form: the built-in feminine, never the fork's masculine
    expect(badges).toContain(seen('ÉLUE Élue de Port-Exemple (exemple)'));
    // the fork's feminine form wins
    expect(badges).toContain(seen('FACILITATRICE Animatrice Chronos (exemple)'));
    // nothing stated and a fork without an epicene form: the built-in epicene one
    expect(badges).toContain(seen('ÉQUIPE D’ANIMATION Animateur Cerema (exemple)'));
  });

  it('English build: epicene English labels for everyone, “Facilitator” rather than “Facilitation”', async () => {
    const dir = copyKit(REFERENCE, { 'capa.yaml': (t) => t.replace('  lang: fr', '  lang: en') });
    const badges = await documentText(dir, 'badges');
    expect(badges).toContain(seen('FACILITATOR Animatrice Cerema (exemple)', 'en'));
    expect(badges).toContain(seen('ELECTED OFFICIAL Élue du territoire portuaire (exemple)', 'en'));
    expect(badges).toContain(seen('COMPANY REPRESENTATIVE Représentant du fournisseur (exemple)', 'en'));
    expect(badges).not.toContain('FACILITATION');
  });
});
