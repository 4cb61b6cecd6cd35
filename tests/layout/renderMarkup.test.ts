import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../src/layout/renderMarkup.js';
import { openPdf as open, pageItems } from '../helpers/pdf.js';
import { makePng } from './helpers/makePng.js';

const markup = `<document size="A4" title="Programme de la session" lang="fr" author="Cerema">
  <header rule="true"><left>Expédition CAPAcities</left></header>
  <footer><right>page <page-number/> / <page-count/></right></footer>
  <h1>Session 3</h1>
  <p>Accueil à la <b>Maison du port</b> → salle A ★ ✓ n° « libre ». Voir <a href="https://example.org/capa">le site</a>.</p>
  <h2>Mercredi</h2>
  <table><thead><tr><th>Heure</th><th>Activité</th></tr></thead>
  ${Array.from({ length: 45 }, (_, i) => `<tr><td>${9 + (i % 8)} h</td><td>Atelier ${i}</td></tr>`).join('')}
  </table>
  <h2>Jeudi</h2>
  <h3>Matin</h3>
  <p>Fin.</p>
</document>`;

/** The page's text items joined by spaces, whitespace as drawn (not collapsed). */
async function pageText(doc: Awaited<ReturnType<typeof open>>, n: number): Promise<string> {
  return (await pageItems(doc, n)).join(' ');
}

describe('renderMarkup → PDF', () => {
  it('writes a PDF whose text, pages, outline, metadata and links can be read back', async () => {
    const r = await renderMarkup({ markup, file: 'programme.hbs' });
    expect(r.diagnostics).toEqual([]);
    const doc = await open(r.pdf!);
    expect(doc.numPages).toBe(r.pages);
    expect(r.pages).toBe(2);
    const p1 = await pageText(doc, 1);
    expect(p1).toContain('Session 3');
    expect(p1).toContain('Maison du port');
    expect(p1).toContain('→');
    expect(p1).toContain('★');
    expect(p1).toContain('page 1 / 2');
    const p2 = await pageText(doc, 2);
    expect(p2).toContain('Heure');
    expect(p2).toContain('page 2 / 2');

    type Node = { title: string; items: Node[] };
    const outline = (await doc.getOutline()) as Node[];
    expect(outline.map((o: Node) => o.title)).toEqual(['Session 3']);
    expect(outline[0].items.map((o: Node) => o.title)).toEqual(['Mercredi', 'Jeudi']);
    expect(outline[0].items[1].items.map((o: Node) => o.title)).toEqual(['Matin']);

    const meta = await doc.getMetadata();
    expect(meta.info).toMatchObject({ Title: 'Programme de la session', Author: 'Cerema', Language: 'fr' });

    const annots = await (await doc.getPage(1)).getAnnotations();
    expect(annots.map((a) => a.url)).toEqual(['https://example.org/capa']);
  });

  it('embeds every font it uses (text face and fallback)', async () => {
    const r = await renderMarkup({ markup, file: 'programme.hbs' });
    const raw = r.pdf!.toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1].slice(7));
    expect(new Set(fonts)).toEqual(new Set(['AtkinsonHyperlegibleNext-Regular', 'AtkinsonHyperlegibleNext-Bold', 'DejaVuSans']));
    const descriptors = raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0;
    const files = raw.match(/\/FontFile2/g)?.length ?? 0;
    expect(files).toBe(descriptors);
    expect(raw).toContain('/DisplayDocTitle true');
  });

  it('is byte-identical for identical input', async () => {
    // RGBA: pdfkit decodes alpha PNGs asynchronously, the case that used to reorder objects.
    const png = makePng(40, 20);
    const withImage = markup.replace('<h2>Jeudi</h2>', '<img src="a.png" alt="Logo" width="20mm"/><h2>Jeudi</h2>');
    const a = await renderMarkup({ markup: withImage, file: 'x.hbs', assets: () => png });
    const b = await renderMarkup({ markup: withImage, file: 'x.hbs', assets: () => png });
    expect(a.diagnostics).toEqual([]);
    expect(a.pdf!.equals(b.pdf!)).toBe(true);
  });

  it('returns diagnostics and no PDF when the markup is wrong', async () => {
    const r = await renderMarkup({ markup: '<document>\n<para>x</para></document>', file: 'agenda.hbs' });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['template/unknown-element', 'agenda.hbs', 2, 1]]);
  });
});

describe('renderMarkup diagnostics placement', () => {
  it('moves diagnostics to the template place given by the source map', async () => {
    const r = await renderMarkup({
      markup: '<document>\n<p colr="#000">x</p></document>',
      file: 'programme (markup)',
      locate: (line, column) => (line === 2 ? { file: 'templates/agenda/day.hbs', line: 40 + line, column } : undefined),
    });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['template/unknown-attribute', 'templates/agenda/day.hbs', 42, 4]]);
  });
});

describe('tagged PDF', () => {
  it('carries a structure tree in reading order, with artifacts left out', async () => {
    const r = await renderMarkup({
      markup:
        '<document title="T"><footer><right><page-number/></right></footer><h1>Title</h1><p>see <a href="https://x.org">site</a> now</p>' +
        '<ul><li>one</li></ul><table><thead><tr><th>H</th></tr></thead><tr><td>D</td></tr></table>' +
        '<timeline start="0" end="60" alt="Day plan"><lane><bar start="0" end="30"/></lane></timeline></document>',
      file: 'x.hbs',
    });
    const doc = await open(r.pdf!);
    type Node = { role?: string; alt?: string; children?: Node[]; type?: string };
    const tree = (await (await doc.getPage(1)).getStructTree()) as Node;
    const roles = (n: Node): unknown => (n.role ? { [n.role]: (n.children ?? []).filter((c) => c.role).map(roles) } : null);
    expect(roles(tree)).toEqual({
      Root: [{ Document: [
        { H1: [] },
        { P: [{ Link: [] }] },
        { L: [{ LI: [{ Lbl: [] }, { LBody: [{ P: [] }] }] }] },
        { Table: [{ TR: [{ TH: [{ P: [] }] }] }, { TR: [{ TD: [{ P: [] }] }] }] },
        { Figure: [] },
      ] }],
    });
    const figure = tree.children![0].children!.find((c) => c.role === 'Figure');
    expect(figure?.alt).toBe('Day plan');
    const text = await pageText(doc, 1);
    expect(text).toContain('see');
  });
});
