import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { builtinTemplatesDir } from '../../src/render/createRenderer.js';
import { readCatalogue, type Label } from '../../src/render/i18n.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kit = mkdtempSync(path.join(tmpdir(), 'capa-english-'));
afterAll(() => rmSync(kit, { recursive: true, force: true }));

/** Text compared the way it reads: one kind of space, one apostrophe, no case. */
const norm = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').replace(/['‘]/g, '’').toLocaleLowerCase('fr').trim();

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const items = (await (await doc.getPage(n)).getTextContent()).items;
    // Line ends joined with a space; a hyphen at a line end (hyphenation) joins the parts back.
    pages.push(items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('').replace(/-\n/g, '').replace(/\n/g, ' '));
  }
  await doc.destroy();
  return norm(pages.join(' '));
}

const texts = (l: Label) => (typeof l === 'string' ? [l] : Object.values(l).filter((v): v is string => typeof v === 'string'));

/**
 * The French label texts that must not appear in an English document: the literal parts (between `{placeholders}`)
 * of every French label that differs from its English one. Parts that the kit's own (French) content contains, or
 * that an English label contains too, say nothing about the labels and are left out.
 */
function frenchOnlyFragments(kitSource: string): string[] {
  const read = (lang: 'fr' | 'en') => readCatalogue({ templatesDir: builtinTemplatesDir(), lang, displayFile: `templates/i18n/${lang}.yaml`, messageLang: 'en' }).catalogue;
  const fr = read('fr');
  const en = read('en');
  const english = norm([...en.values()].flatMap(texts).join(' | '));
  const source = norm(kitSource);
  const fragments = new Set<string>();
  for (const [key, label] of fr) {
    const other = texts(en.get(key)!).map(norm);
    for (const t of texts(label)) {
      if (other.includes(norm(t))) continue;
      for (const part of t.split(/\{\w+\}/)) {
        const f = norm(part.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, ''));
        if ([...f.matchAll(/\p{L}/gu)].length < 3) continue;
        if (english.includes(f) || source.includes(f)) continue;
        fragments.add(f);
      }
    }
  }
  return [...fragments];
}

const word = (f: string) => new RegExp(`(?<!\\p{L})${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u');

describe('the demo kit built in English', () => {
  let result: BuildResult;
  let fragments: string[];

  beforeAll(async () => {
    cpSync(path.join(root, 'kits/demo'), kit, { recursive: true });
    const capa = path.join(kit, 'capa.yaml');
    const yaml = readFileSync(capa, 'utf8');
    expect(yaml).toMatch(/^ {2}lang: fr$/m);
    writeFileSync(capa, yaml.replace(/^ {2}lang: fr$/m, '  lang: en'));
    fragments = frenchOnlyFragments(readFileSync(capa, 'utf8') + readFileSync(path.join(kit, 'programme.yaml'), 'utf8'));
    result = await build({ dir: kit, to: 'memory', lang: 'en' });
  }, 120_000);

  it('builds every document', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.filter((f) => f.file.endsWith('.pdf')).length).toBe(7);
    // The check below has something to find: most French labels differ from the English ones.
    expect(fragments.length).toBeGreaterThan(100);
    expect(fragments).toContain('matériel');
  });

  it('contains no French label in any PDF', async () => {
    for (const f of result.files.filter((f) => f.file.endsWith('.pdf'))) {
      const text = await pdfText(f.content as Buffer);
      const found = fragments.filter((frag) => word(frag).test(text));
      expect([f.file, found]).toEqual([f.file, []]);
    }
  }, 120_000);

  it('would see French labels: every PDF of the French build of the same kit shows some', async () => {
    const french = await build({ dir: path.join(root, 'kits/demo'), to: 'memory', lang: 'en' });
    for (const f of french.files.filter((f) => f.file.endsWith('.pdf'))) {
      const text = await pdfText(f.content as Buffer);
      expect([f.file, fragments.some((frag) => word(frag).test(text))]).toEqual([f.file, true]);
    }
  }, 120_000);

  it('writes the calendar in English', () => {
    const ics = result.files.find((f) => f.file.endsWith('.ics'))!.content.toString();
    for (const frag of fragments) expect([frag, word(frag).test(norm(ics))]).toEqual([frag, false]);
  });
});
