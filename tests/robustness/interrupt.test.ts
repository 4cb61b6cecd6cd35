import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKit } from '../../scripts/generateKit.js';
import { createCheckpoint } from '../../src/layout/core/checkpoint.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { signalAfterAgenda } from '../helpers/signalBuild.js';
import { tempKit } from '../helpers/tempKit.js';
import { ROOT, snapshot, strayStaging } from './robustnessHelpers.js';

/**
 * Interruption within a second at any stage (hostile-input issue, item 4): layout and drawing are synchronous, so
 * Ctrl-C and SIGTERM used to wait for the document being made (minutes for a long text). They now pause every
 * ~50 ms, so the signal handler runs mid-document and an in-process abort is noticed there too.
 */
const BIN = path.join(ROOT, 'bin/capa.js');

describe('an abort signal stops a long layout in process', () => {
  it('renderMarkup rejects with the abort reason before the document is finished', async () => {
    const paragraphs = Array.from({ length: 4000 }, (_, i) => `<p>Paragraphe ${i} : ${'des mots à mettre en page '.repeat(8)}</p>`).join('');
    const controller = new AbortController();
    const reason = new Error('interrompu');
    const checkpoint = createCheckpoint({ signal: controller.signal, onAbort: () => reason, slice: 10 });
    let pauses = 0;
    const counting = async () => {
      pauses++;
      await checkpoint();
    };
    // Aborted as soon as the event loop runs: only a layout that pauses can notice it before it ends.
    setImmediate(() => controller.abort());
    await expect(renderMarkup({ markup: `<document>${paragraphs}</document>`, file: 't.hbs', checkpoint: counting })).rejects.toBe(reason);
    // Stopped within the body, long before its 4,000 blocks were laid out and paginated.
    expect(pauses).toBeGreaterThan(0);
    expect(pauses).toBeLessThan(4000);
  }, 60_000);
});

describe('a real `capa build` interrupted while a document is being laid out', () => {
  let kit: string;
  let before: Record<string, string>;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'lib/cli/main.js'))) throw new Error('lib/ is missing: run `npm run build` first');
    kit = tempKit(generateKit({ workshops: 60, seed: 7 }));
    // A previous output folder, made quickly, that the interrupted builds must leave as it is.
    const first = spawnSync(process.execPath, [BIN, 'build', kit, '--only', 'calendar', '-q'], { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    before = snapshot(path.join(kit, 'dist'));
    expect(Object.keys(before)).toContain('manifest.json');
  }, 120_000);

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s: exit %i within a few seconds, mid-document, dist/ intact, no staging folder', async (signal, exitCode) => {
    // One thread: documents are made one after the other, so the agenda's line means the run-sheet has just started
    // (with worker threads, several may finish together; tests/documents/parallelDocuments.test.ts interrupts those).
    const result = await signalAfterAgenda(BIN, kit, signal, 1);
    expect(result.sentAt).toBeGreaterThan(0);
    expect(result.code, result.stderr).toBe(exitCode);
    // Handled during the run-sheet: no later document was reported made.
    expect(result.stderr).not.toMatch(/^ {2}run-sheet \(/m);
    // A generous bound against a loaded machine: the old behaviour waited for the whole document.
    expect(result.exitAt - result.sentAt).toBeLessThan(3000);
    expect(result.stderr).toContain(`capa: construction interrompue (${signal})`);
    expect(snapshot(path.join(kit, 'dist'))).toEqual(before);
    expect(strayStaging(path.join(kit, 'dist'))).toEqual([]);
  }, 180_000);
});
