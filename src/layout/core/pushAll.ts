/**
 * Appends `items` to `out` one by one: `out.push(...items)` passes every item as an argument, which overflows
 * the call stack past about 100,000 items (a long list of badges, a table of many rows).
 */
export function pushAll<T>(out: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
  return out;
}
