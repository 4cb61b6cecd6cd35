import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDir } from './tempKit.js';

/**
 * What a PDF page draws, read back from the file (not from capa's layout model): qpdf rewrites it with plain
 * content streams, and the fills and strokes capa's renderer emits are read from them. Coordinates are in points
 * from the page's top-left corner, as pdfkit's page transform (`1 0 0 -1 0 H cm`) sets them.
 */
export interface DrawnRect {
  x: number;
  y: number;
  width: number;
  height: number;
  /** `r g b` of the fill, 0–1. */
  fill: string;
}
export interface DrawnLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  /** `r g b` of the stroke, 0–1. */
  stroke: string;
}
export type Box4 = [number, number, number, number];
export interface DrawnPage {
  width: number;
  height: number;
  rects: DrawnRect[];
  lines: DrawnLine[];
  /** The page boxes, as written in the page dictionary ([left, bottom, right, top] from the bottom-left). */
  boxes: Partial<Record<'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox' | 'ArtBox', Box4>>;
}

const num = String.raw`(-?\d+(?:\.\d+)?)`;

/** Every page of `pdf`, with its filled rectangles, stroked lines and page boxes. */
export function drawnPages(pdf: Uint8Array): DrawnPage[] {
  const dir = freshDir('capa-drawing-');
  const input = path.join(dir, 'in.pdf');
  const output = path.join(dir, 'out.pdf');
  writeFileSync(input, pdf);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', input, output]);
  const text = readFileSync(output, 'latin1');
  const pages: DrawnPage[] = [];
  // qpdf --qdf writes "%% Page n" before each page dictionary and "%% Contents for page n" before its stream.
  for (let n = 1; ; n++) {
    const at = text.indexOf(`%% Page ${n}\n`);
    if (at < 0) break;
    const dict = text.slice(at, text.indexOf('endobj', at));
    const box = (name: string): Box4 | undefined => {
      const m = new RegExp(String.raw`/${name} \[\s*${num}\s+${num}\s+${num}\s+${num}\s*\]`).exec(dict);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
    };
    const boxes: DrawnPage['boxes'] = {};
    for (const name of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox'] as const) {
      const b = box(name);
      if (b) boxes[name] = b;
    }
    const media = boxes.MediaBox!;
    const c = text.indexOf(`%% Contents for page ${n}\n`);
    const stream = text.slice(text.indexOf('stream\n', c) + 7, text.indexOf('endstream', c));
    const rects: DrawnRect[] = [];
    const lines: DrawnLine[] = [];
    const ops = stream.split('\n');
    let pendingRect: Omit<DrawnRect, 'fill'> | undefined;
    let pendingLine: Partial<DrawnLine> = {};
    let fill = '0 0 0';
    let stroke = '0 0 0';
    let width = 1;
    for (const op of ops) {
      let m: RegExpExecArray | null;
      if ((m = new RegExp(`^${num} ${num} ${num} ${num} re$`).exec(op))) pendingRect = { x: +m[1], y: +m[2], width: +m[3], height: +m[4] };
      else if ((m = new RegExp(`^${num} ${num} ${num} scn$`).exec(op))) fill = `${m[1]} ${m[2]} ${m[3]}`;
      else if ((m = new RegExp(`^${num} ${num} ${num} SCN$`).exec(op))) stroke = `${m[1]} ${m[2]} ${m[3]}`;
      else if ((m = new RegExp(`^${num} w$`).exec(op))) width = +m[1];
      else if (op === 'f' && pendingRect) {
        rects.push({ ...pendingRect, fill });
        pendingRect = undefined;
      } else if ((m = new RegExp(`^${num} ${num} m$`).exec(op))) {
        pendingLine = { x1: +m[1], y1: +m[2] };
        pendingRect = undefined;
      }
      else if ((m = new RegExp(`^${num} ${num} l$`).exec(op))) pendingLine = { ...pendingLine, x2: +m[1], y2: +m[2] };
      else if (op === 'S') {
        if (pendingLine.x2 !== undefined) lines.push({ ...(pendingLine as DrawnLine), width, stroke });
        pendingLine = {};
        pendingRect = undefined;
      }
    }
    pages.push({ width: media[2] - media[0], height: media[3] - media[1], rects, lines, boxes });
  }
  return pages;
}
