import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { contrastRatio, minContrastFor } from '../../src/colors/contrast.js';
import { openPdf } from './pdf.js';

/**
 * The contrast of every text run as drawn in a PDF, measured from the file itself: walks pdf.js's operator list of
 * each page, tracking the transformation matrix, the fill colour and every filled path, and for each text run finds
 * the last filled path drawn beneath it (else the white paper). A run is sampled at its first glyph and at its middle,
 * half an x-height above the baseline; the worse background counts.
 */

export interface TextContrast {
  page: number;
  text: string;
  color: string;
  background: string;
  size: number;
  bold: boolean;
  ratio: number;
  /** What WCAG asks for this size and weight: 4.5, or 3 for large text. */
  min: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface Fill { x0: number; y0: number; x1: number; y1: number; color: string }
interface Glyph { unicode?: string; width?: number }

/** Colour keys (■ ●…) show a colour as it is: they are not text to read (see ensureContrast). */
const SWATCH = /^[\s\u25A0-\u25FF]*$/u;

export async function measureTextContrast(pdf: Uint8Array): Promise<TextContrast[]> {
  const doc = await openPdf(pdf);
  const out: TextContrast[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      const fills: Fill[] = [];
      const stack: Array<{ ctm: Matrix; fill: string; mode: number }> = [];
      let gs = { ctm: [1, 0, 0, 1, 0, 0] as Matrix, fill: '#000000', mode: 0 };
      let tm: Matrix = [1, 0, 0, 1, 0, 0];
      let lineStart: Matrix = tm;
      let font = { name: '', size: 0 };
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        switch (fn) {
          case OPS.save: stack.push({ ...gs }); break;
          case OPS.restore: gs = stack.pop() ?? gs; break;
          case OPS.transform: gs = { ...gs, ctm: multiply(args as Matrix, gs.ctm) }; break;
          case OPS.setFillRGBColor: gs = { ...gs, fill: String(args[0]).toUpperCase() }; break;
          case OPS.setFillGray: { const v = Math.round(Number(args[0]) * 255).toString(16).padStart(2, '0'); gs = { ...gs, fill: `#${v}${v}${v}`.toUpperCase() }; break; }
          case OPS.setTextRenderingMode: gs = { ...gs, mode: Number(args[0]) }; break;
          case OPS.beginText: tm = lineStart = [1, 0, 0, 1, 0, 0]; break;
          case OPS.setTextMatrix: tm = lineStart = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? Array.from(args[0] as ArrayLike<number>) : args) as Matrix; break;
          case OPS.moveText: tm = lineStart = multiply([1, 0, 0, 1, Number(args[0]), Number(args[1])], lineStart); break;
          case OPS.setFont: {
            const ref = String(args[0]);
            const obj = page.commonObjs.has(ref) ? (page.commonObjs.get(ref) as { name?: string }) : {};
            font = { name: obj.name ?? ref, size: Number(args[1]) };
            break;
          }
          case OPS.constructPath: {
            // pdf.js ≥ 5: [paint operator, path data, bounding box in user space].
            const [paint, , box] = args as [number, unknown, ArrayLike<number> | null];
            if (!box || !FILLS.has(paint)) break;
            const corners = [apply(gs.ctm, box[0], box[1]), apply(gs.ctm, box[2], box[3]), apply(gs.ctm, box[0], box[3]), apply(gs.ctm, box[2], box[1])];
            const xs = corners.map((c) => c[0]);
            const ys = corners.map((c) => c[1]);
            fills.push({ x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys), color: gs.fill });
            break;
          }
          case OPS.showText: {
            const glyphs = (args[0] as Array<Glyph | number>).filter((g): g is Glyph => typeof g === 'object' && g !== null);
            const text = glyphs.map((g) => g.unicode ?? '').join('');
            if (gs.mode === 3 || gs.mode === 7 || SWATCH.test(text)) break;
            const advance = glyphs.reduce((s, g) => s + ((g.width ?? 0) * font.size) / 1000, 0);
            const first = ((glyphs[0]?.width ?? 0) * font.size) / 1000;
            const m = multiply(tm, gs.ctm);
            const samples = [apply(m, first / 2, font.size * 0.25), apply(m, advance / 2, font.size * 0.25)];
            const backgrounds = samples.map(([x, y]) => [...fills].reverse().find((f) => x >= f.x0 && x <= f.x1 && y >= f.y0 && y <= f.y1)?.color ?? '#FFFFFF');
            const bold = /bold/i.test(font.name);
            const measured = backgrounds.map((b) => ({ background: b, ratio: contrastRatio(gs.fill, b) })).sort((a, b) => a.ratio - b.ratio)[0];
            out.push({ page: n, text, color: gs.fill, size: font.size, bold, min: minContrastFor(font.size, bold), ...measured });
            break;
          }
        }
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
