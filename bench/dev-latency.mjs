#!/usr/bin/env node
// Dev-server rebuild latency: from the moment an edited post is written to the moment the
// reload event reaches a connected client, median of 20 edits, at each corpus size.
//
//   node bench/dev-latency.mjs [--sizes 1000,10000] [--edits 20] [--no-cold-build]
//
// --no-cold-build skips the cold `build()` run first for comparison (at 100,000 posts it takes minutes;
// compare the dev start with the cold build `npm run bench` measured instead).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, editPost } from './gen-corpus.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { createDevServer, build } = await import(path.join(repo, 'dist', 'index.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '1000,10000').split(',').map(Number);
const edits = Number(option('--edits', '20'));
const work = path.join(repo, 'bench', '.work');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function listen(url) {
  const waiters = [];
  const request = http.get(`${url}__sectorpress/events`, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk) => {
      if (chunk.includes('event: reload')) for (const resolve of waiters.splice(0)) resolve(performance.now());
    });
  });
  return { next: () => new Promise((resolve) => waiters.push(resolve)), close: () => request.destroy() };
}

const rows = [];
for (const size of sizes) {
  const site = path.join(work, `dev-${size}`);
  generate(size, site, 7);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-dev-bench-'));
  let started = performance.now();
  if (!args.includes('--no-cold-build')) await build({ root: site, outDir: out, now: '2025-07-01T00:00:00Z', cache: false });
  const buildMs = args.includes('--no-cold-build') ? Number.NaN : performance.now() - started;
  fs.rmSync(path.join(site, 'node_modules'), { recursive: true, force: true });
  started = performance.now();
  const stages = [];
  const server = await createDevServer({
    root: site,
    port: 0,
    now: '2025-07-01T00:00:00Z',
    log: () => undefined,
    onRebuild: (result) => stages.push({ ...result.timings, 'whole rebuild': result.ms }),
  });
  const startMs = performance.now() - started;
  const events = listen(server.url);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const posts = fs.readdirSync(path.join(site, 'posts')).sort();
  const latencies = [];
  for (let edit = 0; edit < edits; edit += 1) {
    const file = path.join(site, 'posts', posts[(edit * 37) % posts.length]);
    const reloaded = events.next();
    const written = performance.now();
    editPost(file, edit + 1);
    latencies.push((await reloaded) - written);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  events.close();
  await server.close();
  // Median time per stage over the edits (the first entry is the dev server's first build).
  const names = [...new Set(stages.slice(1).flatMap((timing) => Object.keys(timing)))];
  const perStage = names.map((name) => `${name} ${median(stages.slice(1).map((timing) => timing[name] ?? 0))}`).join(', ');
  rows.push({ size, buildMs, startMs, median: median(latencies), min: Math.min(...latencies), max: Math.max(...latencies), perStage });
}

console.log('\nDev server: edit written → reload event received (median of %d edits)\n', edits);
console.log('| posts | median | min | max | first start of dev | cold build |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.size} | ${row.median.toFixed(0)} ms | ${row.min.toFixed(0)} ms | ${row.max.toFixed(0)} ms | ${(row.startMs / 1000).toFixed(2)} s | ${(row.buildMs / 1000).toFixed(2)} s |`);
}
console.log('\nMedian ms per stage of a rebuild:');
for (const row of rows) console.log(`  ${row.size} posts: ${row.perStage}`);
