// fontkit 2 ships no types; only what capa's layout uses.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    /** The characters this glyph stands for (several for a ligature). */
    codePoints: number[];
    /** The outline in font units (y up). */
    path: Path;
    /** Advance width in font units (the `hmtx` table). */
    advanceWidth: number;
  }
  export interface Path {
    scale(sx: number, sy?: number): Path;
    translate(x: number, y: number): Path;
    toSVG(): string;
  }
  export interface GlyphRun {
    advanceWidth: number;
    glyphs: Glyph[];
    positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): GlyphRun;
  }
  /** A font from its file's bytes (a collection needs a PostScript name; capa's files are single fonts). */
  export function create(bytes: Uint8Array, postscriptName?: string): Font;
}
