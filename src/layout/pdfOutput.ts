/**
 * Collects the bytes of a pdfkit document with less work than pdfkit's own path, for the same bytes.
 *
 * pdfkit turns every content-stream operator and every line of every object into its own `Uint8Array` (a JS loop
 * per character), then pushes each output line through its Node `Readable`. capa draws synchronously, so on a large
 * document that means hundreds of thousands of small arrays and stream chunks piling up before anyone reads them
 * (a large share of drawing time, and of garbage collection). Here text is kept as strings and converted in large
 * slices by Node's native `latin1` encoder, which keeps the low byte of each UTF-16 unit exactly as pdfkit's
 * `fromBinaryString` does (`charCode & 0xff`); binary chunks (compressed streams, images) pass through untouched.
 * Relies on two private pdfkit 0.20 members (`_write`, `_offset`) and on `PDFReference.write/end`, checked by the
 * byte-identity snapshots.
 */

interface PdfRef {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

interface PdfInternals {
  _offset: number;
  _write(data: string | Uint8Array): void;
  page: { content: PdfRef };
}

/**
 * Bytes written as a mix of text and binary chunks. Text accumulates as a string and is converted by slices of
 * about 16 KB: one conversion per operator would allocate as much as pdfkit does, one for a whole 10 MB document
 * makes V8 flatten a very deep string, which is slower than both.
 */
class ByteChunks {
  private readonly parts: Uint8Array[] = [];
  private text = '';

  string(s: string): void {
    this.text += s;
    if (this.text.length > 16_384) this.flush();
  }

  binary(b: Uint8Array): void {
    this.flush();
    this.parts.push(b);
  }

  /** Everything written so far, in order; the object is empty afterwards. */
  take(): Uint8Array[] {
    this.flush();
    return this.parts.splice(0);
  }

  private flush(): void {
    if (this.text === '') return;
    this.parts.push(Buffer.from(this.text, 'latin1'));
    this.text = '';
  }
}

/** Page content streams: operators gathered as text, handed to pdfkit as a few large chunks when the page ends. */
function bufferContent(content: PdfRef): void {
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  const chunks = new ByteChunks();
  content.write = (chunk) => {
    if (typeof chunk === 'string') chunks.string(`${chunk}\n`);
    else chunks.binary(chunk);
  };
  content.end = (chunk) => {
    if (chunk !== undefined) content.write(chunk);
    for (const part of chunks.take()) write(part);
    end();
  };
}

/**
 * The finished file of `doc`, to be called right after creating it (before anything is drawn). Resolves when
 * `doc.end()` has written the trailer; rejects on a pdfkit stream error.
 */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const d = doc as unknown as PdfInternals;
  const sink = new ByteChunks();
  // The header was written by the constructor, before this replacement: take it over from the stream.
  const header: Buffer[] = [];
  doc.on('data', (c: Buffer) => header.push(c));
  d._write = (data) => {
    if (data instanceof Uint8Array) {
      sink.binary(data);
      d._offset += data.length;
    } else {
      const line = `${data}\n`;
      sink.string(line);
      d._offset += line.length;
    }
  };
  doc.on('pageAdded', () => bufferContent(d.page.content));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat([...header, ...sink.take()])));
    doc.on('error', reject);
  });
}
