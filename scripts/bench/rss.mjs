// Preloaded (`node --import`) into each process the bench runs: writes the process's peak RSS (KB) and its
// user + system CPU time (µs) to $CAPA_BENCH_RSS when it exits, so the bench reads them without `/usr/bin/time`.
import { writeFileSync } from 'node:fs';

const file = process.env.CAPA_BENCH_RSS;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  });
}
