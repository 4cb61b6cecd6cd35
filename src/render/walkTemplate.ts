import { ANY, VALUE, fieldStep, itemType, withFields, type FieldType, type TemplateModel } from './templateTypes.js';

type Node = hbs.AST.Node;
type Expr = hbs.AST.Expression;
type Path = hbs.AST.PathExpression;
type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** One level of context: `this`, and the block parameters (`as |slot|`) declared there. */
export interface Frame {
  ctx: FieldType;
  params: Map<string, FieldType>;
}

/** 1-based line and column (Handlebars' columns are 0-based). */
export interface Place {
  line: number;
  column: number;
}

/** What the walk finds, for the checker to turn into diagnostics. */
export interface WalkEvents {
  unknownField(field: string, place: Place, candidates: string[], ofValue?: string): void;
  unknownHelper(name: string, place: Place): void;
  partial(name: string, frames: Frame[], place: Place): void;
  /** A label key used by `{{t}}`: exact (`"document.agenda"`), or only its first parts (`"slot-kind"` + a value). */
  label(key: string, exact: boolean, place: Place): void;
  /** `{{#if}}`, `{{#each}}`… without their one value. */
  blockValue(name: string, place: Place): void;
}

/** Handlebars' block helpers that take exactly one value. */
const ONE_VALUE = new Set(['if', 'unless', 'each', 'with']);

const place = (loc: hbs.AST.SourceLocation | undefined): Place => ({ line: loc?.start.line ?? 1, column: (loc?.start.column ?? 0) + 1 });

/** `this.x`, `./x`, `../x`: never a helper nor a block parameter. */
const scoped = (p: Path) => /^(this|\.{1,2})(\/|\.|$)/.test(p.original);

/**
 * Walks a template's syntax tree with the type of the data at each point (`this` inside
 * `{{#each kit.sessions}}` is a session), reporting unknown fields and helpers, the partials called
 * with the context they receive, and the label keys used.
 */
