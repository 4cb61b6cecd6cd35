// Where a process's peak memory goes: preload it into a capa command and read the breakdown on stderr at exit.
//
//   node --import ./scripts/bench/memory.mjs bin/capa.js build <kit> -q
//
// Peak RSS is a high-water mark, and on Node 24 V8 keeps the pages a full collection frees, so the peak is the sum
// of each part's own high-water mark more than what is alive at any moment. This samples every 5 ms: V8's heap
// (committed pages and what is in use), V8's C heap (its compilers' zones), buffers and other memory outside the
// heap; and, each time RSS has grown by 2 MB, /proc/self/smaps grouped by kind of mapping: the node binary's pages,
// V8's pages (anonymous mappings under 1 MB), the main thread's C heap ([heap]), and larger anonymous mappings (the
// C heaps of other threads, large buffers). Linux only for the mappings; the rest anywhere.
import { readFileSync, realpathSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const MB = 1024 * 1024;
const mb = (bytes) => Math.round(bytes / MB);
const binary = realpathSync(process.execPath);

/** Resident KB by kind of mapping, from /proc/self/smaps. */
function mappings() {
  let text;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  const kinds = {};
  let kind;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = parseInt(head[2], 16) - parseInt(head[1], 16);
      const name = head[3];
      if (name === binary) kind = 'node binary';
      else if (name === '[heap]') kind = 'C heap, main thread';
      else if (name.startsWith('/')) kind = 'other files';
      else if (name === '') kind = size < MB ? 'V8 pages (mappings < 1 MB)' : 'other anonymous (thread C heaps, large buffers)';
      else kind = 'other';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && kind) kinds[kind] = (kinds[kind] ?? 0) + Number(rss[1]) * 1024;
  }
  return kinds;
}

const high = { heapCommitted: 0, heapUsed: 0, v8Malloced: 0, external: 0, arrayBuffers: 0 };
let peak = { rss: 0 };
let mapped = { rss: 0 };

function sample() {
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  high.heapCommitted = Math.max(high.heapCommitted, h.total_physical_size);
  high.heapUsed = Math.max(high.heapUsed, h.used_heap_size);
  high.v8Malloced = Math.max(high.v8Malloced, h.peak_malloced_memory);
  high.external = Math.max(high.external, m.external);
  high.arrayBuffers = Math.max(high.arrayBuffers, m.arrayBuffers);
  const at = Math.round(performance.now());
  if (m.rss > peak.rss) peak = { rss: m.rss, at, heapCommitted: h.total_physical_size, heapUsed: h.used_heap_size, external: m.external };
  if (m.rss > mapped.rss + 2 * MB) mapped = { rss: m.rss, at, kinds: mappings() };
}

const timer = setInterval(sample, 5);
timer.unref();
process.on('exit', () => {
  sample();
  const out = [`memory: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB (sampled: ${mb(peak.rss)} MB at ${peak.at} ms)`];
  out.push(`  at that moment: V8 heap ${mb(peak.heapCommitted)} MB committed, ${mb(peak.heapUsed)} MB in use; outside the heap ${mb(peak.external)} MB`);
  out.push(`  high-water marks: V8 heap committed ${mb(high.heapCommitted)} MB, in use ${mb(high.heapUsed)} MB; V8's C heap (compiler zones) ${mb(high.v8Malloced)} MB; outside the heap ${mb(high.external)} MB, of which buffers ${mb(high.arrayBuffers)} MB`);
  if (mapped.kinds) {
    out.push(`  resident by mapping, at ${mapped.at} ms (RSS ${mb(mapped.rss)} MB):`);
    for (const [kind, bytes] of Object.entries(mapped.kinds).sort((a, b) => b[1] - a[1])) if (bytes >= MB) out.push(`    ${String(mb(bytes)).padStart(5)} MB  ${kind}`);
  }
  process.stderr.write(`${out.join('\n')}\n`);
});
