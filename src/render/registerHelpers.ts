import type HandlebarsNS from 'handlebars';
import type { Lang } from '../report/messages.js';
import {
  DATE_FORMATS,
  FormatError,
  describeValue,
  formatDate,
  formatDateRange,
  formatDuration,
  formatLicense,
  formatList,
  formatNumber,
  formatTime,
  formatTimeRange,
  NBSP,
  pluralCategory,
  type DateFormat,
} from './format.js';
import type { TranslateParams } from './i18n.js';
import { renderMessage } from './renderMessages.js';
import { TemplateError, type HbLoc } from './templateErrors.js';

type HandlebarsEnv = typeof HandlebarsNS;

/** What Handlebars passes as the last argument of a helper (with `trackIds`, `ids` names the argument paths). */
export interface HelperOptions {
  name: string;
  hash: Record<string, unknown>;
  ids?: Array<string | boolean | null>;
  loc?: HbLoc;
  data?: Record<string, unknown>;
  fn?: (context: unknown, opts?: { data?: unknown }) => string;
  inverse?: (context: unknown) => string;
}

export interface HelperContext {
  /** Language of the documents (kit.lang). */
  lang: Lang;
  /** Language of diagnostics (`--lang`). */
  messageLang: Lang;
  /** The `t` helper: label text for a key (reports missing keys itself). */
  translate(key: string, params: TranslateParams, loc: HbLoc | undefined): string;
}

type Helper = (args: unknown[], options: HelperOptions) => unknown;

/** Truthiness as `{{#if}}` sees it: an empty list is false. */
function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

function asList(v: unknown, helper: string, options: HelperOptions, index: number, ctx: HelperContext): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) throw missingArg(helper, options, index, ctx, 'list', v);
  throw new TemplateError(
    'template/bad-value',
    renderMessage(ctx.messageLang, 'badValue', { helper, expected: 'list', value: describeValue(v) }),
    options.loc,
  );
}

/** An argument that resolved to nothing: name the data path written in the template when there is one. */
function missingArg(helper: string, options: HelperOptions, index: number, ctx: HelperContext, expected: string, value: unknown) {
  const id = options.ids?.[index];
  if (value === undefined && typeof id === 'string') {
    return new TemplateError('template/missing-field', renderMessage(ctx.messageLang, 'missingField', { field: id }), options.loc);
  }
  return new TemplateError(
    'template/bad-value',
    renderMessage(ctx.messageLang, 'badValue', { helper, expected, value: describeValue(value) }),
    options.loc,
  );
}

/** Own properties only: templates never reach prototypes through `get`. */
function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function itemText(item: unknown, key: unknown): string {
  const v = typeof key === 'string' ? getPath(item, key) : item;
  return v === undefined || v === null ? '' : String(v);
}

function num(v: unknown, helper: string, options: HelperOptions, index: number, ctx: HelperContext): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  throw missingArg(helper, options, index, ctx, 'number', v);
}

