import type { Diagnostic, Location } from '../report/Diagnostic.js';
import { PART, type DeferredItem } from './deferredEach.js';
import type { RenderResult } from './createRenderer.js';

/**
 * A document rendered in parts (`Renderer.renderParts`): its markup is read part by part, each part rendered when it
 * is asked for and forgotten once read, so a large document's markup is never whole in memory, and no source map is
 * kept. The parts joined are exactly the markup `render` gives.
 *
 * What needs the whole document is done by rendering it whole again, which only a failing build does: locating a
 * layout problem (`locate`, as `RenderResult.locate`), and the diagnostics of a template error met in a late part
 * (the same list `render` gives: it stops where the error is).
 */
export interface RenderedParts {
  /** How diagnostics name the template rendered. */
  file?: string;
  /** The render's diagnostics so far: complete once `parts` has been read to its end, or after `finish()`. */
  readonly diagnostics: Diagnostic[];
  /** The markup, in order (one pass). A template error met in a part throws `RenderStopped`. */
  readonly parts: Iterable<string>;
  /** Renders the parts not read yet, so that `diagnostics` is complete (a template error is not thrown). */
  finish(): void;
  /** As `RenderResult.locate`, for a line and column of the parts joined. */
  locate: RenderResult['locate'];
}

/** Thrown while reading the parts when a template error stops the render; `diagnostics` then says why. */
export class RenderStopped extends Error {
  constructor() {
    super('the template render stopped on an error');
  }
}

export interface PartsSource {
  file?: string;
  /** The main template's output, with the placeholders of its deferred items. */
  frame: string;
  items: DeferredItem[];
  /** Diagnostics of the main template's run; the items' are added as they render. */
  diagnostics: Diagnostic[];
  /** Removes the markers from a rendered text (the source map is not needed). */
  clean(marked: string): string;
  /** Renders a deferred item (its markup, markers removed), its diagnostics added to the list above; throws on a template error. */
  renderItem(item: DeferredItem): string;
  /** The whole document rendered again at once: its source map, and the diagnostics of a failed render. */
  whole(): RenderResult;
}

/** The parts of `source`, read lazily. */
export function renderedParts(source: PartsSource): RenderedParts {
  const { items, diagnostics } = source;
  // Frame text and item ids, alternating: text before the first placeholder, an id, text between two…
  const pieces = source.frame.split(PART);
  let next = 0;
  let stopped = false;
  let whole: RenderResult | undefined;
  const wholeOnce = () => (whole ??= source.whole());

  const read = (): IteratorResult<string> => {
    while (!stopped && next < pieces.length) {
      const i = next++;
      const piece = pieces[i]!;
      pieces[i] = '';
      if (i % 2 === 0) {
        if (piece !== '') return { done: false, value: source.clean(piece) };
        continue;
      }
      const id = parseInt(piece, 36);
      const item = items[id]!;
      // Rendered once: the item's context stays with the kit's model, not here.
      items[id] = undefined as unknown as DeferredItem;
      let text: string;
      try {
        text = source.renderItem(item);
      } catch {
        stopped = true;
        // The list the whole render gives: it stops at the same error, with what came before it in the document.
        diagnostics.splice(0, diagnostics.length, ...wholeOnce().diagnostics);
        throw new RenderStopped();
      }
      if (text !== '') return { done: false, value: text };
    }
    return { done: true, value: undefined };
  };
  const iterator: Iterator<string> = { next: read };

  return {
    file: source.file,
    diagnostics,
    parts: { [Symbol.iterator]: () => iterator },
    finish() {
      try {
        while (!read().done);
      } catch (err) {
        if (!(err instanceof RenderStopped)) throw err;
      }
    },
    locate: (line: number, column: number, opts?: { content?: boolean }): Location | undefined => wholeOnce().locate(line, column, opts),
  };
}

/** A whole render seen as parts (one part), for a document that cannot be rendered in parts. */
export function singlePart(r: RenderResult): RenderedParts {
  const ok = !r.diagnostics.some((d) => d.severity === 'error');
  return {
    file: r.file,
    diagnostics: r.diagnostics,
    parts: ok && r.output !== '' ? [r.output] : [],
    finish() {},
    locate: r.locate,
  };
}
