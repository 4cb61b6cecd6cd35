import { defineMessages, quote, type Lang } from './messages.js';

/**
 * Advice for the YAML traps French text falls into: a comma inside `{ }`, ` : ` or ` #` inside
 * a plain value, a tab used to indent, a value starting with an indicator character.
 * Each hint names the trap and shows the source line rewritten so that YAML reads what was meant.
 */

const t = defineMessages({
  fr: {
    tab: 'YAML n’accepte pas les tabulations pour indenter. Remplacez la tabulation par des espaces (autant que sur les lignes voisines) :',
    colon:
      'Dans une valeur sans guillemets, « : » suivi d’un espace ouvre une sous-clé, et la valeur devient un dictionnaire. Mettez la valeur entre guillemets :',
    hash: 'Après un espace, « # » commence un commentaire : la valeur est coupée juste avant. Mettez la valeur entre guillemets :',
    comma:
      'Entre { }, chaque virgule sépare deux entrées : la virgule de {text} a coupé la valeur en deux. Mettez la valeur entre guillemets :',
    indicator: 'Une valeur qui commence par {char} {meaning} en YAML. Mettez-la entre guillemets :',
    alias: 'renvoie à une ancre (alias)',
    anchor: 'pose une ancre, qui disparaît de la valeur',
    tag: 'indique une étiquette de type',
    directive: 'est réservée aux directives',
    reserved: 'est un caractère réservé',
    flowSeq: 'ouvre une liste',
    flowMap: 'ouvre un dictionnaire',
    collectionKey: 'Une clé entre [ ] ou { } est une liste ou un dictionnaire, pas un nom : écrivez une clé par ligne :',
  },
  en: {
    tab: 'YAML does not accept tabs for indentation. Replace the tab with spaces (as many as the neighbouring lines use):',
    colon:
      'In an unquoted value, “:” followed by a space starts a nested key, and the value becomes a mapping. Put the value in quotes:',
    hash: 'After a space, “#” starts a comment: the value is cut just before it. Put the value in quotes:',
    comma:
      'Inside { }, each comma separates two entries: the comma in {text} split the value in two. Put the value in quotes:',
    indicator: 'A value starting with {char} {meaning} in YAML. Put it in quotes:',
    alias: 'refers to an anchor (alias)',
    anchor: 'sets an anchor, which is dropped from the value',
    tag: 'marks a type tag',
    directive: 'is reserved for directives',
    reserved: 'is a reserved character',
    flowSeq: 'opens a list',
    flowMap: 'opens a mapping',
    collectionKey: 'A key between [ ] or { } is a list or a mapping, not a name: write one key per line:',
  },
});

type IndicatorMeaning = 'alias' | 'anchor' | 'tag' | 'directive' | 'reserved' | 'flowSeq' | 'flowMap';
const INDICATORS: Record<string, IndicatorMeaning> = {
  '*': 'alias',
  '&': 'anchor',
  '!': 'tag',
  '%': 'directive',
  '@': 'reserved',
  '`': 'reserved',
  '[': 'flowSeq',
  '{': 'flowMap',
};

/** How the corrected line is shown under the hint sentence. */
const SHOW = '\n    ';

/**
 * The hint for a diagnostic whose YAML source line shows a French-text trap, or undefined.
 * The trap is read from `sourceLine` alone: when a line holds one, it explains whatever
 * diagnostic (`code`, `message`) points there — a YAML syntax error or a later schema error.
 */
export function yamlHint(opts: { lang: Lang; code: string; message: string; sourceLine: string }): string | undefined {
  const { lang } = opts;
  const line = opts.sourceLine.replace(/\r?\n$/, '');

  const indent = /^[ \t]*/.exec(line)![0];
  if (indent.includes('\t')) {
    return t(lang, 'tab') + SHOW + indent.replace(/\t/g, '  ') + line.slice(indent.length);
  }

  // A YAML merge key (`<<: *base`) is no quoting trap: capa reports it as such (yaml/merge-key).
  if (/^[ \t]*(?:-[ \t]+)*<<[ \t]*:/.test(line)) return undefined;

  const parts = splitLine(line);
  if (!parts) return undefined;
  const { lead, value, comment } = parts;
  const fix = (v: string) => lead + quoteYaml(v) + comment;
  const first = value[0];

  if (first === '{' || first === '[') {
    const flow = scanFlow(value, 0);
    if (!flow) return undefined;
    if (flow.close < value.length - 1 && value.slice(flow.close + 1).trim() !== '') {
      // `[a, b]: off` is a key that is a list, not a value to quote: one key per line is what was meant.
      const asKey = /^:(?:[ \t]+(.*))?$/.exec(value.slice(flow.close + 1));
      if (asKey) return collectionKeyHint(lang, lead, value, flow, asKey[1] ?? '');
      return indicatorHint(lang, first, fix(value));
    }
    return flowHint(lang, line, lead.length, flow, first === '{');
  }
  if (first !== undefined && first in INDICATORS) return indicatorHint(lang, first, fix(value));
  if (first === '"' || first === "'" || first === '|' || first === '>') return undefined;

  if (/:(?:[ \t]|$)/.test(value)) return t(lang, 'colon') + SHOW + fix(value);
  if (/[ \t]#\S/.test(value)) return t(lang, 'hash') + SHOW + fix(value);
  return undefined;
}

function collectionKeyHint(lang: Lang, lead: string, value: string, flow: FlowScan, rest: string): string {
  const keys = flow.entries.map(([s, e]) => value.slice(s, e).trim()).filter(Boolean);
  const pad = lead.replace(/-/g, ' ');
  const lines = keys.map((k, i) => (i === 0 ? lead : pad) + `${k}: ${rest}`.trimEnd());
  return t(lang, 'collectionKey') + SHOW + lines.join(SHOW);
}

function indicatorHint(lang: Lang, char: string, corrected: string): string {
  return t(lang, 'indicator', { char: quote(lang, char), meaning: t(lang, INDICATORS[char]!) }) + SHOW + corrected;
}

/** `"…"` with `\` and `"` escaped: a double-quoted YAML scalar holding exactly `text`. */
export function quoteYaml(text: string): string {
  return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

interface LineParts {
  /** Indentation, `- ` markers and `key: ` — everything before the value. */
  lead: string;
  value: string;
  /** Trailing ` # comment` (hash followed by a space), kept as written. */
  comment: string;
}

// A key is an identifier (what the kit schemas use); a phrase with spaces before ": " is a
// value that YAML mistook for a key, e.g. a list item `- Qui alimente l'outil : les métiers ?`.
const LINE = /^([ \t]*(?:-[ \t]+)*)(?:([A-Za-z0-9_][\w.-]*|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]+|$))?(.*)$/;

function splitLine(line: string): LineParts | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const rest = m[3]!;
  const before = line.slice(0, line.length - rest.length);
  const c = /[ \t]+#(?=[ \t]|$)/.exec(rest);
  const value = c ? rest.slice(0, c.index) : rest.replace(/[ \t]+$/, '');
  const comment = rest.slice(value.length);
  if (value === '' || value.startsWith('#')) return undefined;
  return { lead: before, value, comment };
}

