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
 * Where the bytes of a PDF go, in file order, as they are produced: a buffer in memory (`collectPdf`) or a file
 * written while the document is drawn (the build's staging folder), so a large document never sits whole in memory.
 */
export interface PdfSink {
  write(bytes: Uint8Array): void;
}

/**
 * Bytes written as a mix of text and binary chunks, handed to `sink` in order. Text accumulates as a string and is
 * converted by slices of about 16 KB: one conversion per operator would allocate as much as pdfkit does, one for a
 * whole 10 MB document makes V8 flatten a very deep string, which is slower than both.
 */
class ByteChunks {
  private text = '';

  constructor(private readonly sink: PdfSink) {}

  string(s: string): void {
    this.text += s;
    if (this.text.length > 16_384) this.flush();
  }

  binary(b: Uint8Array): void {
    this.flush();
    this.sink.write(b);
  }

  flush(): void {
    if (this.text === '') return;
    this.sink.write(Buffer.from(this.text, 'latin1'));
    this.text = '';
  }
}

/** Page content streams: operators gathered as text, handed to pdfkit as a few large chunks when the page ends. */
function bufferContent(content: PdfRef): void {
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  const parts: Uint8Array[] = [];
  const chunks = new ByteChunks({ write: (b) => parts.push(b) });
  content.write = (chunk) => {
    if (typeof chunk === 'string') chunks.string(`${chunk}\n`);
    else chunks.binary(chunk);
  };
  content.end = (chunk) => {
    if (chunk !== undefined) content.write(chunk);
    chunks.flush();
    for (const part of parts.splice(0)) write(part);
    end();
  };
}

/**
 * Sends the file of `doc` to `sink` as it is written, to be called right after creating it (before anything is
 * drawn). Resolves when `doc.end()` has written the trailer; rejects on a pdfkit stream error. A sink that throws
 * (a full disk) makes the drawing call that wrote throw.
 */
export function pipePdf(doc: PDFKit.PDFDocument, sink: PdfSink): Promise<void> {
  const d = doc as unknown as PdfInternals;
  // The header was written by the constructor, before this replacement: it waits in the stream, read at once.
  const header = doc.read() as Buffer | null;
  if (header) sink.write(header);
  const out = new ByteChunks(sink);
  d._write = (data) => {
    if (data instanceof Uint8Array) {
      out.binary(data);
      d._offset += data.length;
    } else {
      const line = `${data}\n`;
      out.string(line);
      d._offset += line.length;
    }
  };
  doc.on('pageAdded', () => bufferContent(d.page.content));
  return new Promise<void>((resolve, reject) => {
    doc.on('end', () => {
      out.flush();
      resolve();
    });
    doc.on('error', reject);
    // Flowing mode, so that `end` is emitted once pdfkit has written the trailer (nothing else goes to the stream).
    doc.on('data', () => {});
  });
}

/** The finished file of `doc` in memory (tests, preview, the watch's cache); see `pipePdf`. */
export async function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  await pipePdf(doc, { write: (b) => parts.push(b) });
  return Buffer.concat(parts);
}
