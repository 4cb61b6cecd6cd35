/**
 * Characters XML 1.0 cannot hold, not even as a reference (`&#1;` is as invalid as a raw U+0001): C0 controls but
 * tab, line feed and carriage return, lone surrogates, U+FFFE/U+FFFF; with DEL and the C1 controls, which XML allows
 * but which have no visible form and which a terminal or a PDF reader may act on (BEL, ESC sequences).
 */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `s` without the characters above (removed: they have no visible form). Kit data goes into the markup, the
 * document info and the XMP through here, so no document, outline entry or title ever carries one.
 */
export function plainText(s: string): string {
  // `search` first, as most values hold none (and a /g `test` would keep state).
  return s.search(NOT_TEXT) < 0 ? s : s.replace(NOT_TEXT, '');
}
