import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../report/Diagnostic.js';
import { quote, type Lang } from '../report/messages.js';
import { builtinCatalogues } from './builtinCatalogues.js';
import { readCatalogue } from './i18n.js';
import { renderMessage } from './renderMessages.js';
import { shownTemplateFile } from './shownTemplateFile.js';
import { suggestName } from './suggestName.js';
import { checkMessage } from './templateCheckMessages.js';
import type { TemplateSources } from './TemplateSources.js';

export interface Labels {
  /** Every label key, of the kit and of capa, in either language. */
  all: Set<string>;
  /** Problems reading the label files (`template/i18n`). */
  diagnostics: Diagnostic[];
  /** Keys of the kit's label files that capa does not have and no template uses (misspelled keys), given the keys templates use. */
  unknownKitKeys(used: ReadonlyArray<{ key: string; exact: boolean }>): Diagnostic[];
}

/** Where each dotted key of a label file is written (1-based line and column of the key). */
function keyPlaces(text: string): Map<string, { line: number; column: number }> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const out = new Map<string, { line: number; column: number }>();
  const walk = (map: YAMLMap, prefix: string) => {
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const key = prefix + String(pair.key.value);
      const pos = lineCounter.linePos(pair.key.range?.[0] ?? 0);
      out.set(key, { line: pos.line, column: pos.col });
      if (isMap(pair.value)) walk(pair.value, `${key}.`);
    }
  };
  if (isMap(doc.contents)) walk(doc.contents, '');
  return out;
}

/** Read the kit's and capa's label files (French and English) for the template checker. */
export function checkLabelFiles(sources: TemplateSources, lang: Lang): Labels {
  const all = new Set<string>();
  const builtin = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const kitFiles: Array<{ file: string; keys: string[]; abs: string }> = [];
  // capa's own label files, read when capa was built: not parsed again.
  const known = builtinCatalogues();
  for (const l of ['fr', 'en'] as const) {
    for (const source of ['kit', 'builtin'] as const) {
      const f = sources.catalogueFile(source, `i18n/${l}.yaml`);
      if (!f) continue;
      const dir = source === 'kit' ? sources.kitTemplates : sources.builtinDir;
      const read = readCatalogue({ templatesDir: dir, lang: l, displayFile: shownTemplateFile(f, lang), messageLang: lang, known });
      diagnostics.push(...read.diagnostics);
      for (const key of read.catalogue.keys()) {
        all.add(key);
        if (source === 'builtin') builtin.add(key);
      }
      if (source === 'kit' && read.diagnostics.length === 0) kitFiles.push({ file: f.file, keys: [...read.catalogue.keys()], abs: f.abs });
    }
  }
  return {
    all,
    diagnostics,
    unknownKitKeys(used) {
      const exact = new Set(used.filter((u) => u.exact).map((u) => u.key));
      // A key a template builds (`{{t "my-kinds" kind}}`) is the kit's own when capa has no key there;
      // under one of capa's prefixes (`label.`), a key capa does not have is a misspelling.
      const prefixes = used.filter((u) => !u.exact).map((u) => `${u.key}.`).filter((p) => ![...builtin].some((k) => k.startsWith(p)));
      const out: Diagnostic[] = [];
      const known = [...builtin];
      for (const f of kitFiles) {
        const unknown = f.keys.filter((k) => !builtin.has(k) && !exact.has(k) && !prefixes.some((p) => k.startsWith(p)));
        if (unknown.length === 0) continue;
        const places = keyPlaces(readFileSync(f.abs, 'utf8'));
        for (const key of unknown) {
          const near = suggestName(key, known);
          out.push({
            severity: 'error',
            code: 'template/unknown-label',
            message: checkMessage(lang, 'unknownLabel', { key: quote(lang, key) }),
            ...(near ? { hint: renderMessage(lang, 'didYouMean', { name: near }) } : {}),
            file: f.file,
            ...(places.get(key) ?? { line: 1, column: 1 }),
          });
        }
      }
      return out;
    },
  };
}
