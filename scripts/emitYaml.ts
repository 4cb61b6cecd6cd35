/**
 * YAML text for generated kits, written the way people write kits (docs/kit-format.en.md): block mappings,
 * flow lists of short strings, one-line `{ … }` slots and steps, `|` blocks for multi-line text.
 * Scalars are quoted only when YAML would read them back as something else.
 */

/** Keys whose list items are written `{ a: 1, b: 2 }` on one line, as people write slots and steps. */
const FLOW_ITEMS = new Set(['slots', 'steps']);

/** Block YAML in the style of the kit format examples (docs/kit-format.en.md): block mappings, flow lists of short strings, one-line slots. */
export function emitYaml(data: object): string {
  return emitMap(data as Record<string, unknown>, 0).join('\n') + '\n';
}

function emitMap(obj: Record<string, unknown>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && value.includes('\n')) {
      lines.push(`${pad}${key}: |${value.endsWith('\n') ? '' : '-'}`, ...value.replace(/\n$/, '').split('\n').map((l) => `${pad}  ${l}`));
    } else if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object') && flowLength(value) <= 90) lines.push(`${pad}${key}: ${flowList(value)}`);
      else {
        lines.push(`${pad}${key}:`);
        for (const item of value) {
          if (item !== null && typeof item === 'object' && FLOW_ITEMS.has(key)) lines.push(`${pad}  - ${flowMap(item as Record<string, unknown>)}`);
          else if (item !== null && typeof item === 'object') {
            const inner = emitMap(item as Record<string, unknown>, indent + 4);
            lines.push(`${pad}  - ${inner[0].trimStart()}`, ...inner.slice(1));
          } else lines.push(`${pad}  - ${scalar(item, false)}`);
        }
      }
    } else if (value !== null && typeof value === 'object') lines.push(`${pad}${key}:`, ...emitMap(value as Record<string, unknown>, indent + 2));
    else lines.push(`${pad}${key}: ${scalar(value, false)}`);
  }
  return lines;
}

function flowList(items: unknown[]): string {
  return `[${items.map((v) => scalar(v, true)).join(', ')}]`;
}

function flowLength(items: unknown[]): number {
  return flowList(items).length;
}

function flowMap(obj: Record<string, unknown>): string {
  const parts = Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? flowList(v) : scalar(v, true)}`);
  return `{ ${parts.join(', ')} }`;
}

/** A scalar, plain when YAML reads it back as the same string, else double-quoted (JSON escapes are YAML's). */
export function scalar(value: unknown, inFlow: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const plain =
    /^[\p{L}\p{N}][^:#\n"\\]*$/u.test(s) &&
    !/\s$/.test(s) &&
    !(inFlow && /[,[\]{}]/.test(s)) &&
    !/^(?:[-+]?[\d._]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|true|false|null|yes|no|on|off|y|n)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}
