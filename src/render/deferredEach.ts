import type HandlebarsNS from 'handlebars';

type HandlebarsEnv = typeof HandlebarsNS;
type Program = (context: unknown, options?: { data?: unknown; blockParams?: unknown }) => string;

/**
 * Rendering a document in parts (`Renderer.renderParts`): an `{{#each}}` at the top level of the main template (not
 * inside a partial or a block that opens a data frame, such as `with` or another `each`) does not render its items
 * while the main template runs. It leaves a placeholder per item (U+FDD3, id in base 36, U+FDD1: a noncharacter,
 * like the source markers) and keeps what the item needs to be rendered later — its block, context, data frame
 * (`@index`, `@first`, `@last`…) and block parameters. The document is then the main template's output with each
 * placeholder replaced by its item's output, in order: the same text, made one item at a time, when the layout asks.
 * Every built-in document loops over its days, sheets or sessions this way; a kit's template that does not still
 * renders whole.
 */
export const PART_OPEN = '\uFDD3';
export const PART = /\uFDD3([0-9a-z]+)\uFDD1/g;

export interface DeferredItem {
  block: Program;
  context: unknown;
  options: { data?: unknown; blockParams?: unknown };
}

/** The main template's run in parts: its top-level data, the items put off, and how deep in partials it is. */
export interface Deferral {
  /** The `data` the main template was called with: its top-level frame is made from it. */
  top: object;
  items: DeferredItem[];
  partials: number;
}

interface EachOptions {
  fn?: Program;
  data?: { _parent?: unknown };
}

/** Wraps Handlebars' `each` so that it defers its items while `active()` gives a deferral and the loop is at its top level. */
export function installDeferredEach(hb: HandlebarsEnv, active: () => Deferral | undefined): void {
  const each = hb.helpers.each as (this: unknown, context: unknown, options: EachOptions) => string;
  hb.registerHelper('each', function (this: unknown, context: unknown, options: EachOptions) {
    const d = active();
    const frame = options?.data;
    const topLevel = d !== undefined && d.partials === 0 && frame !== undefined && (frame === d.top || frame._parent === d.top);
    const block = options?.fn;
    if (!topLevel || typeof block !== 'function') return each.call(this, context, options);
    const defer: Program = (item, opts) => {
      // `each` reuses one frame for every item: each deferred item keeps a copy of its own.
      const data = opts?.data && typeof opts.data === 'object' ? { ...opts.data } : opts?.data;
      const id = d.items.push({ block, context: item, options: { data, blockParams: opts?.blockParams } }) - 1;
      return `${PART_OPEN}${id.toString(36)}\uFDD1`;
    };
    return each.call(this, context, { ...options, fn: defer });
  });
}
