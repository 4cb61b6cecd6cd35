import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { main } from '../../src/cli/main.js';
import { openPdf, pageItems, readPdf } from '../helpers/pdf.js';
import { copyDemoKit } from './cliHelpers.js';
import { watchSession, type WatchStep } from '../helpers/watchSession.js';

async function pdfText(file: string): Promise<string> {
  const doc = await openPdf(readFileSync(file));
  return (await pageItems(doc, 1)).join('');
}

describe('capa build --watch with the real build', () => {
  it('rebuilds the PDF when a YAML file changes, reports an error and keeps watching, rebuilds once fixed', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const original = readFileSync(capaYaml, 'utf8');
    const pdf = join(dir, 'dist', 'programme.pdf');
    const controller = new AbortController();
    const seen: string[] = [];
    // Each step runs once its output has appeared: a build done, an error reported, a rebuild done.
    const steps: WatchStep[] = [
      { when: (o) => o.includes('watching') && o.includes('1 document written'), then: () => writeFileSync(capaYaml, original.replace('title: Journée CAPAcities — Port-Exemple', 'title: Journée du Lac')) },
      {
        when: (o) => (o.match(/1 document written/g) ?? []).length === 2,
        then: async () => {
          seen.push(await pdfText(pdf));
          writeFileSync(capaYaml, original.replace('  lang: fr', '  lang: fr\n  colour: blue'));
        },
      },
      { when: (o) => o.includes('✖ '), then: () => writeFileSync(capaYaml, original.replace('title: Journée CAPAcities — Port-Exemple', 'title: Journée du Lac, bis')) },
      {
        when: (o) => (o.match(/1 document written/g) ?? []).length === 3,
        then: async () => {
          seen.push(await pdfText(pdf));
          controller.abort();
        },
      },
    ];
    const { code, out, left } = await watchSession([dir, '--only', 'agenda'], steps, controller);
    expect(left, out).toBe(0);
    expect(code).toBe(0);
    expect(seen[0]).toContain('Journée du Lac');
    expect(seen[1]).toContain('Journée du Lac, bis');
    // the error, with its place, between the two rebuilds
    expect(out).toMatch(/capa\.yaml:\d+:\d+ +error +.*colour.*\[schema\/unknown-key\]/);
    expect(out).toMatch(/\[\d\d:\d\d:\d\d\] capa\.yaml changed: building again\n/);
    expect(statSync(pdf).isFile()).toBe(true);
  }, 120_000);

  it('an edited défi question: only the documents that show it are made again, and they show the new text', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const question = "Qui détient quelle donnée sur l'accès au port, et qui doit décider de son partage ?";
    expect(readFileSync(capaYaml, 'utf8')).toContain(question);
    const controller = new AbortController();
    let out = '';
    const before = new Map<string, Buffer>();
    const reports = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { ok: boolean; files: Array<{ document: string; file: string; pages?: number; reused?: boolean }> });
    const sink = {
      write: (s: string) => {
        const had = reports().length;
        out += s;
        if (had === 0 && reports().length === 1) {
          for (const f of reports()[0].files) before.set(f.file, readFileSync(join(dir, 'dist', f.file)));
          writeFileSync(capaYaml, readFileSync(capaYaml, 'utf8').replace(question, question.replace('partage ?', 'partage à Zanzibar ?')));
        } else if (had === 1 && reports().length === 2) controller.abort();
      },
    };
    const code = await main(['node', 'capa', 'build', dir, '--watch', '--format', 'json', '--lang', 'en'], { env: {}, isTTY: false, signal: controller.signal, stdout: sink, stderr: { write: () => true } });
    expect(code).toBe(0);
    const [first, second] = reports();
    expect(first.ok && second.ok).toBe(true);
    const pdfs = second.files.filter((f) => f.pages !== undefined);
    expect(pdfs.map((f) => f.file)).toEqual(first.files.filter((f) => f.pages !== undefined).map((f) => f.file));
    for (const f of pdfs) {
      const bytes = readFileSync(join(dir, 'dist', f.file));
      const shows = (await readPdf(bytes)).flat.join(' ').includes('Zanzibar');
      // Made again exactly when it shows the question; a reused file is the previous one, byte for byte.
      expect({ file: f.file, reused: f.reused ?? false }).toEqual({ file: f.file, reused: !shows });
      if (f.reused) expect(bytes.equals(before.get(f.file)!), f.file).toBe(true);
    }
    expect(pdfs.find((f) => f.document === 'cards')?.reused).toBeUndefined();
    expect(pdfs.filter((f) => f.reused).length).toBeGreaterThan(0);
  }, 120_000);

  it('the warm-up after a build writes nothing: a save during it is built at once as a fresh build would, Ctrl+C during it leaves the output whole', async () => {
    const dir = copyDemoKit();
    const capaYaml = join(dir, 'capa.yaml');
    const question = "Qui détient quelle donnée sur l'accès au port, et qui doit décider de son partage ?";
    const controller = new AbortController();
    let out = '';
    let err = '';
    const reports = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { ok: boolean; files: Array<{ file: string }> });
    let checked: Promise<void> = Promise.resolve();
    const sink = {
      write: (s: string) => {
        const had = reports().length;
        out += s;
        // A rehearsal starts 0.5 s after each build (WARM_UP_AFTER_MS) and lasts about a second on this kit: the save,
        // then the interrupt, are meant to fall during one (whenever they fall, what is checked below must hold).
        if (had === 0 && reports().length === 1) setTimeout(() => writeFileSync(capaYaml, readFileSync(capaYaml, 'utf8').replace(question, question.replace('partage ?', 'partage à Zanzibar ?'))), 800);
        else if (had === 1 && reports().length === 2) {
          setTimeout(() => controller.abort(), 800);
          checked = (async () => {
            const fresh = await build({ dir, to: 'memory' });
            for (const f of fresh.files) expect(readFileSync(join(dir, 'dist', f.file)).equals(f.content), f.file).toBe(true);
          })();
        }
      },
    };
    const code = await main(['node', 'capa', 'build', dir, '--watch', '--format', 'json', '--lang', 'en'], { env: {}, isTTY: false, signal: controller.signal, stdout: sink, stderr: { write: (s: string) => (err += s) } });
    await checked;
    expect(code).toBe(0);
    expect(err).not.toMatch(/crash|internal/i);
    expect(reports().map((r) => r.ok)).toEqual([true, true]);
    expect((await readPdf(readFileSync(join(dir, 'dist', 'defis.pdf')))).flat.join(' ')).toContain('Zanzibar');
    // Nothing but the output folder's own files: no staging folder, no file a rehearsal would have written.
    expect(readdirSync(dir).filter((f) => f.startsWith('.dist'))).toEqual([]);
    expect(readdirSync(join(dir, 'dist')).sort()).toEqual([...reports()[1].files.map((f) => f.file), 'manifest.json'].sort());
  }, 120_000);
});
