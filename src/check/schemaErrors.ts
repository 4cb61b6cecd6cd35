import type { ErrorObject } from 'ajv/dist/2020.js';

/** One real problem found by the schema, after ajv's noise has been folded away. */
export type SchemaProblem =
  | { kind: 'error'; error: ErrorObject }
  /** An `anyOf` of `required` branches failed: the object needs one of these keys. */
  | { kind: 'either-key'; error: ErrorObject; keys: string[] }
  /** An `anyOf` failed and no branch matched the value's shape (e.g. `attends: everyone`). */
  | { kind: 'shape'; error: ErrorObject };

/**
 * Fold ajv's error list (allErrors) into one problem per real mistake:
 * - a failed `anyOf`/`oneOf` comes right after its branches' errors (ajv checks it before the
 *   object's other keywords), so the trailing errors under its path are its branches. When some
 *   are deeper than the anyOf's own value, a branch matched the shape and those deeper errors are
 *   the real problem; otherwise the anyOf is reported once;
 * - `if` errors only say "then failed", which the `then` errors already say;
 * - the same keyword at the same path with the same params is reported once.
 */
export function collapseSchemaErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const out: Array<{ path: string; problem: SchemaProblem }> = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      out.push({ path: error.instancePath, problem: { kind: 'error', error } });
      continue;
    }
    let start = out.length;
    while (start > 0 && isUnder(out[start - 1].path, error.instancePath)) start--;
    const branches = out.splice(start);
    const deeper = branches.filter((b) => b.path !== error.instancePath);
    if (deeper.length > 0) {
      // A loop: one anyOf over a list of 100,000 items would spread as many arguments and overflow the stack.
      for (const d of deeper) out.push(d);
      continue;
    }
    const keys = branches.flatMap((b) => requiredKeys(b.problem));
    const onlyRequired = branches.length > 0 && branches.every((b) => requiredKeys(b.problem).length > 0);
    out.push({
      path: error.instancePath,
      problem: onlyRequired ? { kind: 'either-key', error, keys: [...new Set(keys)] } : { kind: 'shape', error },
    });
  }
  const seen = new Set<string>();
  return out
    .map((o) => o.problem)
    .filter((p) => {
      const key = `${p.kind} ${p.error.instancePath} ${p.error.keyword} ${JSON.stringify(p.error.params)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function requiredKeys(problem: SchemaProblem): string[] {
  if (problem.kind === 'either-key') return problem.keys;
  if (problem.kind === 'error' && problem.error.keyword === 'required') {
    return [String((problem.error.params as { missingProperty: string }).missingProperty)];
  }
  return [];
}

/** `/a/b/0` is under `/a/b` and under itself, but `/a/bc` is not under `/a/b`. */
function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent + '/');
}
