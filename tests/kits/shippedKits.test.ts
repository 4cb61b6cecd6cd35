import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadKit } from '../../src/kit/loadKit.js';
import { resolveKit } from '../../src/kit/resolveKit.js';
import { validateKit } from '../../src/check/validateKit.js';
import { checkSchedule } from '../../src/check/checkSchedule.js';
import { checkMethod } from '../../src/check/checkMethod.js';
import type { Kit } from '../../src/kit/Kit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kitDir = (name: string) => path.join(root, 'kits', name);

/** Every diagnostic of a shipped kit: loading, schema, references, assets, schedule and method rules. */
async function allDiagnostics(dir: string) {
  const loaded = await loadKit({ dir });
  const resolved = resolveKit(loaded, { lang: 'fr' });
  const found = [
    ...(await validateKit({ dir })),
    ...resolved.diagnostics,
    ...checkSchedule(loaded, resolved.kit, 'fr'),
    ...checkMethod(loaded, resolved.kit, 'fr'),
  ];
  // validateKit may already run the schedule and method checks: count each problem once.
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = `${d.code}|${d.file}|${d.line}|${d.column}|${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

async function resolved(name: string): Promise<Kit> {
  return resolveKit(await loadKit({ dir: kitDir(name) }), { lang: 'fr' }).kit;
}

const months = (from: string, to: string) => {
  const [a, b] = [new Date(from), new Date(to)];
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
};
const dayBefore = (iso: string) => new Date(Date.parse(iso) - 86_400_000).toISOString().slice(0, 10);

describe.each(['demo', 'capacities'])('kits/%s', (name) => {
  it('has no diagnostic at all, warnings included (validate --strict is clean)', async () => {
    const diagnostics = await allDiagnostics(kitDir(name));
    expect(diagnostics.map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
  });

  it('points every YAML file at the schemas for editors', async () => {
    const loaded = await loadKit({ dir: kitDir(name) });
    expect(loaded.files.length).toBeGreaterThan(1); // the include mechanism is exercised
    for (const f of loaded.files) {
      const depth = f.file.split('/').length - 1;
      const schema = f.file === 'capa.yaml' ? 'capa.schema.json' : 'kit-part.schema.json';
      const first = readFileSync(f.abs, 'utf8').split('\n')[0];
      expect(first, f.file).toBe(`# yaml-language-server: $schema=${'../'.repeat(depth + 2)}schemas/${schema}`);
      expect(parseDocument(f.text, { uniqueKeys: true }).errors, f.file).toEqual([]);
    }
  });

  it('follows the method: visit the day before, informal time, elected time, retro last, follow-up a year on', async () => {
    const kit = await resolved(name);
    for (const session of kit.sessions) {
      expect(session.visit?.date, session.id).toBe(dayBefore(session.firstDate!));
      expect(session.visit?.title, session.id).toBeTruthy();
      expect(session.visit?.place, session.id).toBeTruthy();
      expect(session.days.flatMap((d) => d.slots).some((s) => s.kind === 'elected'), session.id).toBe(true);
      for (const day of session.days) {
        expect(day.slots.some((s) => s.kind === 'informal'), day.date).toBe(true);
        expect(day.slots.some((s) => s.kind === 'meal'), day.date).toBe(true);
        expect(day.slots.at(-1)?.kind, day.date).toBe('retro');
        for (const slot of day.slots) {
          if (slot.workshop) expect(slot.workshop.stepsMinutes, slot.title).toBeLessThanOrEqual(slot.durationMinutes);
        }
      }
    }
    expect(months(kit.lastDate!, kit.followUp!.date!)).toBeGreaterThanOrEqual(11);
    expect(months(kit.lastDate!, kit.followUp!.date!)).toBeLessThanOrEqual(13);
    for (const useCase of kit.useCases) expect(useCase.endUsers.length, useCase.id).toBeGreaterThan(0);
    for (const t of kit.territories) {
      expect(t.population, t.id).toBeGreaterThanOrEqual(50_000);
      expect(t.population, t.id).toBeLessThanOrEqual(200_000);
      expect(t.elected?.role, t.id).toBe('elected');
      expect(t.projectLead?.role, t.id).toBe('project-lead');
    }
    for (const company of kit.organisations.filter((o) => o.type === 'company')) {
      const everywhere = company.people.filter((p) => p.sessions.length === kit.sessions.length);
      expect(everywhere.length, company.id).toBe(1);
    }
  });

  it('schedules every workshop exactly once, with objectives, materials, steps and questions', async () => {
    const kit = await resolved(name);
    for (const w of kit.workshops) {
      expect(w.slots.length, w.id).toBe(1);
      expect(w.objectives.length * w.materials.length * w.steps.length * w.questions.length, w.id).toBeGreaterThan(0);
      expect(w.facilitators.every((p) => p.role === 'facilitator'), w.id).toBe(true);
    }
  });
});

