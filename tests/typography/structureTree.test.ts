import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { agendaData } from '../../src/documents/agenda.js';
import { carnetData } from '../../src/documents/carnet.js';
import type { DocumentContext } from '../../src/documents/DocumentSpec.js';
import { runSheetData } from '../../src/documents/runSheet.js';
import { signInData } from '../../src/documents/signIn.js';
import { useCasesData } from '../../src/documents/useCases.js';
import { parseMarkup, type MarkupNode } from '../../src/layout/markup/parseMarkup.js';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { createRenderer } from '../../src/render/createRenderer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'capa-struct-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Structure element each markup element must produce (the other elements' roles are not compared here). */
const ROLE: Record<string, string> = { h1: 'H1', h2: 'H2', h3: 'H3', h4: 'H4', ul: 'L', ol: 'L', li: 'LI', table: 'Table', tr: 'TR', th: 'TH', td: 'TD' };
/**
 * Heading text compared with its spaces, runs of whitespace (no-break ones included) counted as one: a heading set
 * on two lines must still read « repenser l’accès », the renderer writing the space the line broke at.
 */
const words = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();

/** Expected roles in markup (reading) order, each heading with its text. */
function expectedFrom(nodes: MarkupNode[], out: string[] = [], inHead = false): string[] {
  const text = (ns: MarkupNode[]): string => ns.map((n) => (n.type === 'text' ? n.text : text(n.children))).join('');
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    // Every cell of a header row heads its column, whether the template wrote <th> or <td>.
    // `level` tags a heading (or a paragraph: a cover title) at another level than its look.
    const level = (/^h[1-3]$/.test(n.name) || n.name === 'p') && n.attrs.level ? `H${n.attrs.level}` : undefined;
    const role = level ?? (n.name === 'td' && inHead ? 'TH' : ROLE[n.name]);
    if (role) out.push(/^H\d$/.test(role) ? `${role} ${words(text(n.children))}` : role);
    expectedFrom(n.children, out, inHead || n.name === 'thead');
  }
  return out;
}

/** The same from `pdfinfo -struct-text`: element lines are indented names, text lines are quoted. */
function actualFrom(structText: string): string[] {
  const out: string[] = [];
  let heading: { role: string; indent: number; text: string } | undefined;
  const close = () => {
    if (heading) out.push(`${heading.role} ${words(heading.text)}`);
    heading = undefined;
  };
  for (const line of structText.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (heading && indent <= heading.indent) close();
    const quoted = /^"(.*)"$/s.exec(body);
    if (quoted) {
      if (heading) heading.text += quoted[1];
      continue;
    }
    const role = /^(\w+)/.exec(body)?.[1];
    if (!role || !Object.values(ROLE).includes(role)) continue;
    if (/^H\d$/.test(role)) heading = { role, indent, text: '' };
    else out.push(role);
  }
  close();
  return out;
}

const documents = { agenda: agendaData, 'run-sheet': runSheetData, carnet: carnetData, 'use-cases': useCasesData, 'sign-in': signInData };

describe('structure tree of every flowing document of the demo kit (pdfinfo -struct-text)', async () => {
  const dir = path.join(root, 'kits/demo');
  const checked = await checkKit({ dir, lang: 'en' });
  const kit = checked.kit!;
  const renderer = createRenderer({ kitDir: checked.loaded.dir, lang: kit.lang, messageLang: 'en' });
  const assets = (src: string) => readFileSync(path.join(dir, src));
  const ctx: DocumentContext = { kit, renderer, messageLang: 'en', assets, loaded: checked.loaded };

  for (const [name, data] of Object.entries(documents)) {
    it(`${name}: headings, lists and tables as in the markup, in reading order`, async () => {
      const rendered = renderer.render(`${name}/main`, { kit, theme: kit.theme, doc: data(ctx) });
      expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const parsed = parseMarkup({ markup: rendered.output, file: name });
      const expected = expectedFrom(parsed.root!.children.filter((c) => !(c.type === 'element' && (c.name === 'header' || c.name === 'footer'))));
      expect(expected.some((r) => r.startsWith('H1'))).toBe(true);
      const r = await renderMarkup({ markup: rendered.output, file: name, assets });
      expect(r.diagnostics).toEqual([]);
      const file = path.join(work, `${name}.pdf`);
      writeFileSync(file, r.pdf!);
      const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(tree.startsWith('Document\n')).toBe(true);
      expect(actualFrom(tree)).toEqual(expected);
    }, 60_000);
  }
});
