/** Stands for a space the text must not be cut at (a private-use character, not in capa's messages). */
const GLUE = '\ue000';

/** Colour codes that take no room on screen. */
const SGR = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  let n = 0;
  for (const _ of text.replace(SGR, '')) n++;
  return n;
}

/**
 * `text` cut at spaces into lines of at most `width` visible characters (colour codes ignored), the
 * lines after the first starting with `indent`. A word longer than the line (a path, a URL) is never
 * broken: it gets a line of its own. Newlines already in the text are kept, each line wrapped alone.
 * Hand-written rather than wrap-ansi: capa wraps only its own messages, whose colours it controls,
 * and one more dependency (with its own string-width and ansi-regex) is not worth 25 lines.
 */
export function wrapText(text: string, opts: { width: number; indent: string }): string {
  const out: string[] = [];
  // French puts a space before : ; ? ! » and after «: a line never starts with one of them.
  const glued = text.replace(/ (?=[:;?!»](?: |$))/gm, GLUE).replace(/« /g, `«${GLUE}`);
  for (const paragraph of glued.split('\n')) {
    const lead = /^ */.exec(paragraph)![0];
    const next = opts.indent + lead;
    let line = lead;
    let length = lead.length;
    let hasWord = false;
    for (const word of paragraph.slice(lead.length).split(' ')) {
      const w = visibleLength(word);
      if (hasWord && length + 1 + w > opts.width) {
        out.push(line.replace(/ +$/, ''));
        line = next;
        length = visibleLength(next);
        hasWord = false;
      }
      // Spaces where a line was cut, or doubled at its start, are dropped; inside a line they are kept.
      if (!hasWord && word === '') continue;
      line += hasWord ? ` ${word}` : word;
      length += (hasWord ? 1 : 0) + w;
      hasWord = true;
    }
    out.push(line);
  }
  return out.join('\n').replaceAll(GLUE, ' ');
}
