/**
 * The order of two strings by their UTF-16 code units. What capa sorts this way — its own file names, diagnostic
 * codes and kit file paths, ISO dates — then comes out the same on every machine and Node version, which
 * `localeCompare` does not promise (it follows the process's locale and ICU data). Its first call in a process also
 * sets up a collator: 12–35 ms measured here, paid by a `capa validate` that reports anything. Names of people are
 * another matter: the sign-in sheet and the badges sort them with the kit language's collator.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
