#!/usr/bin/env node
// Peak memory of one cold build of a site folder, and the stage it happens in: deletes the site's cache
// (`node_modules/.cache/sectorpress`) and the output folder, calls `build()` from the compiled dist/ (run
// `npm run build` first), samples `process.memoryUsage()` every 200 ms and prints each stage's start, the
// sampled peak (with its stage) and the process's own maxRSS (Pagefind's process is not in it).
//
//   node bench/peak-memory.mjs SITE OUT
import fs from 'node:fs';
import path from 'node:path';

const [site, out] = process.argv.slice(2);
if (!site || !out) throw new Error('usage: node bench/peak-memory.mjs SITE OUT');
const { build } = await import(new URL('../dist/index.js', import.meta.url).href);
fs.rmSync(path.join(site, 'node_modules', '.cache', 'sectorpress'), { recursive: true, force: true });
fs.rmSync(out, { recursive: true, force: true });

const mib = (bytes) => Math.round(bytes / 2 ** 20);
let stage = 'start';
let peak = { rss: 0 };
const timer = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peak.rss) peak = { ...now, stage };
}, 200);
const started = performance.now();
await build({
  root: site,
  outDir: out,
  now: '2025-07-01T00:00:00Z',
  cache: true,
  onStage: (name) => {
    stage = name;
    const now = process.memoryUsage();
    console.log(`${Math.round(performance.now() - started)} ms ${name}: rss ${mib(now.rss)} MiB, heap ${mib(now.heapUsed)} MiB`);
  },
});
clearInterval(timer);
console.log(`peak in ${peak.stage}: rss ${mib(peak.rss)} MiB, heap ${mib(peak.heapUsed)} MiB, array buffers ${mib(peak.arrayBuffers)} MiB`);
console.log(`maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB, wall ${Math.round(performance.now() - started)} ms`);
