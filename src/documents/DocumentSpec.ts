import type { DocumentName } from '../defaults.js';
import type { Kit } from '../kit/Kit.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import type { Renderer } from '../render/createRenderer.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { DocumentCache } from './DocumentCache.js';
import type { Lang } from '../report/messages.js';
import type { Checkpoint } from '../layout/core/checkpoint.js';
import type { FileSink, WrittenBytes } from './FileSink.js';

/** What a document module receives to produce its file. */
export interface DocumentContext {
  kit: Kit;
  renderer: Renderer;
  /** Language of diagnostics (`--lang`), not of the document (`kit.lang`). */
  messageLang: Lang;
  /** Bytes of an image of the kit (already checked to be inside it), for `<img src>`. */
  assets: (src: string) => Buffer | undefined;
  /** The kit as read, to point diagnostics about a value (`path`) at its YAML line. */
  loaded?: LoadedKit;
  /** Print settings given for this build (CLI flags), over the kit's `build` settings. */
  print?: PrintOptions;
  /** Write PDF/A for archiving (`capa build --pdfa`). */
  pdfa?: boolean;
  /** The previous build's PDFs (`--watch`): a document made from the same inputs is reused, not drawn again. */
  cache?: DocumentCache;
  /** Awaited between the stages of a document and within long ones: lets Ctrl-C and an abort signal act. */
  checkpoint?: Checkpoint;
  /**
   * Opens this document's file in the build's staging folder, for a PDF written while it is drawn (a large one is
   * then never whole in memory). Absent for in-memory builds (tests, preview): the document returns `content`.
   */
  openOutput?: () => FileSink;
}

/** How cut documents (cards, badges) are printed. */
export interface PrintOptions {
  /** Which edge the printer turns the sheet on for double-sided printing (default `long-edge`). */
  duplex?: 'long-edge' | 'short-edge';
  /** Put a duplex calibration sheet pair first in each cut document. */
  calibration?: boolean;
}

/** One document's output: in memory (`content`), or already written through `openOutput` (`written`). */
export interface DocumentOutput {
  content?: Buffer;
  written?: WrittenBytes;
  pages?: number;
  diagnostics: Diagnostic[];
  /** The PDF is the previous build's (same inputs), not laid out again. */
  reused?: boolean;
}

/** A document of the README’s table of documents: its name, the file it writes and how it is made. */
export interface DocumentSpec {
  name: DocumentName;
  file: string;
  make(ctx: DocumentContext): Promise<DocumentOutput>;
}
