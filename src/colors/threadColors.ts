import type { Kit, Thread } from '../kit/Kit.js';
import { leastDifference, MIN_DIFFERENCE } from './colorDifference.js';
import { THREAD_PALETTE } from './palettes.js';

/**
 * Each thread's colour, the same on cards, map and use-case sheets: its own `color`, else the next colour of
 * THREAD_PALETTE that is not too close to a colour the kit set for another thread. With more threads than the
 * palette holds, colours repeat in palette order (the thread's title, printed beside every band, still tells them apart).
 */
export function threadColors(kit: Pick<Kit, 'threads'>): Map<Thread, string> {
  const chosen = kit.threads.flatMap((t) => (t.color ? [t.color.toUpperCase()] : []));
  const order = paletteBeside(chosen);
  const colors = new Map<Thread, string>();
  let next = 0;
  for (const t of kit.threads) colors.set(t, t.color ?? order[next++ % order.length]);
  return colors;
}

/**
 * The palette colours far enough from every colour the kit set (the whole palette when none is), for a set of
 * chosen colours: asked by every document that colours threads, at every build (each rebuild of the watch).
 */
function paletteBeside(chosen: string[]): readonly string[] {
  const key = chosen.join(' ');
  let order = orders.get(key);
  if (order === undefined) {
    if (orders.size >= 256) orders.clear();
    const free = THREAD_PALETTE.filter((p) => chosen.every((c) => leastDifference(p, c).delta >= MIN_DIFFERENCE.palette));
    order = free.length ? free : THREAD_PALETTE;
    orders.set(key, order);
  }
  return order;
}
const orders = new Map<string, readonly string[]>();
