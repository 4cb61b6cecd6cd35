import type { Diagnostic, Location } from '../report/Diagnostic.js';
import { quote, type Lang } from '../report/messages.js';
import type { DataPath, LoadedKit } from '../kit/LoadedKit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { drawnWithoutLookup } from '../layout/fonts/fontFallback.js';
import { layoutMessage } from '../layout/core/layoutMessages.js';

/** Characters named in one warning; the rest are counted. */
const LISTED = 6;
/** Characters that print nothing: their absence from a font is no loss (controls are reported elsewhere). */
const SILENT = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;
/** Characters worth showing next to their code (not a lone surrogate, a format or unassigned code point). */
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** A string of the kit data and where it is in the merged data. */
interface Field {
  path: DataPath;
  text: string;
}

/** Every string value of the data (keys are ids and field names, not printed text), depth-first, without recursion. */
function fields(data: unknown): Field[] {
  const out: Field[] = [];
  const stack: Array<{ path: DataPath; value: unknown }> = [{ path: [], value: data }];
  while (stack.length) {
    const { path, value } = stack.pop()!;
    if (typeof value === 'string') out.push({ path, text: value });
    else if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push({ path: [...path, i], value: value[i] });
    else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ path: [...path, entries[i][0]], value: entries[i][1] });
    }
  }
  return out;
}

/** Distinct code points of `text` that may lack a glyph (not known drawn without a font), in order. Linear in `text`. */
function doubtful(text: string): number[] {
  const out: number[] = [];
  let seen: Set<number> | undefined;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) <= 0x7e) continue;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (drawnWithoutLookup(cp)) continue;
    seen ??= new Set();
    if (seen.has(cp)) continue;
    seen.add(cp);
    if (!SILENT.test(String.fromCodePoint(cp))) out.push(cp);
  }
  return out;
}

function describe(cp: number, lang: Lang): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(cp);
  return VISIBLE.test(ch) ? `${code} ${quote(lang, ch)}` : code;
}

/** The value's place, moved to the first missing character when it is on the value's first line (a one-line value). */
function placeOf(kit: LoadedKit, path: DataPath, ch: string): Location {
  const loc = kit.locate(path);
  const source = kit.files.find((f) => f.file === loc.file);
  if (!source) return loc;
  const lineStart = source.lineCounter.lineStarts[loc.line - 1];
  if (lineStart === undefined) return loc;
  const from = lineStart + loc.column - 1;
  const lineEnd = source.text.indexOf('\n', from);
  // Searched on that line only: a value written with escapes ("\U00010900") keeps the value's own column.
  const at = source.text.slice(from, lineEnd < 0 ? undefined : lineEnd).indexOf(ch);
  return at < 0 ? loc : { ...loc, column: loc.column + at };
}

/**
 * A warning for each text of the kit holding characters no font of capa draws (an ancient script, a private-use
 * character, a script without a font here): in a PDF they would be empty boxes, absent from the text layer.
 * Located at the value, on the first such character when it is on the value's line. Fonts are opened only when
 * some text has characters beyond those known to be drawn (see `DRAWN_BY_TEXT_FONTS`).
 */
export async function checkGlyphs(kit: LoadedKit, lang: Lang): Promise<Diagnostic[]> {
  const suspects = fields(kit.data).flatMap((f) => {
    const cps = doubtful(f.text);
    return cps.length ? [{ ...f, cps }] : [];
  });
  if (suspects.length === 0) return [];
  const { fontBook } = await import('../layout/fonts/fonts.js');
  const book = fontBook();
  const diagnostics: Diagnostic[] = [];
  for (const s of suspects) {
    const missing = s.cps.filter((cp) => !book.draws(cp));
    if (missing.length === 0) continue;
    const listed = missing.slice(0, LISTED).map((cp) => describe(cp, lang));
    if (missing.length > LISTED) listed.push(layoutMessage(lang, 'andMore', { count: missing.length - LISTED }));
    diagnostics.push({
      severity: 'warning',
      code: 'layout/missing-glyph',
      message: layoutMessage(lang, 'missingGlyph', { chars: listed.join(', ') }),
      hint: layoutMessage(lang, 'missingGlyphHint'),
      ...placeOf(kit, s.path, String.fromCodePoint(missing[0])),
      path: toPointer(s.path),
    });
  }
  return diagnostics;
}