interface FlowScan {
  close: number;
  /** [start, end) of each comma-separated entry at the first level. */
  entries: Array<[number, number]>;
}

/** Find where the flow collection opened at `open` closes, and its first-level entries. */
function scanFlow(text: string, open: number): FlowScan | undefined {
  const entries: Array<[number, number]> = [];
  let depth = 0;
  let entryStart = open + 1;
  let scalarStart = true; // a quote only opens a quoted scalar where a scalar begins
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (scalarStart && (ch === '"' || ch === "'")) {
      const end = closingQuote(text, i);
      if (end < 0) return undefined;
      i = end;
      scalarStart = false;
      continue;
    }
    if (ch === '{' || ch === '[') {
      depth++;
      scalarStart = true;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        entries.push([entryStart, i]);
        return { close: i, entries };
      }
    } else if (ch === ',' && depth === 1) {
      entries.push([entryStart, i]);
      entryStart = i + 1;
      scalarStart = true;
    } else if (ch === ':' && /[ \t]/.test(text[i + 1] ?? ' ')) {
      scalarStart = true;
    } else if (ch === '#' && i > 0 && /[ \t]/.test(text[i - 1]!) && /[ \t]/.test(text[i + 1] ?? ' ')) {
      return undefined; // the rest of the line is a comment: not a one-line collection
    } else if (!/[ \t]/.test(ch)) {
      scalarStart = ch === ',';
    }
  }
  return undefined;
}

function closingQuote(text: string, at: number): number {
  const q = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

type FlowTrap = 'comma' | 'colon' | 'hash';

/** The trap a plain scalar written inside `{ }` or `[ ]` falls into, if any. */
function plainTrap(text: string): FlowTrap | undefined {
  if (text === '' || /^["'[{]/.test(text)) return undefined;
  if (/:(?:[ \t]|$)/.test(text)) return 'colon';
  if (/[ \t]#\S/.test(text)) return 'hash';
  return undefined;
}

/**
 * Traps inside a one-line `{ }` or `[ ]`: in `{ }`, an entry without `key:` is the piece of the
 * value before it that a comma cut off; in both, a plain value holding ` : ` or ` #` is misread.
 */
function flowHint(lang: Lang, line: string, offset: number, flow: FlowScan, mapping: boolean): string | undefined {
  const values: Array<{ from: number; to: number; trap?: FlowTrap }> = [];
  let current: { from: number; to: number; trap?: FlowTrap } | undefined;
  for (const [s, e] of flow.entries) {
    const raw = line.slice(offset + s, offset + e);
    if (raw.trim() === '') continue;
    const start = offset + s + (raw.length - raw.trimStart().length);
    const end = offset + s + raw.trimEnd().length;
    const sep = mapping ? /:(?:[ \t]+|$)/.exec(raw) : null;
    if (!mapping || sep) {
      current = { from: sep ? offset + s + sep.index + sep[0].length : start, to: end };
      if (current.from < current.to) values.push(current);
    } else if (current) {
      current.to = end;
      current.trap = 'comma';
    }
  }
  const fixes = values
    .map((v) => ({ ...v, text: line.slice(v.from, v.to) }))
    .map((v) => ({ ...v, trap: /^["'[{]/.test(v.text) ? undefined : (v.trap ?? plainTrap(v.text)) }))
    .filter((v) => v.trap !== undefined);
  if (fixes.length === 0) return undefined;
  let corrected = line;
  for (const f of [...fixes].reverse()) {
    corrected = corrected.slice(0, f.from) + quoteYaml(f.text) + corrected.slice(f.to);
  }
  const first = fixes.find((f) => f.trap === 'comma') ?? fixes[0]!;
  return t(lang, first.trap!, { text: quote(lang, first.text) }) + SHOW + corrected;
}
