import Module from 'node:module';
import path from 'node:path';

/**
 * Puts `exports` in Node's module cache (`require.cache`, which Node documents as writable and which its ES module
 * loader also reads for CommonJS files) as the module `file`, as `fromPackage` resolves it, so the package gets the
 * stand-in instead of loading the file. Nothing is done when the file is loaded already: the package keeps what it has.
 * Used for what fontkit loads and capa does not need as it is (deferBrotli.ts, nativeInflate.ts).
 */
export function placeStandIn(fromPackage: NodeJS.Require, file: string, exports: unknown): void {
  if (fromPackage.cache[file]) return;
  const stub = new Module(file);
  stub.filename = file;
  stub.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  stub.exports = exports;
  stub.loaded = true;
  fromPackage.cache[file] = stub;
}
