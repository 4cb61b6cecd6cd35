/**
 * RFC 5545 text primitives for `programme.ics`: value escaping and line folding.
 *
 * capa wrote its calendar with ical-generator 10, whose line folding builds a `TextEncoder` and a
 * byte array for every character of the file (about 1 s for a 500-workshop kit; fixed upstream in
 * ical-generator 11, which needs Node 22 while capa supports Node 20). These functions give the
 * same bytes as ical-generator 10 did, so files built before and after the change are identical.
 */

/**
 * Control characters other than tab and line breaks: RFC 5545 allows none in a TEXT value (TSAFE-CHAR
 * excludes CONTROL), and a terminal or calendar app may act on them (BEL, ESC sequences). C1 controls too.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, every line break written `\n`, control
 * characters left out (kit data is text typed by people: such a character is never meant to be printed).
 */
export function escapeText(value: string): string {
  return value.replace(CONTROL, '').replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
}

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/**
 * One content line folded as ical-generator 10's `foldLines` did: cut before the character that
 * would take it past 74 octets of UTF-8, each continuation a space and up to 74 octets again.
 * A high surrogate is taken with the character after it, so a pair is never cut.
 */
export function foldLine(line: string): string {
  // Short lines are kept whole. Not with a high surrogate: one without its pair, taken with the
  // next character, may count more octets than UTF-8 gives the whole line.
  if (Buffer.byteLength(line, 'utf8') <= 74 && !HIGH_SURROGATE.test(line)) return line;
  let result = '';
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    let ch = line.charAt(i);
    if (ch >= '\ud800' && ch <= '\udbff') ch += line.charAt(++i);
    // Buffer counts a lone surrogate as the 3 octets of U+FFFD, as TextEncoder writes it.
    const size = ch.charCodeAt(0) < 0x80 ? 1 : Buffer.byteLength(ch, 'utf8');
    octets += size;
    if (octets > 74) {
      result += '\r\n ';
      octets = size;
    }
    result += ch;
  }
  return result;
}
