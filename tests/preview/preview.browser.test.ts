import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openPdf, pageItems } from '../helpers/pdf.js';
import { copyDemoKit } from '../cli/cliHelpers.js';
import { ROOT } from '../helpers/tempKit.js';

// Debian's chromium (installed by .ci/run); CHROMIUM_PATH for another one.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Set to a folder to keep screenshots of the page (documents, then a diagnostic) for a person to look at.
const SHOTS = process.env.CAPA_PREVIEW_SCREENSHOTS;

/** Resolves with everything `stream` said once `pattern` matches it; rejects if the process ends first. */
function output(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        child[stream]!.off('data', onData);
        resolve(text);
      }
    };
    child[stream]!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`capa preview ended (${code}) before printing ${pattern}:\n${text}`)));
  });
}

/** Text of the first page of the PDF the page shows now, fetched as the browser frame does. */
async function shownPdfText(page: Page, url: string): Promise<string> {
  const src = await page.locator('#viewer iframe').getAttribute('src');
  expect(src).toMatch(/^\/files\/programme\.pdf\?v=/);
  const res = await fetch(new URL(src!, url));
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const doc = await openPdf(new Uint8Array(await res.arrayBuffer()));
  try {
    return (await pageItems(doc, 1)).join('');
  } finally {
    await doc.destroy();
  }
}

/** Waits for the page to have received a build after `build` (its number is on <body data-build>). */
async function nextBuild(page: Page, build: number): Promise<number> {
  await page.waitForFunction((n) => Number(document.body.dataset.build) > n && !document.body.classList.contains('building'), build, { timeout: 90_000 });
  return Number(await page.evaluate(() => document.body.dataset.build));
}

/** For a person to look at (CAPA_PREVIEW_SCREENSHOTS): the browser's PDF viewer draws a moment after the frame loads. */
async function screenshot(page: Page, path: string): Promise<void> {
  await page.waitForTimeout(2000);
  await page.screenshot({ path });
}

let browser: Browser | undefined;
let child: ChildProcess | undefined;
afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('capa preview in a real browser', () => {
  it('shows the documents, follows edits by itself, shows a diagnostic as text and keeps the documents, stops cleanly on Ctrl+C', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is needed (apt-get install chromium; .ci/run installs it)`).toBe(true);
    const dir = copyDemoKit();
    const before = readdirSync(dir).sort();
    const capaYaml = join(dir, 'capa.yaml');
    const programmeYaml = join(dir, 'programme.yaml');
    const original = { capa: readFileSync(capaYaml, 'utf8'), programme: readFileSync(programmeYaml, 'utf8') };

    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CAPA_LANG: undefined, CI: 'true' };
    child = spawn(process.execPath, [join(ROOT, 'bin', 'capa.js'), 'preview', dir, '--port', '0', '--lang', 'en'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const url = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(await output(child, 'stdout', /Preview: http:\S+\n/))![1]!;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(url);

    // The first build: one entry per document, the agenda shown first, with the kit's title in it.
    let build = await nextBuild(page, 0);
    const entries = await page.locator('#documents button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.file));
    expect(entries).toEqual(['programme.pdf', 'deroule.pdf', 'defis.pdf', 'carnet.pdf', 'cas-usage.pdf', 'emargement.pdf', 'badges.pdf', 'programme.ics']);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/^build \d+ at \d\d:\d\d:\d\d: 8 documents$/);
    expect(await page.locator('#problems').isHidden()).toBe(true);
    expect(await shownPdfText(page, url)).toContain('Journée CAPAcities — Port-Exemple');
    if (SHOTS) await screenshot(page, join(SHOTS, 'preview-documents.png'));

    // Saving the YAML: the page updates by itself, the agenda has the new title.
    writeFileSync(capaYaml, original.capa.replace('title: Journée CAPAcities — Port-Exemple', 'title: Journée du Lac'));
    build = await nextBuild(page, build);
    expect(await shownPdfText(page, url)).toContain('Journée du Lac');

    // A broken kit: its diagnostics in the page, as text (a key made of markup stays text), the documents kept.
    writeFileSync(programmeYaml, original.programme.replace('    host: port-exemple\n', '    host: port-exemplex\n'));
    writeFileSync(capaYaml, original.capa.replace('title: Journée CAPAcities — Port-Exemple', 'title: Journée du Lac') + '"<img src=x onerror=alert(1)>": 1\n');
    await page.waitForFunction(() => document.body.classList.contains('failed') && document.querySelectorAll('#diagnostics li').length === 2, undefined, { timeout: 90_000 });
    build = Number(await page.evaluate(() => document.body.dataset.build));
    const problems = await page.locator('#diagnostics li').allTextContents();
    expect(problems).toContain('programme.yaml:10:11  error  Territory “port-exemplex” does not exist in the kit; did you mean “port-exemple”?  [ref/unknown]');
    expect(problems.some((p) => p.startsWith('capa.yaml:') && p.includes('there is no key “<img src=x onerror=alert(1)>”') && p.endsWith('[schema/unknown-key]'))).toBe(true);
    expect(await page.locator('#problems img, #diagnostics b').count()).toBe(0);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/: 2 errors — showing the last good documents$/);
    expect(await page.locator('#documents button').count()).toBe(8);
    expect(await shownPdfText(page, url)).toContain('Journée du Lac');
    if (SHOTS) await screenshot(page, join(SHOTS, 'preview-diagnostic.png'));

    // Fixed: the problems go, the documents are rebuilt.
    writeFileSync(programmeYaml, original.programme);
    writeFileSync(capaYaml, original.capa.replace('title: Journée CAPAcities — Port-Exemple', 'title: Journée du Lac, bis'));
    await page.waitForFunction(() => !document.body.classList.contains('failed') && !document.body.classList.contains('building'), undefined, { timeout: 90_000 });
    expect(await page.locator('#problems').isHidden()).toBe(true);
    expect(await page.locator('#documents button').count()).toBe(8);
    expect(await shownPdfText(page, url)).toContain('Journée du Lac, bis');
    expect(dialogs).toEqual([]);
    await page.close();

    // Ctrl+C: exit 130, the server closed, nothing written into the kit.
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/preview stopped\n$/);
    expect(stderr).toContain('programme.yaml:10:11  error  Territory “port-exemplex” does not exist');
    await expect(fetch(url)).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(build).toBeGreaterThan(1);
  }, 300_000);
});
