/** Code points of a string as `U+XXXX` for characters outside printable ASCII, to assert no-break spaces. */
export function codePoints(s: string): string {
  return [...s].map((c) => (/[ -~]/.test(c) ? c : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).join('');
}
