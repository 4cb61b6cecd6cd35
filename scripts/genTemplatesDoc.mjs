// The generated parts of docs/templates.md: the data a template receives (from the model's TypeScript
// types, src/kit/Kit.ts and each document's `doc` shape in src/documents/) and the markup vocabulary (from
// src/layout/markup/vocabulary.ts). They sit between `<!-- generated:NAME -->` and `<!-- end:NAME -->` markers;
// the rest of the page is written by hand. Run through `node scripts/genDocs.mjs`;
// tests/docs/templatesDoc.test.ts regenerates them in memory and fails when the page is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const templatesDocPath = fileURLToPath(new URL('../docs/templates.md', import.meta.url));
const src = (file) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));

/** Each document's template data: the file that shapes it and the interface passed as `doc`. */
export const DOCUMENT_DATA = [
  { doc: 'agenda', file: 'documents/agenda.ts', root: 'AgendaData' },
  { doc: 'run-sheet', file: 'documents/runSheet.ts', root: 'RunSheetData' },
  { doc: 'cards', file: 'documents/cards.ts', root: 'CardsData' },
  { doc: 'carnet', file: 'documents/carnet.ts', root: 'CarnetData' },
  { doc: 'use-cases', file: 'documents/useCases.ts', root: 'UseCasesData' },
  { doc: 'sign-in', file: 'documents/signIn.ts', root: 'SignInData' },
  { doc: 'badges', file: 'documents/badges.ts', root: 'BadgesData' },
];

/** Model fields templates never use: `path` locates data for diagnostics, `byId` holds Maps (not iterable by Handlebars). */
const HIDDEN_FIELDS = new Set(['path', 'byId']);

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (s) => `\`${s}\``;

/** Every exported interface of a TypeScript file: name, what it extends, fields with type and comment. */
export function interfacesOf(file) {
  const text = readFileSync(src(file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out = [];
  const comment = (node) => {
    const docs = node.jsDoc ?? [];
    const last = docs[docs.length - 1];
    return typeof last?.comment === 'string' ? last.comment : (last?.comment ?? []).map((c) => c.text).join('');
  };
  for (const st of sf.statements) {
    if (!ts.isInterfaceDeclaration(st) || !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const fields = [];
    for (const m of st.members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const name = m.name.getText(sf).replace(/^['"]|['"]$/g, '');
      if (HIDDEN_FIELDS.has(name)) continue;
      fields.push({ name, optional: Boolean(m.questionToken), type: m.type?.getText(sf).replace(/\s+/g, ' ') ?? '', comment: comment(m) });
    }
    const extendsNames = (st.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.getText(sf)));
    out.push({ name: st.name.text, extends: extendsNames, comment: comment(st), fields });
  }
  return out;
}

function interfaceTable(iface) {
  const rows = ['| champ | type | explication |', '|---|---|---|'];
  for (const f of iface.fields) rows.push(`| ${code(f.name)} | ${cell(code(f.type + (f.optional ? ' (facultatif)' : '')))} | ${cell(f.comment)} |`);
  return rows.join('\n');
}

/** The model section: `kit` (src/kit/Kit.ts), then each document's `doc`. */
export function modelSection() {
  const out = [];
  out.push('### `kit` et `theme`', '');
  for (const iface of interfacesOf('kit/Kit.ts').filter((i) => i.name !== 'Located')) {
    out.push(`#### ${iface.name}`, '');
    if (iface.comment && iface.name !== 'Kit') out.push(cell(iface.comment), '');
    out.push(interfaceTable(iface), '');
  }
  for (const { doc, file, root } of DOCUMENT_DATA) {
    out.push(`### \`doc\` de \`${doc}\` (\`templates/${doc}/main.hbs\`)`, '');
    for (const iface of interfacesOf(file)) {
      out.push(`#### ${iface.name}${iface.name === root ? ' — `doc`' : ''}`, '');
      if (iface.comment && iface.name === root) out.push(cell(iface.comment.replace(/\(`templates\/[^`]+`\) /, '')), '');
      out.push(interfaceTable(iface), '');
    }
  }
  return out.join('\n').trimEnd();
}

/** An attribute's accepted values, in words (French). */
function attrValues(kind) {
  switch (kind.kind) {
    case 'text': return 'texte';
    case 'length': return `longueur (${kind.bare === 'pt' ? 'nombre seul en points' : 'nombre seul en mm'})`;
    case 'width': return 'largeur (`30%`, `40mm`, `*`)';
    case 'color': return 'couleur `#RRGGBB`';
    case 'bool': return '`true` / `false`';
    case 'margins': return 'marges (1 à 4 longueurs)';
    case 'enum': return kind.values.map(code).join(', ');
    case 'number': {
      const bounds = [kind.min !== undefined ? `≥ ${kind.min}` : '', kind.max !== undefined ? `≤ ${kind.max}` : ''].filter(Boolean).join(', ');
      return `${kind.integer ? 'entier' : 'nombre'}${bounds ? ` (${bounds})` : ''}`;
    }
    default: return kind.kind;
  }
}

function contentWords(content) {
  if (content === 'inline') return 'texte et balises de texte';
  if (content === 'flow') return 'blocs, texte';
  if (content === 'empty') return 'rien (`<… />`)';
  return content.map((c) => code(`<${c}>`)).join(', ');
}

const CATEGORY = { block: 'bloc', inline: 'texte', part: 'partie' };

/** The vocabulary section: one row per element, with every attribute and what it accepts. */
export function vocabularySection(vocabulary) {
  const rows = ['| élément | sorte | attributs (obligatoires en gras) | contenu | seulement dans |', '|---|---|---|---|---|'];
  for (const [name, spec] of Object.entries(vocabulary)) {
    const required = new Set(spec.required ?? []);
    const attrs = Object.entries(spec.attrs).map(([a, kind]) => `${required.has(a) ? `**${code(a)}**` : code(a)} : ${attrValues(kind)}`);
    const parents = spec.parents ? (spec.parents.length ? spec.parents.map((p) => code(`<${p}>`)).join(', ') : 'racine') : '';
    rows.push(`| ${code(`<${name}>`)} | ${CATEGORY[spec.category]} | ${cell(attrs.join(' ; ') || '—')} | ${cell(contentWords(spec.content))} | ${parents} |`);
  }
  return rows.join('\n');
}

/** `text` with each generated section replaced by its current content. */
export function updateTemplatesDoc(text, sections) {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- generated:${name} [^>]*-->)[\\s\\S]*?(<!-- end:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/templates.md has no <!-- generated:${name} … --> … <!-- end:${name} --> section`);
    out = out.replace(re, (_, open, close) => `${open}\n\n${body}\n\n${close}`);
  }
  return out;
}

/** docs/templates.md as it should be, given the markup vocabulary. */
export function generateTemplatesDoc(vocabulary, text = readFileSync(templatesDocPath, 'utf8')) {
  return updateTemplatesDoc(text, { model: modelSection(), vocabulary: vocabularySection(vocabulary) });
}
