// What @types/pdfkit 0.17 lacks from pdfkit 0.20 and capa's renderer uses.
declare namespace PDFKit {
  /** An opened image (PNG or JPEG), embedded once and drawn by reference. */
  interface PDFOpenedImage {
    width: number;
    height: number;
    label: string;
    obj?: unknown;
    embed(doc: PDFDocument): void;
  }

  interface PDFDocument {
    openImage(src: Buffer | ArrayBuffer | string): PDFOpenedImage;
    image(src: PDFOpenedImage, x?: number, y?: number, options?: Mixins.ImageOption): this;
    /** pdfkit 0.20 also takes an opened fontkit font (anything with a `layout` method). */
    registerFont(name: string, src: import('fontkit').Font): this;
  }

  interface PDFOutline {
    addItem(title: string, options?: { expanded?: boolean; top?: number; left?: number; zoom?: number; fit?: boolean; pageNumber?: number }): PDFOutline;
  }
}

declare namespace PDFKit.Mixins {
  interface StructureElementOptions {
    /** Table header scope (pdfkit 0.20 writes it as a Table attribute). */
    scope?: 'Column' | 'Row' | 'Both';
  }
  interface AnnotationOption {
    /** Tagged PDF: the structure element (a `Link`) the annotation belongs to. */
    structParent?: PDFKit.PDFStructureElement;
  }
}