/** Every helper, by name; `args` excludes the Handlebars options object. */
function helpers(hb: HandlebarsEnv, ctx: HelperContext): Record<string, Helper> {
  const { lang } = ctx;
  const dateFormat = (f: unknown): DateFormat => {
    if (f === undefined) return 'long';
    if (typeof f === 'string' && (DATE_FORMATS as readonly string[]).includes(f)) return f as DateFormat;
    throw new FormatError('dateFormat', f);
  };
  const timeStyle = (o: HelperOptions) => (o.hash.style === '12h' ? '12h' : '24h');
  return {
    // `{{t "slot-kind" slot.kind}}` reads `slot-kind.<kind>`: arguments are joined with dots.
    t: (args, o) => ctx.translate(args.map((a) => String(a)).join('.'), o.hash, o.loc),
    concat: (args) => args.map((a) => (a === undefined || a === null ? '' : String(a))).join(''),
    time: ([v], o) => formatTime(lang, v, timeStyle(o)),
    timeRange: ([a, b], o) => formatTimeRange(lang, a, b, timeStyle(o)),
    date: ([v, f], o) => formatDate(lang, v, dateFormat(f ?? o.hash.format)),
    dateRange: ([a, b]) => formatDateRange(lang, a, b),
    duration: ([v]) => formatDuration(lang, v),
    license: ([v]) => formatLicense(v),
    number: ([v], o) => formatNumber(lang, v, o.hash.decimals === undefined ? undefined : Number(o.hash.decimals)),
    join: ([list, sep], o) =>
      asList(list, 'join', o, 0, ctx)
        .map((i) => itemText(i, o.hash.key))
        .join(typeof sep === 'string' ? sep : ', '),
    sentence: ([list], o) =>
      formatList(
        lang,
        asList(list, 'sentence', o, 0, ctx).map((i) => itemText(i, o.hash.key)),
        o.hash.type === 'or' ? 'or' : 'and',
      ),
    get: ([obj, key, fallback], o) => {
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new TemplateError('template/bad-value', renderMessage(ctx.messageLang, 'helperUsage', { helper: 'get', detail: renderMessage(ctx.messageLang, 'usageGet') }), o.loc);
      }
      const v = getPath(obj, String(key));
      return v === undefined ? fallback : v;
    },
    default: ([v, fallback]) => (v === undefined || v === null || v === '' ? fallback : v),
    plural: ([n, one, other], o) => {
      const count = num(n, 'plural', o, 0, ctx);
      const word = pluralCategory(lang, count) === 'one' ? one : other;
      return o.hash.withCount ? `${formatNumber(lang, count)}${NBSP}${String(word)}` : word;
    },
    eq: ([a, b]) => a === b,
    ne: ([a, b]) => a !== b,
    lt: ([a, b], o) => num(a, 'lt', o, 0, ctx) < num(b, 'lt', o, 1, ctx),
    lte: ([a, b], o) => num(a, 'lte', o, 0, ctx) <= num(b, 'lte', o, 1, ctx),
    gt: ([a, b], o) => num(a, 'gt', o, 0, ctx) > num(b, 'gt', o, 1, ctx),
    gte: ([a, b], o) => num(a, 'gte', o, 0, ctx) >= num(b, 'gte', o, 1, ctx),
    and: (args) => args.every(truthy),
    or: (args) => args.find(truthy) ?? args[args.length - 1],
    not: ([v]) => !truthy(v),
    add: ([a, b], o) => num(a, 'add', o, 0, ctx) + num(b, 'add', o, 1, ctx),
    sub: ([a, b], o) => num(a, 'sub', o, 0, ctx) - num(b, 'sub', o, 1, ctx),
    mul: ([a, b], o) => num(a, 'mul', o, 0, ctx) * num(b, 'mul', o, 1, ctx),
    div: ([a, b], o) => num(a, 'div', o, 0, ctx) / num(b, 'div', o, 1, ctx),
    upper: ([s]) => String(s ?? '').toLocaleUpperCase(lang),
    lower: ([s]) => String(s ?? '').toLocaleLowerCase(lang),
    capitalize: ([s]) => {
      const text = String(s ?? '');
      return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
    },
    nbsp: ([s]) => String(s ?? '').replace(/ /g, NBSP),
    color: ([map, key, fallback], o) => {
      const picked = getPath(map, String(key));
      const c = typeof picked === 'string' ? picked : fallback;
      if (typeof c === 'string' && /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(c)) return c;
      throw new TemplateError(
        'template/bad-value',
        renderMessage(ctx.messageLang, 'helperUsage', { helper: 'color', detail: `${renderMessage(ctx.messageLang, 'usageColor')} (${describeValue(c)})` }),
        o.loc,
      );
    },
    // Millimetres to PDF points, for sizes the markup takes in points.
    mm: ([v], o) => Math.round((num(v, 'mm', o, 0, ctx) * 72 * 100) / 25.4) / 100,
    times: ([n], o) => {
      const count = Math.max(0, Math.floor(num(n, 'times', o, 0, ctx)));
      let out = '';
      for (let i = 0; i < count; i++) {
        const data = { ...hb.createFrame(o.data ?? {}), index: i, first: i === 0, last: i === count - 1 };
        out += o.fn ? o.fn(i, { data }) : '';
      }
      return out;
    },
  };
}

/** Handlebars' own helpers capa keeps (`log` is removed: it prints). */
const HANDLEBARS_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'];

/** The name of every helper a template can call, without a Handlebars environment (for the template checker). */
export function helperNames(): string[] {
  const names = Object.keys(helpers(undefined as unknown as HandlebarsEnv, { lang: 'fr', messageLang: 'fr', translate: () => '' }));
  return [...names, ...HANDLEBARS_HELPERS];
}

/** Register capa's helpers on a Handlebars environment; formatting errors become located `template/…` errors. */
export function registerHelpers(hb: HandlebarsEnv, ctx: HelperContext): string[] {
  const all = helpers(hb, ctx);
  for (const [name, fn] of Object.entries(all)) {
    hb.registerHelper(name, function (this: unknown, ...raw: unknown[]) {
      const options = raw[raw.length - 1] as HelperOptions;
      const args = raw.slice(0, -1);
      try {
        return fn(args, options);
      } catch (err) {
        if (err instanceof FormatError) {
          const index = args.indexOf(err.value);
          throw missingArg(name, options, index, ctx, err.expected, err.value);
        }
        if (err instanceof TemplateError && !err.loc) {
          throw new TemplateError(err.code, err.message, options.loc, err.severity);
        }
        throw err;
      }
    });
  }
  // Handlebars' `log` writes to the console; library code never prints.
  hb.unregisterHelper('log');
  return [...Object.keys(all), ...HANDLEBARS_HELPERS];
}
