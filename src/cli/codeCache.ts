import { createHash } from 'node:crypto';
import Module from 'node:module';
import path from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import vm from 'node:vm';
import { pruneCacheFolder, readSealedCacheFile, writeSealedCacheFile } from '../kit/cacheFile.js';
import { changedV8Flags, withV8Flags } from '../setV8Flag.js';

/** Entries kept in the code cache's folder, and their size in all: a few sets of the ~110 files a build runs. */
const MAX_FILES = 1024;
const MAX_BYTES = 128 * 1024 * 1024;
/** A larger entry is not read (the largest, for the generated templates, is ~1 MB). */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

interface CompiledFile {
  script: vm.Script;
  file: string;
  /** The flags capa had changed when the file was compiled, and V8's fingerprint of its flags then. */
  flags: ReadonlyMap<string, string>;
  tag: number;
}

/** What `Module.prototype._compile` is, in every Node capa runs on (22 and later add the module's format). */
type Compile = (this: Module, content: string, filename: string, format?: string) => unknown;

/**
 * Keeps the compiled code of the CommonJS files a command runs (the bundled command line, lib/bundle/*.cjs, and the
 * packages it requires) in `dir/code/`, written once the command is over, so that it holds every function the
 * command ran, not only the outer code of each file: a later run of the same command reads that code back instead
 * of parsing and compiling the files again, and its functions run at once. Node's own compile cache (22.1 and
 * later) writes a file's code as soon as the file is compiled, before any of its functions has run, and Node 20
 * has none: `kits/capacities` cold went from 1.205 to 1.090 s on Node 20 and from 1.030 to 0.940 s on Node 24
 * (medians of 8 alternating runs).
 *
 * - One set of entries per command and kit (`purpose`): an entry V8 accepts is never written again (making one
 *   again at each run to see whether it grew would cost ~30 ms), and it holds what its run ran. `capa validate`
 *   runs little of what `capa build` runs, and a build of the demo kit less than one of kits/capacities: a later
 *   build of capacities with the demo's entries compiled a dozen files' functions again at each run. Likewise a run
 *   that fails (a kit with an error stops before its documents) writes nothing.
 * - An entry is named by the SHA-256 of the command and kit, V8's fingerprint of its flags, the file's path and its
 *   text (V8 checks only the text's length), and sealed by the SHA-256 of its bytes: a damaged entry is a miss, never
 *   code run.
 * - V8 accepts compiled code only under the flags it was made with, and capa changes some while it runs (when to
 *   optimise, the young generation's growth: src/setV8Flag.ts). A file is compiled under the flags of the moment,
 *   and its entry written at the end under the same flags, put back for it; if V8's fingerprint of them then differs
 *   (a flag capa knows no start value for), that entry is not written.
 * - Node's loader keeps doing the rest (resolving, the module cache, `require` itself); only the compiling goes
 *   through `vm.Script`, which reads and makes V8's code cache. A file it cannot compile as a CommonJS script (an
 *   ES module required, a syntax it refuses) is left to Node as before.
 *
 * Needs `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER` (Node 20.12 and later) for an `import()` in such a file;
 * without it nothing changes. `purpose` names the command and the kit, `dir` is capa's cache folder.
 */
export function keepCompiledCode(dir: string, purpose: string): void {
  const importModuleDynamically = (vm.constants as Partial<typeof vm.constants> | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (importModuleDynamically === undefined) return;
  const folder = path.join(dir, 'code', `${process.version}-${process.arch}`);
  const compiled: CompiledFile[] = [];
  const proto = Module.prototype as unknown as { _compile: Compile };
  const nodeCompile = proto._compile;
  proto._compile = function compile(this: Module, content: string, filename: string, format?: string): unknown {
    if ((format !== undefined && format !== 'commonjs') || content.startsWith('#!')) return nodeCompile.call(this, content, filename, format);
    const tag = cachedDataVersionTag();
    const file = path.join(folder, `${createHash('sha256').update(`${purpose}\0${tag}\0${filename}\0`).update(content).digest('hex').slice(0, 40)}.bin`);
    const cachedData = readSealedCacheFile(file, MAX_ENTRY_BYTES);
    let script: vm.Script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData, importModuleDynamically });
    } catch {
      return nodeCompile.call(this, content, filename, format);
    }
    if (cachedData === undefined || script.cachedDataRejected) compiled.push({ script, file, flags: changedV8Flags(), tag });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.once('exit', (code) => {
    if (compiled.length === 0 || code !== 0) return;
    for (const { script, file, flags, tag } of compiled) {
      withV8Flags(flags, () => {
        if (cachedDataVersionTag() === tag) writeSealedCacheFile(file, script.createCachedData());
      });
    }
    pruneCacheFolder(folder, MAX_FILES, MAX_BYTES);
  });
}

/** The `require` of a CommonJS module, as Node's loader makes it. */
function requireFor(mod: Module): NodeJS.Require {
  const loader = Module as unknown as {
    _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
    _resolveLookupPaths(request: string, parent: Module): string[] | null;
    _extensions: NodeJS.RequireExtensions;
    _cache: NodeJS.Dict<NodeJS.Module>;
  };
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = loader._extensions;
  require.cache = loader._cache;
  return require;
}
