import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FONT_FILES } from '../../src/layout/fonts/fonts.js';
import { copyKit, snapshot, strayStaging } from './robustnessHelpers.js';

/**
 * Failures a user can cause or meet, end to end through the CLI: a clear sentence, a stable exit
 * code, no stack trace without --verbose. The file system is simulated where the machine cannot
 * be made to fail on demand (tests may run as root, where permissions do not stop writes).
 */
const fsFailure = vi.hoisted(() => ({ mkdir: undefined as string | undefined, writeFileAt: undefined as { call: number; code: string } | undefined, calls: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  const mocked = {
    ...real,
    // The staging folder is the first folder a build makes (dist/'s parent, the kit, exists).
    mkdir: async (...args: Parameters<typeof real.mkdir>) => {
      if (fsFailure.mkdir) throw fail(fsFailure.mkdir);
      return real.mkdir(...args);
    },
    writeFile: async (...args: Parameters<typeof real.writeFile>) => {
      const at = fsFailure.writeFileAt;
      if (at && ++fsFailure.calls === at.call) throw fail(at.code);
      return real.writeFile(...args);
    },
  };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  fsFailure.mkdir = undefined;
  fsFailure.writeFileAt = undefined;
  fsFailure.calls = 0;
});

async function capa(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'capa', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    isTTY: false,
    interactive: false,
  });
  return { code, stdout, stderr };
}
const NO_STACK = /\n\s+at \S/;

describe('writing the outputs', () => {
  it('an output folder that cannot be written: exit 1, one sentence, nothing half-written', async () => {
    const kit = copyKit();
    fsFailure.mkdir = 'EACCES';
    const r = await capa(['build', kit, '--only', 'calendar']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`capa: impossible d’écrire dans « ${path.join(kit, 'dist')} » (EACCES) : donnez les droits d’écriture sur ce dossier ou choisissez-en un autre avec --out ; rien n’a été écrit\n`);
  });

  it('a full disk while writing: exit 1, the previous dist/ kept, no staging folder, no stack even with --verbose', async () => {
    const kit = copyKit();
    expect((await capa(['build', kit, '--only', 'calendar,agenda'])).code).toBe(0);
    const dist = path.join(kit, 'dist');
    const before = snapshot(dist);
    fsFailure.writeFileAt = { call: 2, code: 'ENOSPC' };
    const r = await capa(['build', kit, '--only', 'calendar,agenda', '--lang', 'en', '--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`capa: the disk is full: “${dist}” could not be written (ENOSPC); free some space, then run capa build again; the previous output folder was left as it was\n`);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(snapshot(dist)).toEqual(before);
    expect(strayStaging(dist)).toEqual([]);
  });

  it('--out into the kit itself: exit 2 with the rule', async () => {
    const kit = copyKit();
    const r = await capa(['build', kit, '--out', kit, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`capa: “${kit}” is the kit folder or holds it: capa replaces the whole output folder on every build and would erase the kit; choose a dedicated subfolder such as dist`);
  });
});

describe('templates written by the kit', () => {
  const withCover = (text: string) => {
    const kit = copyKit();
    mkdirSync(path.join(kit, 'templates/agenda/partials'), { recursive: true });
    writeFileSync(path.join(kit, 'templates/agenda/partials/cover.hbs'), text);
    return kit;
  };

  it('a Handlebars syntax error: exit 1, located in the kit’s template, no stack', async () => {
    const kit = withCover('<p>titre</p>\n<p>{{#if kit.title}}ouvert</p>\n');
    const r = await capa(['build', kit, '--only', 'agenda']);
    expect(r.code).toBe(1);
    // Said in words at the block that is never closed (line 2), not where the parser gave up.
    expect(r.stderr).toMatch(/templates\/agenda\/partials\/cover\.hbs:2:4 {2}erreur {2}`\{\{#if\}\}` ouvert ligne 2 n’est jamais fermé : ajoutez `\{\{\/if\}\}` à la fin du bloc\. {2}\[template\/syntax\]\n/);
    expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/aucun document écrit$/);
  });

  it('a template emitting unknown markup: exit 1, the element named and located', async () => {
    const kit = withCover('<p>titre</p>\n<blink>clignote</blink>\n');
    const r = await capa(['build', kit, '--only', 'agenda', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/agenda\/partials\/cover\.hbs:2:1 {2}error {2}Unknown element <blink> in the template markup\. {2}\[template\/unknown-element\]/);
    expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
  });
});

describe('the install', () => {
  it('a font file missing: exit 3 with what to do, no stack', async () => {
    const kit = copyKit();
    const saved = FONT_FILES.text;
    FONT_FILES.text = path.join(kit, 'absente', 'AtkinsonHyperlegibleNext_400Regular.ttf');
    try {
      const r = await capa(['build', kit, '--only', 'agenda']);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`capa: la police « ${FONT_FILES.text} » est introuvable : l’installation de capa est incomplète ; réinstallez-la (npm install) puis relancez\n`);
      const en = await capa(['build', kit, '--only', 'agenda', '--lang', 'en']);
      expect(en.stderr).toBe(`capa: the font “${FONT_FILES.text}” cannot be found: the capa install is incomplete; install it again (npm install) and retry\n`);
    } finally {
      FONT_FILES.text = saved;
    }
  });
});
