// Preloaded (`node --import`) into each process the bench runs: writes the process's peak RSS (KB) to
// $CAPA_BENCH_RSS when it exits, so the bench reads it without `/usr/bin/time`.
import { writeFileSync } from 'node:fs';

const file = process.env.CAPA_BENCH_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
