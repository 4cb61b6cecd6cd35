import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openPdf, pageItems } from '../helpers/pdf.js';
import { copyDemoKit } from './cliHelpers.js';

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
    let out = '';
    const seen: string[] = [];
    // Each step runs once its output has appeared: a build done, an error reported, a rebuild done.
    const steps: Array<{ when: (o: string) => boolean; then: () => Promise<void> | void }> = [
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
    let busy = false;
    const advance = async () => {
      if (busy || !steps[0]?.when(out)) return;
      busy = true;
      await steps.shift()!.then();
      busy = false;
      await advance();
    };
    const sink = { write: (s: string) => ((out += s), void advance()) };
    const code = await main(['node', 'capa', 'build', dir, '--watch', '--only', 'agenda', '--lang', 'en'], {
      env: {},
      isTTY: false,
      signal: controller.signal,
      stdout: sink,
      stderr: sink,
    });
    expect(steps).toEqual([]);
    expect(code).toBe(0);
    expect(seen[0]).toContain('Journée du Lac');
    expect(seen[1]).toContain('Journée du Lac, bis');
    // the error, with its place, between the two rebuilds
    expect(out).toMatch(/capa\.yaml:\d+:\d+ +error +.*colour.*\[schema\/unknown-key\]/);
    expect(out).toMatch(/\[\d\d:\d\d:\d\d\] capa\.yaml changed: building again\n/);
    expect(statSync(pdf).isFile()).toBe(true);
  }, 120_000);
});
