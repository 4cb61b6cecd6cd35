/**
 * PDF/A output of the renderer. Profile: **PDF/A-2a** (ISO 19005-2, level A "accessible"): capa's PDFs are tagged
 * with a structure tree, a document language and Unicode text (pdfkit writes a ToUnicode map for every embedded
 * font), which is what level A adds over level B; part 2 (not 1) because it allows the transparency of PNG images
 * with alpha and the compressed object streams pdfkit writes. pdfkit adds the `pdfaid` XMP entry and an sRGB
 * OutputIntent for a `PDF/A-…` subset; this module fixes what its XMP packet gets wrong.
 */
import { plainText } from '../../plainText.js';

export const PDFA_SUBSET = 'PDF/A-2a' as const;

const escapeXml = (s: string) => plainText(s).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface InfoDoc {
  info: { Title?: string; Author?: string; Subject?: string; Keywords?: string; Creator?: string; Producer?: string; CreationDate?: Date; ModDate?: Date };
  appendXML(xml: string, newline?: boolean): void;
}

const xmpDate = (d: Date) => d.toISOString().split('.')[0] + 'Z';

/**
 * Replaces pdfkit's XMP document-info writer (its private `_addInfo`) by one that escapes the values (a title
 * with `&`, `<` or a control character otherwise makes the metadata stream invalid XML), cleans the Info
 * dictionary of control characters and, for PDF/A, mirrors the Info dictionary's
 * ModDate as `xmp:ModifyDate`, as ISO 19005 requires every Info entry to have its XMP equivalent.
 */
export function fixXmpInfo(doc: PDFKit.PDFDocument, opts: { pdfa: boolean }): void {
  const target = doc as unknown as InfoDoc & { _addInfo: () => void };
  // The Info dictionary is written from the same values: control characters leave it too.
  const info = target.info as Record<string, unknown>;
  for (const key of Object.keys(info)) if (typeof info[key] === 'string') info[key] = plainText(info[key] as string);
  target._addInfo = function (this: InfoDoc) {
    const i = this.info;
    const x = (s: string | undefined) => escapeXml(s ?? '');
    const dates = [
      i.CreationDate ? `<xmp:CreateDate>${xmpDate(i.CreationDate)}</xmp:CreateDate>` : '',
      opts.pdfa && i.ModDate ? `<xmp:ModifyDate>${xmpDate(i.ModDate)}</xmp:ModifyDate>` : '',
    ].join('');
    this.appendXML(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">${dates}<xmp:CreatorTool>${x(i.Creator)}</xmp:CreatorTool></rdf:Description>`);
    if (i.Title || i.Author || i.Subject) {
      const title = i.Title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${x(i.Title)}</rdf:li></rdf:Alt></dc:title>` : '';
      const creator = i.Author ? `<dc:creator><rdf:Seq><rdf:li>${x(i.Author)}</rdf:li></rdf:Seq></dc:creator>` : '';
      const subject = i.Subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${x(i.Subject)}</rdf:li></rdf:Alt></dc:description>` : '';
      this.appendXML(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${title}${creator}${subject}</rdf:Description>`);
    }
    const keywords = i.Keywords ? `<pdf:Keywords>${x(i.Keywords)}</pdf:Keywords>` : '';
    this.appendXML(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${x(i.Producer)}</pdf:Producer>${keywords}</rdf:Description>`);
  };
}
