import type { MaterialNeed, RoomPlan, Slot } from './Kit.js';

/**
 * The materials a day's workshops need, rolled up for the run-sheet: one entry per material
 * name (counted once per slot that needs it), overall and per room, in order of first need.
 */
export function rollUpMaterials(slots: Slot[]): { materials: MaterialNeed[]; roomPlans: RoomPlan[] } {
  const materials: MaterialNeed[] = [];
  const roomPlans: RoomPlan[] = [];
  for (const slot of slots) {
    let plan = roomPlans.find((p) => p.room === slot.room);
    if (!plan) roomPlans.push((plan = { room: slot.room, slots: [], materials: [] }));
    plan.slots.push(slot);
    const names = [...new Set(slot.workshop?.materials ?? [])];
    for (const name of names) {
      add(materials, name, slot);
      add(plan.materials, name, slot);
    }
  }
  return { materials, roomPlans };
}

function add(needs: MaterialNeed[], name: string, slot: Slot): void {
  let need = needs.find((n) => n.name === name);
  if (!need) needs.push((need = { name, count: 0, rooms: [], workshops: [] }));
  need.count += 1;
  if (slot.room !== undefined && !need.rooms.includes(slot.room)) need.rooms.push(slot.room);
  if (slot.workshop && !need.workshops.includes(slot.workshop)) need.workshops.push(slot.workshop);
}