describe('kits/capacities as the reference expedition', () => {
  it('runs five days over four sessions hosted by four different territories', async () => {
    const kit = await resolved('capacities');
    const days = kit.sessions.flatMap((s) => s.days);
    expect(days.map((d) => d.date)).toEqual(['2027-03-11', '2027-05-20', '2027-06-30', '2027-07-01', '2027-09-30']);
    expect(kit.sessions.map((s) => s.days.length)).toEqual([1, 1, 2, 1]);
    expect(new Set(kit.sessions.map((s) => s.host?.id)).size).toBe(4);
    expect(new Set(kit.territories.map((t) => t.kind))).toEqual(new Set(['port', 'mountain', 'industrial', 'urban', 'rural']));
  });

  it('has the ten défis of the seed in their three fils', async () => {
    const kit = await resolved('capacities');
    expect(kit.challenges.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(kit.threads.map((t) => t.challenges.map((c) => c.number).sort((a, b) => a - b))).toEqual([
      [1, 2],
      [3, 4, 5, 6, 7, 8],
      [9, 10],
    ]);
    for (const c of kit.challenges) {
      expect(c.prompts.length, c.id).toBeGreaterThanOrEqual(3);
      expect(c.prompts.length, c.id).toBeLessThanOrEqual(4);
      expect(c.outputs.length, c.id).toBeGreaterThanOrEqual(2);
      expect(c.useCases.length, c.id).toBeGreaterThan(0);
      expect(c.workshops.length, c.id).toBeGreaterThan(0);
    }
  });

  it('builds défis 3, 4, 5, 6, 7, 2 and 8 in Lego on the third day afternoon, in parallel rooms', async () => {
    const kit = await resolved('capacities');
    const third = kit.sessions.flatMap((s) => s.days)[2];
    const lego = third.slots.filter((s) => s.workshop?.format === 'lego' && s.start >= 13 * 60);
    expect(lego.map((s) => s.workshop!.challenges[0].number)).toEqual([3, 4, 5, 6, 7, 2, 8]);
    for (const a of lego) {
      for (const b of lego) {
        if (a === b || a.end <= b.start || b.end <= a.start) continue;
        expect(a.room).not.toBe(b.room);
        const shared = a.facilitators.filter((p) => b.facilitators.includes(p));
        expect(shared.map((p) => p.id), `${a.title} / ${b.title}`).toEqual([]);
      }
    }
  });

  it('fills the capture of the second session, as an example carnet', async () => {
    const kit = await resolved('capacities');
    const [first, second] = kit.sessions;
    const workshopsOf = (s: (typeof kit.sessions)[number]) =>
      s.days.flatMap((d) => d.slots).flatMap((slot) => (slot.workshop ? [slot.workshop] : []));
    for (const w of workshopsOf(second)) {
      expect([w.capture.ideas, w.capture.feedback, w.capture.leads, w.capture.wishes].every((l) => l.length > 0), w.id).toBe(true);
    }
    for (const w of workshopsOf(first)) expect(w.capture.ideas, w.id).toEqual([]);
  });
});
