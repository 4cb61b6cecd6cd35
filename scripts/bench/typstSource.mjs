/**
 * Turns a document's markup (what capa's templates produce, before layout) into a Typst source with the
 * same content — the same pages breaks, headings, paragraphs, lists, tables, boxes, ruled lines, diagrams,
 * table of contents, header and footer, in the same fonts — so that `npm run bench` can time the Typst
 * compiler against capa on the same document. Not a general converter: it knows the vocabulary the
 * built-in templates use. `node scripts/bench/typstSource.mjs <markup.xml> <out.typ>`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';

const MM = { A4: [210, 297], A5: [148, 210], A6: [105, 148], letter: [215.9, 279.4] };

/** A markup length (`6mm`, `12`, `1.2pt`) as a Typst length; bare numbers are points unless `bare` says mm. */
function len(v, bare = 'pt') {
  const m = /^(-?[\d.]+)\s*(mm|pt)?$/.exec(String(v).trim());
  if (!m) return '0pt';
  return `${m[1]}${m[2] ?? bare}`;
}
const rgb = (c) => `rgb("${c}")`;
/** Text for Typst markup mode: every character that means something there is escaped. */
const esc = (s) => s.replace(/[\\#*_`$<>@\[\]=~\-/"']/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
const str = (s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

function margins(v) {
  const p = String(v).trim().split(/\s+/).map((x) => len(x, 'mm'));
  const [t, r = t, b = t, l = r] = p;
  return `(top: ${t}, right: ${r}, bottom: ${b}, left: ${l})`;
}

const kids = (n) => (n.children ?? []).filter((c) => c.type !== 'comment');
const isEl = (n) => n.type === 'tag';

function inline(nodes) {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += esc(n.data);
    else if (isEl(n)) out += inlineEl(n);
  }
  return out;
}

function inlineEl(n) {
  const a = n.attribs;
  const body = inline(kids(n));
  switch (n.name) {
    case 'b': return `#strong[${body}]`;
    case 'i': return `#emph[${body}]`;
    case 'color': return `#text(fill: ${rgb(a.value)})[${body}]`;
    case 'span': return `#text(${[a.color && `fill: ${rgb(a.color)}`, a.size && `size: ${a.size}pt`].filter(Boolean).join(', ')})[${body}]`;
    case 'a': return `#link(${str(a.href ?? '')})[${body}]`;
    case 'br': return '#linebreak()';
    case 'page-number': return '#context counter(page).display()';
    case 'page-count': return '#context counter(page).final().first()';
    default: return body;
  }
}

function textOpts(a) {
  return [a.color && `fill: ${rgb(a.color)}`, a.size && `size: ${a.size}pt`].filter(Boolean).join(', ');
}

function block(n) {
  if (n.type === 'text') return n.data.trim() ? `${esc(n.data)}\n` : '';
  if (!isEl(n)) return '';
  const a = n.attribs;
  const flow = () => kids(n).map(block).join('');
  switch (n.name) {
    case 'h1': case 'h2': case 'h3': {
      const level = Number(n.name[1]);
      const inner = a.color ? `#text(fill: ${rgb(a.color)})[${inline(kids(n))}]` : inline(kids(n));
      return `#heading(level: ${level}, outlined: ${a.bookmark !== 'false'})[${inner}]\n`;
    }
    case 'p': {
      let body = inline(kids(n));
      const t = textOpts(a);
      if (t) body = `#text(${t})[${body}]`;
      if (a.align) body = `#align(${a.align})[${body}]`;
      return `#par[${body}]\n`;
    }
    case 'ul': case 'ol': {
      const fn = n.name === 'ul' ? 'list' : 'enum';
      return `#${fn}(${kids(n).filter(isEl).map((li) => `[${kids(li).map(block).join('')}]`).join(', ')})\n`;
    }
    case 'table': return table(n);
    case 'box': {
      const opts = [
        a.fill && `fill: ${rgb(a.fill)}`,
        a.border && `stroke: ${len(a['border-width'] ?? '1')} + ${rgb(a.border)}`,
        a.band && !a.border && `stroke: (left: 3pt + ${rgb(a.band)})`,
        `inset: ${len(a.padding ?? '4mm', 'mm')}`,
        a.radius && `radius: ${len(a.radius, 'mm')}`,
        'width: 100%',
      ].filter(Boolean);
      return `#block(${opts.join(', ')})[\n${flow()}]\n`;
    }
    case 'keep': return `#block(breakable: false)[\n${flow()}]\n`;
    case 'lines': {
      const gap = len(a.spacing ?? '7mm', 'mm');
      return `#for _ in range(${a.count}) { block(height: ${gap}, above: 0pt, below: 0pt, align(bottom, line(length: 100%, stroke: 0.5pt + ${rgb(a.color ?? '#BBBBBB')}))) }\n`;
    }
    case 'checkbox': return `#box(width: 3mm, height: 3mm, stroke: 0.6pt) ${inline(kids(n))}\n\n`;
    case 'spacer': return `#v(${len(a.height, 'mm')})\n`;
    case 'hr': return `#line(length: 100%, stroke: 0.5pt + ${rgb(a.color ?? '#999999')})\n`;
    case 'page-break': return '#pagebreak(weak: true)\n';
    case 'toc': return `#outline(title: none, depth: ${a.depth ?? 3})\n`;
    case 'diagram': return diagram(n);
    default: return flow();
  }
}

function table(n) {
  const a = n.attribs;
  const cols = kids(n).filter((c) => isEl(c) && c.name === 'col').map((c) => (c.attribs.width === '*' || !c.attribs.width ? '1fr' : len(c.attribs.width, 'mm')));
  const cell = (c) => {
    const body = kids(c).map(block).join('');
    const opts = [c.attribs.colspan && `colspan: ${c.attribs.colspan}`, c.attribs.fill && `fill: ${rgb(c.attribs.fill)}`, c.attribs.align && `align: ${c.attribs.align}`].filter(Boolean);
    const inner = c.name === 'th' ? `#strong[${body}]` : body;
    return opts.length ? `table.cell(${opts.join(', ')})[${inner}]` : `[${inner}]`;
  };
  const rows = (section) => kids(section).filter(isEl).flatMap((tr) => kids(tr).filter(isEl).map(cell));
  const parts = [];
  for (const s of kids(n).filter(isEl)) {
    if (s.name === 'thead') parts.push(`table.header(${rows(s).join(', ')})`);
    else if (s.name === 'tbody') parts.push(...rows(s));
    else if (s.name === 'tr') parts.push(...kids(s).filter(isEl).map(cell));
  }
  const opts = [
    `columns: (${cols.join(', ')}${cols.length === 1 ? ',' : ''})`,
    a.rules === 'none' ? 'stroke: none' : 'stroke: (bottom: 0.5pt + rgb("#CCCCCC"))',
    a.stripe && `fill: (_, y) => if calc.odd(y) { ${rgb(a.stripe)} }`,
  ].filter(Boolean);
  const body = `#table(${opts.join(', ')}, ${parts.join(', ')})`;
  return `${a.size ? `#text(size: ${a.size}pt)[${body}]` : body}\n`;
}

/** Three columns of node boxes at even heights, edges drawn as straight lines between them: what capa draws. */
function diagram(n) {
  const columns = kids(n).filter((c) => isEl(c) && c.name === 'column');
  const edges = kids(n).filter((c) => isEl(c) && c.name === 'edge');
  const height = 190;
  const width = 174;
  const colW = 44;
  const gap = (width - colW * columns.length) / Math.max(1, columns.length - 1);
  const where = new Map();
  const places = [];
  columns.forEach((col, ci) => {
    const nodes = kids(col).filter(isEl);
    const step = (height - 10) / Math.max(1, nodes.length);
    places.push(`place(dx: ${ci * (colW + gap)}mm, dy: 0mm, text(weight: "bold", ${str(col.attribs.title ?? '')}))`);
    nodes.forEach((node, ni) => {
      const x = ci * (colW + gap);
      const y = 8 + ni * step;
      where.set(node.attribs.id, { x, y: y + Math.min(step, 12) / 2 });
      places.push(`place(dx: ${x}mm, dy: ${y}mm, block(width: ${colW}mm, inset: 2pt, stroke: (left: 2pt + ${rgb(node.attribs.color ?? '#777777')}))[${inline(kids(node))}])`);
    });
  });
  for (const e of edges) {
    const from = where.get(e.attribs.from);
    const to = where.get(e.attribs.to);
    if (!from || !to) continue;
    places.push(`place(line(start: (${from.x + colW}mm, ${from.y}mm), end: (${to.x}mm, ${to.y}mm), stroke: 0.6pt + ${rgb(e.attribs.color ?? '#777777')}))`);
  }
  return `#block(width: 100%, height: ${height}mm, breakable: false, text(size: ${n.attribs['font-size'] ?? 8.5}pt)[#${places.join('\n#')}\n])\n`;
}

function furniture(part) {
  if (!part) return 'none';
  const slots = Object.fromEntries(kids(part).filter(isEl).map((s) => [s.name, inline(kids(s))]));
  const row = `#grid(columns: (1fr, 1fr, 1fr), align(left)[${slots.left ?? ''}], align(center)[${slots.center ?? ''}], align(right)[${slots.right ?? ''}])`;
  const size = part.attribs['font-size'] ?? 8;
  const body = `#text(size: ${size}pt, fill: rgb("#5F6B7A"))[${row}]`;
  return part.attribs['skip-first'] === 'true' ? `context if counter(page).get().first() > 1 [${body}]` : `[${body}]`;
}

export function typstSource(markup) {
  const root = parseDocument(markup, { xmlMode: true, decodeEntities: true });
  const doc = root.children.find((c) => isEl(c) && c.name === 'document');
  const a = doc.attribs;
  const [w, h] = MM[a.size ?? 'A4'];
  const [pw, ph] = a.orientation === 'landscape' ? [h, w] : [w, h];
  const parts = kids(doc);
  const header = parts.find((c) => isEl(c) && c.name === 'header');
  const footer = parts.find((c) => isEl(c) && c.name === 'footer');
  const preamble = [
    `#set document(title: ${str(a.title ?? '')})`,
    `#set page(width: ${pw}mm, height: ${ph}mm, margin: ${margins(a.margin ?? '20')}, header: ${furniture(header)}, footer: ${furniture(footer)})`,
    `#set text(font: ("Atkinson Hyperlegible Next", "DejaVu Sans"), lang: ${str(a.lang ?? 'fr')}, size: ${a['font-size'] ?? 10}pt)`,
    '#set par(justify: false)',
    `#show heading: set text(fill: ${rgb(a.accent ?? '#000000')})`,
  ];
  const body = parts.filter((c) => !(isEl(c) && (c.name === 'header' || c.name === 'footer'))).map(block).join('');
  return `${preamble.join('\n')}\n${body}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, out] = process.argv.slice(2);
  writeFileSync(out, typstSource(readFileSync(input, 'utf8')));
}
