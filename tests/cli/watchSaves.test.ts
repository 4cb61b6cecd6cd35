import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchSession } from '../helpers/watchSession.js';
import { readPdf } from '../helpers/pdf.js';
import { copyDemoKit } from './cliHelpers.js';
import { watchKit } from '../../src/cli/watchKit.js';
import type { CliContext } from '../../src/cli/CliContext.js';

const builds = (out: string) => (out.match(/1 document written/g) ?? []).length;
const rebuildLines = (out: string) => [...out.matchAll(/^\[\d\d:\d\d:\d\d\] (.*) changed: building again/gm)].map((m) => m[1]);
const agendaText = async (dir: string) => (await readPdf(readFileSync(join(dir, 'dist', 'programme.pdf')))).flat.join(' ');
const TITLE = 'title: Journée CAPAcities — Port-Exemple';
/** What `watchKit` needs of the command line, for a watch driven directly: messages thrown away. */
const quietContext = (dir: string, signal: AbortSignal) => ({ signal, stderr: { write: () => true }, lang: 'en', cwd: dir, verbose: false }) as unknown as CliContext;

describe('capa build --watch: an editor’s save is one rebuild of what was saved', () => {
  it('in place, temporary file then rename, truncate then two chunks, backup then rewrite: one rebuild each, with the saved text', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const original = readFileSync(capaYaml, 'utf8');
    const titled = (t: string) => original.replace(TITLE, `title: ${t}`);
    const saves: Array<[string, () => Promise<void>]> = [
      ['Lac Alpha', () => writeFile(capaYaml, titled('Lac Alpha'))],
      // Many editors write a temporary file beside the real one, then rename it over the real one.
      ['Lac Bravo', async () => {
        await writeFile(`${capaYaml}.tmp-4242`, titled('Lac Bravo'));
        await rename(`${capaYaml}.tmp-4242`, capaYaml);
      }],
      // Others truncate the file, then write the text in several writes.
      ['Lac Charlie', async () => {
        const text = Buffer.from(titled('Lac Charlie'));
        const file = await open(capaYaml, 'r+');
        await file.truncate(0);
        await file.write(text, 0, 200, 0);
        await file.write(text, 200, text.length - 200, 200);
        await file.close();
      }],
      // Vim: the file is renamed to a backup, written anew, and the backup removed.
      ['Lac Delta', async () => {
        await rename(capaYaml, `${capaYaml}~`);
        await writeFile(capaYaml, titled('Lac Delta'));
        await unlink(`${capaYaml}~`);
      }],
    ];
    const seen: string[] = [];
    const stop = new AbortController();
    const steps = saves.map(([, save], i) => ({
      when: (o: string) => o.includes('watching') && builds(o) === i + 1,
      then: async () => {
        if (i > 0) seen.push(await agendaText(dir));
        await save();
      },
    }));
    // Then another file, so that a late second rebuild of the last save would show before the end.
    steps.push({ when: (o) => builds(o) === saves.length + 1, then: async () => {
      seen.push(await agendaText(dir));
      await writeFile(join(dir, 'programme.yaml'), (await readFile(join(dir, 'programme.yaml'), 'utf8')) + '\n# saved\n');
    } });
    steps.push({ when: (o) => builds(o) === saves.length + 2, then: async () => stop.abort() });
    const r = await watchSession([dir, '--only', 'agenda'], steps, stop);
    expect(r.left, r.out).toBe(0);
    expect(r.code).toBe(0);
    expect(rebuildLines(r.out)).toEqual(['capa.yaml', 'capa.yaml', 'capa.yaml', 'capa.yaml', 'programme.yaml']);
    saves.forEach(([title], i) => expect(seen[i], title).toContain(title));
    // Nothing of the editor's temporary files is left to the kit.
    expect(readdirSync(dir).filter((f) => f.startsWith('capa.yaml'))).toEqual(['capa.yaml']);
  }, 120_000);

  it('a save still being written when the build has read it is built again, though no second change event comes', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const full = Buffer.from(readFileSync(capaYaml, 'utf8').replace(TITLE, 'title: Journée du Lac Echo, fin'));
    const cut = full.indexOf(', fin');
    const stop = new AbortController();
    const file = await open(capaYaml, 'r+');
    const reads: string[] = [];
    const ctx = quietContext(dir, stop.signal);
    await watchKit(ctx, {
      dir,
      ignore: () => false,
      // Once watching: the save begins (the file truncated, its first part written).
      first: async () => {
        await file.truncate(0);
        await file.write(full, 0, cut, 0);
        return 0;
      },
      rebuild: async () => {
        reads.push(readFileSync(capaYaml, 'utf8'));
        // The build has read the first part; the rest lands now, within the 50 ms in which chokidar reports
        // no second change of the same file.
        if (reads.length === 1) {
          await file.write(full, cut, full.length - cut, cut);
          await file.close();
        } else stop.abort();
        return 0;
      },
    });
    expect(reads[0].endsWith('title: Journée du Lac Echo')).toBe(true);
    expect(reads[reads.length - 1]).toBe(full.toString());
  }, 60_000);

  it('a save landing just after a build, within the 50 ms in which chokidar reports nothing more of that file, is built', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const original = readFileSync(capaYaml, 'utf8');
    const stop = new AbortController();
    const titles: string[] = [];
    const ctx = quietContext(dir, stop.signal);
    // Without a second build the watch would wait for ever: the test ends it and says what was built.
    const deadline = setTimeout(() => stop.abort(), 10_000);
    await watchKit(ctx, {
      dir,
      ignore: () => false,
      first: async () => {
        await writeFile(capaYaml, original.replace(TITLE, 'title: Lac Hotel 1'));
        return 0;
      },
      rebuild: async () => {
        titles.push(/title: (Lac Hotel \d)/.exec(readFileSync(capaYaml, 'utf8'))?.[1] ?? '?');
        // The build read save 1 and returns; save 2 lands right after it is checked again, ~30 ms after chokidar
        // reported save 1: chokidar reports no change of it.
        if (titles.length === 1) setTimeout(() => writeFileSync(capaYaml, original.replace(TITLE, 'title: Lac Hotel 2')), 0);
        else stop.abort();
        return 0;
      },
    });
    clearTimeout(deadline);
    expect(titles).toEqual(['Lac Hotel 1', 'Lac Hotel 2']);
  }, 60_000);

  it('a burst of saves, four of them during a build: fewer builds than saves, the last build shows the last save', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const original = readFileSync(capaYaml, 'utf8');
    const titled = (n: number) => original.replace(TITLE, `title: Lac Foxtrot ${n}`);
    const stop = new AbortController();
    let last = '';
    const steps = [
      { when: (o: string) => o.includes('watching') && builds(o) === 1, then: () => writeFile(capaYaml, titled(1)) },
      // The rebuild of the first save has started: four more saves land while it runs, back to back (written
      // synchronously: on a loaded machine, asynchronous writes could come far enough apart to be builds of their own).
      { when: (o: string) => rebuildLines(o).length === 1, then: () => {
        for (let n = 2; n <= 5; n++) writeFileSync(capaYaml, titled(n));
      } },
      // Every later build is read until one shows the last save (else the test times out).
      ...Array.from({ length: 5 }, (_, k) => ({ when: (o: string) => builds(o) >= k + 2 && !/building again\n$/.test(o), then: async () => {
        last = await agendaText(dir);
        if (last.includes('Lac Foxtrot 5')) stop.abort();
      } })),
    ];
    const r = await watchSession([dir, '--only', 'agenda'], steps, stop);
    expect(last, r.out).toContain('Lac Foxtrot 5');
    expect(r.code).toBe(0);
    // Saves that come together are built together (a save read half-written is built again).
    expect(rebuildLines(r.out).length).toBeLessThan(5);
  }, 120_000);
});