export function walkTemplate(program: hbs.AST.Program, frames: Frame[], opts: { model: TemplateModel; root: FieldType; helpers: Set<string>; on: WalkEvents }): void {
  const { model, helpers, on } = opts;

  function resolve(p: Path, fs: Frame[]): FieldType {
    let type: FieldType;
    let rest = p.parts;
    let shown = '';
    if (p.data) {
      if (p.parts[0] !== 'root') return ANY; // @index, @first, @last, @key, @lang…
      type = opts.root;
      rest = p.parts.slice(1);
      shown = '@root.';
    } else {
      const head = p.parts[0];
      const param = p.depth === 0 && !scoped(p) && head !== undefined ? [...fs].reverse().find((f) => f.params.has(head))?.params.get(head) : undefined;
      if (param) {
        type = param;
        rest = p.parts.slice(1);
        shown = `${head}.`;
      } else {
        type = fs[Math.max(0, fs.length - 1 - p.depth)]?.ctx ?? ANY;
        shown = '../'.repeat(p.depth) + (/^(this|\.)[./]/.test(p.original) ? p.original.slice(0, p.original.indexOf(p.parts[0] ?? '')) : '');
      }
    }
    for (let i = 0; i < rest.length; i++) {
      const part = rest[i] ?? '';
      const step = fieldStep(model, type, part);
      if (!step.ok) {
        const field = shown + rest.slice(0, i + 1).join('.');
        const parent = i > 0 || shown ? (shown + rest.slice(0, i).join('.')).replace(/\.$/, '') : undefined;
        on.unknownField(field, place(p.loc), step.candidates, step.candidates.length === 0 && parent ? parent : undefined);
        return ANY;
      }
      type = step.type;
    }
    return type;
  }

  function argType(e: Expr, fs: Frame[]): FieldType {
    if (e.type === 'PathExpression') return resolve(e as Path, fs);
    if (e.type === 'SubExpression') {
      call(e as hbs.AST.SubExpression, fs);
      return ANY;
    }
    return VALUE;
  }

  function args(c: { params: Expr[]; hash?: hbs.AST.Hash }, fs: Frame[]): void {
    for (const p of c.params) argType(p, fs);
    for (const pair of c.hash?.pairs ?? []) argType(pair.value, fs);
  }

  /** A mustache, block or sub-expression: a helper call, or a field. Returns the helper name, if one. */
  function call(c: Call, fs: Frame[]): string | undefined {
    if (c.path.type !== 'PathExpression') return undefined;
    const p = c.path as Path;
    const name = p.parts[0] ?? '';
    const simple = !p.data && p.depth === 0 && p.parts.length === 1 && !scoped(p);
    const hasArgs = c.params.length > 0 || (c.hash?.pairs.length ?? 0) > 0;
    if (simple && helpers.has(name)) {
      args(c, fs);
      if (name === 't') labelOf(c);
      return name;
    }
    if (simple && (hasArgs || c.type === 'SubExpression') && !fs.some((f) => f.params.has(name))) {
      on.unknownHelper(name, place(p.loc));
      args(c, fs);
      return undefined;
    }
    resolve(p, fs);
    args(c, fs);
    return undefined;
  }

  function labelOf(c: Call): void {
    const parts: string[] = [];
    for (const p of c.params) {
      if (p.type !== 'StringLiteral' && p.type !== 'NumberLiteral') break;
      parts.push(String((p as hbs.AST.StringLiteral).value));
    }
    if (parts.length === 0) return;
    on.label(parts.join('.'), parts.length === c.params.length, place(c.loc));
  }

  function block(b: hbs.AST.BlockStatement, fs: Frame[]): void {
    const helper = call(b, fs);
    if (helper && ONE_VALUE.has(helper) && b.params.length !== 1) on.blockValue(helper, place(b.loc));
    const first = b.params[0];
    const typeOfFirst = (): FieldType => (first ? argTypeQuiet(first, fs) : ANY);
    const names = b.program?.blockParams ?? [];
    let inner: Frame[] = fs;
    if (helper === 'each') {
      const item = itemType(model, typeOfFirst());
      inner = [...fs, { ctx: item, params: new Map(names.map((n, i) => [n, i === 0 ? item : VALUE])) }];
    } else if (helper === 'with') {
      const t = typeOfFirst();
      inner = [...fs, { ctx: t, params: new Map(names.map((n) => [n, t])) }];
    } else if (helper === 'times') inner = [...fs, { ctx: VALUE, params: new Map(names.map((n) => [n, VALUE])) }];
    else if (helper !== 'if' && helper !== 'unless') {
      // A section on a field (`{{#kit.organisers}}…`) or a helper the checker does not know: its context is unknown.
      inner = [...fs, { ctx: ANY, params: new Map(names.map((n) => [n, ANY])) }];
    }
    if (b.program) body(b.program, inner);
    if (b.inverse) body(b.inverse, fs);
  }

  /** The type of an argument already checked by `call` (no second report). */
  function argTypeQuiet(e: Expr, fs: Frame[]): FieldType {
    if (e.type !== 'PathExpression') return e.type === 'SubExpression' ? ANY : VALUE;
    const saved = on.unknownField;
    on.unknownField = () => {};
    try {
      return resolve(e as Path, fs);
    } finally {
      on.unknownField = saved;
    }
  }

  /** Partials defined in the template itself (`{{#*inline "row"}}…{{/inline}}`). */
  const inline = new Map<string, hbs.AST.Program>();
  const inlineActive = new Set<string>();

  function partial(s: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, fs: Frame[]): void {
    args(s, fs);
    if (s.name.type !== 'PathExpression') return;
    const first = s.params[0];
    let ctx = first ? argTypeQuiet(first, fs) : (fs[fs.length - 1]?.ctx ?? ANY);
    const extra: Record<string, FieldType> = {};
    for (const pair of s.hash?.pairs ?? []) extra[pair.key] = argTypeQuiet(pair.value, fs);
    if (Object.keys(extra).length) ctx = withFields(ctx, extra);
    // A partial sees the contexts above it, not the caller's block parameters.
    const outer = fs.map((f) => ({ ctx: f.ctx, params: new Map<string, FieldType>() }));
    const name = (s.name as Path).original;
    const frames = [...outer, { ctx, params: new Map<string, FieldType>() }];
    const own = inline.get(name);
    if (own) {
      // An inline partial is checked where it is called, with the data it receives there.
      if (!inlineActive.has(name)) {
        inlineActive.add(name);
        body(own, frames);
        inlineActive.delete(name);
      }
    } else on.partial(name, frames, place(s.loc));
    if (s.type === 'PartialBlockStatement') body(s.program, fs);
  }

  function body(prog: hbs.AST.Program, fs: Frame[]): void {
    // Inline partials are defined before anything of their block runs, wherever they are written.
    for (const st of prog.body as Node[]) {
      if (st.type !== 'DecoratorBlock') continue;
      const d = st as unknown as hbs.AST.BlockStatement;
      const name = d.params[0];
      if (name?.type === 'StringLiteral' && d.program) inline.set((name as hbs.AST.StringLiteral).value, d.program);
    }
    for (const st of prog.body as Node[]) {
      switch (st.type) {
        case 'MustacheStatement':
          call(st as hbs.AST.MustacheStatement, fs);
          break;
        case 'BlockStatement':
          block(st as hbs.AST.BlockStatement, fs);
          break;
        case 'PartialStatement':
        case 'PartialBlockStatement':
          partial(st as hbs.AST.PartialStatement, fs);
          break;
        default:
          break;
      }
    }
  }

  body(program, frames);
}
