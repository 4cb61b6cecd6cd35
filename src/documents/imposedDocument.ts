import type { DocumentName } from '../defaults.js';
import { fromPointer } from '../kit/LoadedKit.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { DocumentContext, DocumentSpec } from './DocumentSpec.js';
import { pdfDocument } from './pdfDocument.js';

/** What a cut document's template needs for its `<sheet>` (from the kit's `build` settings and the build's flags). */
export interface SheetSettings {
  /** Millimetres. */
  bleed: number;
  duplex: 'long-edge' | 'short-edge';
  /** Duplex correction of the backs, millimetres. */
  offsetX: number;
  offsetY: number;
  calibration: boolean;
}

export function sheetSettings(ctx: DocumentContext): SheetSettings {
  const b = ctx.kit.build;
  return {
    bleed: b.bleed,
    duplex: ctx.print?.duplex ?? 'long-edge',
    offsetX: b.duplexOffsetMm.x,
    offsetY: b.duplexOffsetMm.y,
    calibration: ctx.print?.calibration ?? false,
  };
}

/**
 * Points a diagnostic about a kit value at that value's YAML line. The layout reports text that does not fit
 * with the `source` path the template gave its zone (`/challenges/3/question`): the person who fixes it edits
 * the YAML, so the template place is dropped (printed next to a kit path it would look like a kit file).
 */
export function locateSource(d: Diagnostic, ctx: DocumentContext): Diagnostic {
  if (!d.path || !ctx.loaded || !d.code.startsWith('layout/')) return d;
  const at = ctx.loaded.locate(fromPointer(d.path));
  return { ...d, file: at.file, line: at.line, column: at.column };
}

/**
 * Items too large for the sheet because of the bleed (the layout then gives the largest bleed that fits as a hint)
 * that the kit sets in `build.bleed_mm`: the diagnostic points there, keeping the template's `<sheet>` as a related
 * place. The default bleed is not written anywhere in the kit, so then the template stays the place.
 */
export function locateBleed(d: Diagnostic, ctx: DocumentContext): Diagnostic {
  const build = ctx.loaded?.data.build;
  const written = typeof build === 'object' && build !== null && 'bleed_mm' in build;
  if (d.code !== 'layout/item-too-large' || d.path || d.hint === undefined || !written) return d;
  const related = d.file !== undefined && d.line !== undefined ? [{ file: d.file, line: d.line, column: d.column ?? 1 }] : [];
  return { ...d, path: '/build/bleed_mm', ...(related.length ? { related: [...(d.related ?? []), ...related] } : {}) };
}

/** A PDF document imposed on sheets (cards, badges): `pdfDocument`, with value diagnostics placed in the YAML. */
export function imposedDocument(opts: { name: DocumentName; data: (ctx: DocumentContext) => unknown }): DocumentSpec {
  const base = pdfDocument(opts);
  return {
    ...base,
    async make(ctx) {
      const out = await base.make(ctx);
      return { ...out, diagnostics: out.diagnostics.map((d) => locateSource(locateBleed(d, ctx), ctx)) };
    },
  };
}
