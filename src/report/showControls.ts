/**
 * Characters a terminal obeys instead of printing: C0 controls (except tab and newline), DEL, C1
 * controls, and the bidirectional overrides and isolates that reorder what is shown (Trojan Source).
 * A kit is untrusted: `host: "x\e]0;PWNED\a\e[2J"` must not set the title or clear the screen.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\u000b': '\\v', '\f': '\\f', '\b': '\\b', '\0': '\\0' };

/** One escape as a person reads it: `\x1b`, `\r`, `\u202e`. */
function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character shown escaped (`\x1b`), tab and newline kept. */
export function showControls(text: string): string {
  return text.replace(CONTROLS, escapeOne);
}

/** Same, for text that must stay on one line: newlines escaped too (`\n`). */
export function showControlsInline(text: string): string {
  return showControls(text).replace(/\n/g, '\\n');
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal or a log viewer obeys (DEL,
 * C1, bidi controls, line and paragraph separators) written as `\uXXXX`: the same value, safe to print.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
