import { setFlagsFromString } from 'node:v8';

/**
 * The value each V8 flag that capa sets has when Node starts, by flag name. Compiled code kept on disk
 * (src/cli/codeCache.ts) is valid only for the flags it was made with, and is written when the command ends: with
 * the flags put back as they were when each file was compiled, these values for those capa had not changed yet.
 * Measured, not read from `node --v8-options`: Node 24's V8 starts with `--invocation-count-for-turbofan=10000`
 * where that list prints 3,000 (tests/cli/codeCache.test.ts checks each value gives back the flags' fingerprint of
 * a new process).
 */
export const V8_FLAGS_AT_START: Readonly<Record<string, string>> = {
  'semi-space-growth-factor': '--semi-space-growth-factor=2',
  'heap-growing-percent': '--heap-growing-percent=0',
  'expose-gc': '--no-expose-gc',
  'interrupt-budget': '--interrupt-budget=67584',
  'invocation-count-for-turbofan': '--invocation-count-for-turbofan=10000',
};

/**
 * The flags capa changed from their start value, by name, with the value it gave. A global registry: bin/capa.js
 * loads this module from lib/ and the bundled command line has its own copy of it, and both must see every change.
 */
function changedFlags(): Map<string, string> {
  const registry = globalThis as { [CHANGED]?: Map<string, string> };
  return (registry[CHANGED] ??= new Map());
}
const CHANGED = Symbol.for('capa.changedV8Flags');

/** `--no-expose-gc` and `--heap-growing-percent=100` are both flag `expose-gc` and `heap-growing-percent`. */
function flagName(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
}

/**
 * Sets a V8 flag at run time; false when the embedder refuses V8 flags. What capa asks of V8 this way (heap growth,
 * when to optimise) only tunes its pace and memory: refused, V8 goes on as it decides and nothing else changes.
 */
export function setV8Flag(flag: string): boolean {
  try {
    setFlagsFromString(flag);
  } catch {
    return false;
  }
  const name = flagName(flag);
  if (V8_FLAGS_AT_START[name] === flag) changedFlags().delete(name);
  else changedFlags().set(name, flag);
  return true;
}

/** The flags capa has changed so far (name → the flag as it set it): a copy, for `withV8Flags`. */
export function changedV8Flags(): ReadonlyMap<string, string> {
  return new Map(changedFlags());
}

/**
 * Runs `fn` with V8's flags as they were when `changedV8Flags` gave `flags` (those it does not name at their start
 * value), then sets them back as they are now. A flag this module has no start value for is left as it is: the
 * caller compares V8's fingerprint of its flags (`cachedDataVersionTag`) to tell.
 */
export function withV8Flags<T>(flags: ReadonlyMap<string, string>, fn: () => T): T {
  const now = changedFlags();
  const names = [...new Set([...now.keys(), ...flags.keys()])].filter((name) => flags.get(name) !== now.get(name));
  for (const name of names) {
    const flag = flags.get(name) ?? V8_FLAGS_AT_START[name];
    if (flag !== undefined) setFlagsFromString(flag);
  }
  try {
    return fn();
  } finally {
    for (const name of names) {
      const flag = now.get(name) ?? V8_FLAGS_AT_START[name];
      if (flag !== undefined) setFlagsFromString(flag);
    }
  }
}
