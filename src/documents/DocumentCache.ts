import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentName } from '../defaults.js';
import type { Renderer } from '../render/createRenderer.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { FaceCache } from '../layout/pages/FaceCache.js';
import { recordReads, sameReads, type ReadLog } from './readLog.js';

type Assets = (src: string) => Buffer | undefined;

/** What a document is made from besides its data: the same for every build of one kit unless said otherwise. */
export interface DocumentSettings {
  /** Everything passed to the layout besides the markup (metadata, PDF/A, the diagnostic language…), in a fixed order. */
  settings: unknown;
  /** The build's renderer: its templates and label files are the kit's `templates/` folder over capa's own. */
  renderer: Renderer;
  /** The kit folder (its `templates/` is read to know whether templates or labels changed); none: always rendered. */
  kitDir?: string;
  /** The build's images (kitAssets): a document is reused only if every image it drew has the same bytes. */
  assets: Assets;
}

/** A document as the previous build made it. */
export interface Made {
  content: Buffer;
  pages?: number;
  /** The warnings it came with (of the templates: a made PDF has no layout problem). */
  diagnostics: Diagnostic[];
}

interface Entry extends Made {
  /** The settings and templates it was made with. */
  settings?: string;
  /** What its template (or the calendar) read of its data; absent when the reads could not be followed. */
  reads?: ReadLog;
  /** A hash of its markup and layout settings, for a document whose reads changed but whose markup did not. */
  markup?: string;
  /** Every image the layout asked for, with the bytes it got (undefined: missing). */
  assets: Map<string, Buffer | undefined>;
}

const sha = (...parts: string[]) => parts.reduce((h, p) => h.update(p).update('\0'), createHash('sha256')).digest('hex');

/**
 * The documents of the previous build, for `capa build --watch`, at two depths:
 * - a document whose template reads exactly what it read last time (same values, same objects: see readLog.ts),
 *   with the same templates, label files, settings and image bytes, is not even rendered;
 * - one whose markup comes out the same is not laid out and drawn again.
 * Either way its file is the previous one, byte for byte. Rendering is a tenth of a document; laying out and
 * drawing are the rest. A document laid out again still reuses the card faces that did not change (FaceCache.ts).
 */
export class DocumentCache {
  /** The kit templates' fingerprint, once per build (each build has its renderer). */
  private readonly templates = new WeakMap<Renderer, string | undefined>();

  constructor(
    private readonly entries = new Map<DocumentName, Entry>(),
    /** Each imposed document's card faces, as its last layout left them. */
    private readonly faces = new Map<DocumentName, FaceCache>(),
    /** A rehearsal's view of another cache (see `rehearsal`). */
    private readonly rehearsing = false,
  ) {}

  /**
   * The same cache for a rehearsal of the next build (the watch's warm-up, made while the kit is quiet): every
   * document takes the way a changed document takes — its reads replayed, its template rendered, its markup
   * compared, its card faces reused, its PDF drawn — but none is reused and nothing is kept, so the next real
   * build finds the cache as the last one left it.
   */
  rehearsal(): DocumentCache {
    return new DocumentCache(this.entries, this.faces, true);
  }

  /** One document of this build. */
  open(name: DocumentName, opts: DocumentSettings): CachedDocument {
    let templates = this.templates.get(opts.renderer);
    if (!this.templates.has(opts.renderer)) this.templates.set(opts.renderer, (templates = opts.kitDir === undefined ? undefined : kitTemplates(opts.kitDir)));
    const settings = templates === undefined ? undefined : JSON.stringify([opts.settings, opts.renderer.lang, templates]);
    let faces = this.faces.get(name);
    if (!faces && this.rehearsing) faces = new FaceCache();
    else if (!faces) this.faces.set(name, (faces = new FaceCache()));
    return new CachedDocument(this.rehearsing ? new Map(this.entries) : this.entries, name, settings, opts, this.rehearsing ? faces.fork() : faces, this.rehearsing);
  }
}

/** One document's way through the cache in one build: unchanged, else rendered (reads recorded), then reused or made. */
export class CachedDocument {
  private reads?: ReadLog;

  constructor(
    private readonly entries: Map<DocumentName, Entry>,
    private readonly name: DocumentName,
    private readonly settings: string | undefined,
    private readonly opts: DocumentSettings,
    /** Card faces of this document's last layout: a document laid out again reuses those that did not change. */
    readonly faces: FaceCache,
    /** A rehearsal (DocumentCache.rehearsal): nothing is reused, nothing kept. */
    private readonly rehearsing = false,
  ) {}

