import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { isInside } from '../kit/isInside.js';
import type { LoadedKit } from '../kit/LoadedKit.js';
import { yamlLib } from '../kit/yamlLib.js';

/** How the yaml library writes a kit file back: no folding of long lines, flow lists as people write them (`[a, b]`). */
const WRITE_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * The kit's YAML files as editable yaml Documents (comments and key order kept), parsed again from their
 * text on first use; `changed()` gives the new text of each file an edit touched and that differs from
 * before, so an import that changes nothing writes nothing.
 */
export class KitDocuments {
  private readonly docs = new Map<string, Document.Parsed>();

  constructor(readonly kit: LoadedKit) {}

  /** Kit-relative names of the kit's files, capa.yaml first. */
  get files(): string[] {
    return this.kit.files.map((f) => f.file);
  }

  doc(file: string): Document.Parsed {
    let doc = this.docs.get(file);
    if (!doc) {
      const source = this.kit.files.find((f) => f.file === file);
      doc = yamlLib().parseDocument(source?.text ?? '', { keepSourceTokens: false });
      this.docs.set(file, doc);
    }
    return doc;
  }

  /** The files whose text an edit changed, with their new text. */
  changed(): Array<{ file: string; abs: string; text: string }> {
    const out: Array<{ file: string; abs: string; text: string }> = [];
    for (const [file, doc] of this.docs) {
      const source = this.kit.files.find((f) => f.file === file)!;
      const text = doc.toString(WRITE_OPTIONS);
      if (text !== source.text) out.push({ file, abs: source.abs, text });
    }
    return out;
  }
}

/**
 * Writes `text` to `abs` as a whole or not at all: a temporary file next to it, flushed, then renamed over
 * it. Refuses a path that leads outside the kit folder (a link planted in the kit).
 */
export function writeKitFile(opts: { kitDir: string; abs: string; text: string }): void {
  const realDir = realpathSync(opts.kitDir);
  const real = realpathSync(opts.abs);
  if (!isInside(realDir, real)) throw new Error(`refusing to write outside the kit: ${opts.abs}`);
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, opts.text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, real);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
