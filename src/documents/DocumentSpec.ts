import type { DocumentName } from '../defaults.js';
import type { Kit } from '../kit/Kit.js';
import type { Renderer } from '../render/createRenderer.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';

/** What a document module receives to produce its file. */
export interface DocumentContext {
  kit: Kit;
  renderer: Renderer;
  /** Language of diagnostics (`--lang`), not of the document (`kit.lang`). */
  messageLang: Lang;
  /** Bytes of an image of the kit (already checked to be inside it), for `<img src>`. */
  assets: (src: string) => Buffer | undefined;
}

/** One document's output, in memory. */
export interface DocumentOutput {
  content?: Buffer;
  pages?: number;
  diagnostics: Diagnostic[];
}

/** A document of DESIGN §3: its name, the file it writes and how it is made. */
export interface DocumentSpec {
  name: DocumentName;
  file: string;
  make(ctx: DocumentContext): Promise<DocumentOutput>;
}
