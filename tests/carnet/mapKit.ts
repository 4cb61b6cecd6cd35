import { generateKitData } from '../../scripts/generateKit.js';
import { emitYaml } from '../../scripts/emitYaml.js';
import type * as KF from '../../src/kit/KitFile.js';

/**
 * A generated kit whose map has `threads` threads, `challenges` défis and `useCases` use cases (issue 19's
 * 10 × 30 × 15): the generator's kit of 150 workshops (30 défis, 15 use cases) with its défis dealt out over
 * `threads` threads, each défi drawing on two or three use cases.
 */
export function mapKit(opts: { threads: number; challenges: number; useCases: number }): Record<string, string> {
  const data = generateKitData({ workshops: opts.challenges * 5 });
  const content = data['challenges.yaml'].data as { threads: KF.Thread[]; challenges: KF.Challenge[] };
  const useCases = Object.entries(data)
    .filter(([name]) => name.startsWith('use-cases/'))
    .flatMap(([, f]) => (f.data as { use_cases: KF.UseCase[] }).use_cases.map((u) => u.id));
  if (content.challenges.length !== opts.challenges || useCases.length !== opts.useCases) {
    throw new Error(`generated ${content.challenges.length} défis and ${useCases.length} use cases`);
  }
  const palette = ['#1D4E89', '#2A9D8F', '#C0392B', '#6A4C93', '#8D6E63', '#B7791F', '#264653', '#2E7D32', '#AD1457', '#455A64'];
  content.threads = Array.from({ length: opts.threads }, (_, i) => ({ id: `fil-${i + 1}`, title: `Fil ${i + 1} : ${content.threads[i % content.threads.length].title}`, color: palette[i % palette.length] }));
  content.challenges.forEach((c, i) => {
    c.thread = `fil-${(i % opts.threads) + 1}`;
    c.use_cases = [...new Set([useCases[i % useCases.length], useCases[(i * 7 + 3) % useCases.length], useCases[(i * 11 + 5) % useCases.length]])];
  });
  const files: Record<string, string> = {};
  for (const [name, { header, data: d }] of Object.entries(data)) files[name] = header + emitYaml(d);
  return files;
}