  /** The previous document, when its template would read the same from `data`, with the same settings and images. */
  unchanged(data: object): Made | undefined {
    const entry = this.entries.get(this.name);
    if (!entry?.reads || this.settings === undefined || entry.settings !== this.settings) return undefined;
    const same = this.sameImages(entry) && sameReads(entry.reads, data);
    return same && !this.rehearsing ? entry : undefined;
  }

  /** Runs `render` on `data`, recording what it reads for the next build. */
  render<T>(data: object, render: (data: object) => T): T {
    const { result, log } = recordReads(data, render);
    this.reads = log;
    return result;
  }

  /** The previous document when its markup is the same (and settings, images): kept with this build's reads. */
  reuse(markup: string, diagnostics: Diagnostic[]): Made | undefined {
    const entry = this.entries.get(this.name);
    if (!entry || entry.markup !== this.markupKey(markup) || !this.sameImages(entry) || this.rehearsing) return undefined;
    Object.assign(entry, { settings: this.settings, reads: this.reads, diagnostics });
    return entry;
  }

  /**
   * Lays out and draws `markup` with `make`, which reads images through the `assets` it is given (so that the
   * images used are known), and keeps the PDF, with the template's warnings, for the next build.
   */
  async remember<T extends { pdf?: Buffer; pages: number }>(markup: string, diagnostics: Diagnostic[], make: (assets: Assets) => Promise<T>): Promise<T> {
    const used = new Map<string, Buffer | undefined>();
    const result = await make((src) => {
      const bytes = this.opts.assets(src);
      used.set(src, bytes);
      return bytes;
    });
    if (result.pdf) {
      const { pdf: content, pages } = result;
      this.entries.set(this.name, { content, pages, diagnostics, settings: this.settings, reads: this.reads, markup: this.markupKey(markup), assets: used });
    } else this.entries.delete(this.name);
    return result;
  }

  /**
   * A document made by code from the kit (the calendar): the previous one when `make` would read the same from
   * `data`, else made with its reads recorded (and reused if it comes out the same). Kept only without
   * diagnostics (they point at YAML lines, which move).
   */
  made(data: object, make: (data: object) => { content: Buffer; diagnostics: Diagnostic[] }): { content: Buffer; diagnostics: Diagnostic[]; reused: boolean } {
    const same = this.unchanged(data);
    if (same) return { content: same.content, diagnostics: same.diagnostics, reused: true };
    const { content, diagnostics } = this.render(data, make);
    const reused = this.entries.get(this.name)?.content.equals(content) ?? false;
    if (diagnostics.length > 0) this.entries.delete(this.name);
    else this.entries.set(this.name, { content, diagnostics, settings: this.settings, reads: this.reads, assets: new Map() });
    return { content, diagnostics, reused };
  }

  /** Same markup and layout settings: same PDF (templates do not matter once the markup is made). */
  private markupKey(markup: string): string {
    return sha(markup, JSON.stringify(this.opts.settings));
  }

  private sameImages(entry: Entry): boolean {
    for (const [src, bytes] of entry.assets) {
      const now = this.opts.assets(src);
      // A build hands every document the same Buffer for an image (see kitAssets.ts): compared once per build.
      if (now !== bytes && !(now && bytes?.equals(now))) return false;
      if (now && !this.rehearsing) entry.assets.set(src, now);
    }
    return true;
  }
}

/**
 * A fingerprint of what the renderer can read in the kit's `templates/` folder (the names and bytes of its `.hbs`
 * files and label files, through symbolic links as the renderer follows them): a document rendered with other
 * templates is rendered again. Undefined when the folder cannot be read whole (then nothing is skipped).
 */
function kitTemplates(kitDir: string): string | undefined {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const walk = (dir: string, rel: string) => {
    const real = realpathSync(dir);
    // A folder met again (through a link): its files are already in the hash.
    if (seen.has(real)) return void hash.update(`${rel} again\0`);
    seen.add(real);
    for (const name of readdirSync(dir).sort()) {
      const path = rel + name;
      const stats = statSync(join(dir, name), { throwIfNoEntry: false });
      if (stats?.isDirectory()) walk(join(dir, name), `${path}/`);
      else if (stats?.isFile() && (name.endsWith('.hbs') || rel === 'i18n/')) hash.update(path).update('\0').update(readFileSync(join(dir, name))).update('\0');
      else hash.update(`${path} ${stats ? 'other' : 'dangling'}\0`);
    }
  };
  try {
    const root = join(kitDir, 'templates');
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) return 'none';
    walk(root, '');
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}
