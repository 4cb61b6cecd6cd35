/**
 * Errors the user can act on. The CLI prints only their message (no stack) and exits with
 * `exitCode`; anything that is not a CapaError is an internal failure (exit 3).
 */
export class CapaError extends Error {
  /** Stable identifier, e.g. `usage/no-such-folder`, `build/overflow`. */
  readonly code: string;
  /** Process exit code the CLI uses for it (docs/commands.md): 1 kit problem, 2 wrong usage. */
  readonly exitCode: number;

  constructor(code: string, message: string, opts: { exitCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CapaError';
    this.code = code;
    this.exitCode = opts.exitCode ?? 1;
  }
}

/** Wrong usage of the command line (bad option value, missing folder…): exit code 2. */
export class UsageError extends CapaError {
  constructor(code: string, message: string, opts: { cause?: unknown } = {}) {
    super(code, message, { exitCode: 2, cause: opts.cause });
    this.name = 'UsageError';
  }
}
