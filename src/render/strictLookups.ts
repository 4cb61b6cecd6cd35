import type HandlebarsNS from 'handlebars';
import { DATA_HELPER } from './dataOrigins.js';

type HandlebarsEnv = typeof HandlebarsNS;

/** The part of Handlebars' (untyped) JavaScriptCompiler this module overrides. */
interface CompilerInstance {
  options: { strict?: boolean };
  /** Set while a block-param lookup (`{{slot.title}}` in `{{#each slots as |slot|}}`) resolves its path. */
  capaBlockParamStrict?: boolean;
  source: { currentLocation?: unknown };
  aliasable(name: string): unknown;
  quotedString(text: string): string;
  popStack(): unknown;
  push(expr: unknown): unknown;
  nameLookup(parent: unknown, name: string, type?: string): unknown;
}
type ResolvePath = (
  this: CompilerInstance,
  type: string,
  parts: string[],
  startPartIndex: number,
  falsy: boolean,
  strict: boolean,
) => void;
interface CompilerClass {
  prototype: CompilerInstance & {
    resolvePath: ResolvePath;
    lookupBlockParam(this: CompilerInstance, id: unknown, parts: string[], strict?: boolean): void;
    compiler?: unknown;
  };
}

/** The AST-to-opcodes compiler (untyped in Handlebars' declarations). */
interface OpcodeCompiler {
  opcodes: Array<{ opcode: string; args: unknown[] }>;
}
interface OpcodeCompilerClass {
  prototype: OpcodeCompiler & {
    PathExpression(this: OpcodeCompiler, path: { strict?: boolean }): void;
    compiler?: unknown;
  };
}

/** Same escaping as Handlebars' own location literals (JSON minus the two JS line terminators). */
function locationLiteral(loc: unknown): string {
  return loc ? JSON.stringify(loc).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : 'undefined';
}

/**
 * Make strict mode strict all along a path, and only where it should be.
 * Handlebars' strict mode checks the last part of `{{a.b.c}}` only: a missing `a` or `b` ends in a
 * bare TypeError with no line. Here every part but the last goes through `container.strict`, which
 * throws Handlebars' located `"b" not defined … - line:col` error. The last part stays as Handlebars
 * decides: required in a plain mustache (`{{a.b}}`), optional in helper arguments and block tests
 * (`{{#if venue.address}}`, `{{default venue.address "—"}}`), so templates can test optional fields.
 * Helper and partial lookups are untouched, and so is prototype-access control
 * (`container.strict` ends in `lookupProperty`).
 */
export function installStrictLookups(hb: HandlebarsEnv): void {
  const env = hb as unknown as { JavaScriptCompiler: CompilerClass; Compiler: OpcodeCompilerClass };

  // Handlebars drops `strict` for block parameters (`{{slot.nope}}` in `{{#each slots as |slot|}}`
  // renders nothing even in strict mode): carry it on the opcode, read it back below.
  const BaseOpcodes = env.Compiler;
  function StrictOpcodes(this: OpcodeCompiler) {}
  const opcodesProto = Object.create(BaseOpcodes.prototype) as OpcodeCompilerClass['prototype'];
  opcodesProto.compiler = StrictOpcodes;
  opcodesProto.PathExpression = function (path) {
    BaseOpcodes.prototype.PathExpression.call(this, path);
    const last = this.opcodes[this.opcodes.length - 1];
    if (last?.opcode === 'lookupBlockParam') last.args.push(Boolean(path.strict));
  };
  StrictOpcodes.prototype = opcodesProto;
  env.Compiler = StrictOpcodes as unknown as OpcodeCompilerClass;

  const Base = env.JavaScriptCompiler;
  // Handlebars documents subclassing its compiler this way (prototype chain + `compiler` back-reference).
  function StrictCompiler(this: CompilerInstance) {}
  const proto = Object.create(Base.prototype) as CompilerClass['prototype'];
  proto.compiler = StrictCompiler;
  proto.resolvePath = function (type, parts, startPartIndex, falsy, strict) {
    if (!this.options.strict) return Base.prototype.resolvePath.call(this, type, parts, startPartIndex, falsy, strict);
    const required = strict ?? this.capaBlockParamStrict;
    let code = this.popStack();
    const last = parts.length - 1;
    // `Object(…)` boxes strings and numbers: `"x" in "text"` would be a bare TypeError.
    for (let i = startPartIndex; i < last; i++) {
      code = [
        this.aliasable('container.strict'),
        '(Object(',
        code,
        '), ',
        this.quotedString(parts[i] ?? ''),
        ', ',
        locationLiteral(this.source.currentLocation),
        ')',
      ];
    }
    if (startPartIndex <= last) {
      const name = parts[last] ?? '';
      // The object and key of a data value are noted for the output that prints it (dataOrigins.ts).
      const parent = type === 'context' ? ['helpers[', this.quotedString(DATA_HELPER), '].track(Object(', code, '), ', this.quotedString(name), ')'] : ['Object(', code, ')'];
      code = required
        ? [this.aliasable('container.strict'), '(', parent, ', ', this.quotedString(name), ', ', locationLiteral(this.source.currentLocation), ')']
        : // Boxed too: an optional link that is there but empty (`slot.workshop: undefined`) makes
          // `{{#if slot.workshop.format}}` false instead of a TypeError with no line.
          this.nameLookup(parent, name, type);
    }
    this.push(code);
  };
  proto.lookupBlockParam = function (id, parts, strict) {
    this.capaBlockParamStrict = strict;
    try {
      Base.prototype.lookupBlockParam.call(this, id, parts);
    } finally {
      this.capaBlockParamStrict = undefined;
    }
  };
  StrictCompiler.prototype = proto;
  env.JavaScriptCompiler = StrictCompiler as unknown as CompilerClass;
}
