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
  const free = THREAD_PALETTE.filter((p) => chosen.every((c) => leastDifference(p, c).delta >= MIN_DIFFERENCE.palette));
  const order = free.length ? free : THREAD_PALETTE;
  const colors = new Map<Thread, string>();
  let next = 0;
  for (const t of kit.threads) colors.set(t, t.color ?? order[next++ % order.length]);
  return colors;
}
