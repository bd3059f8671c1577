#!/usr/bin/env node
// `npm run bench`: build seeded corpora with the sectorpress CLI, cold (no cache) and warm
// (cache, nothing changed), and print wall time, CPU time, peak RSS and pages/s; then the
// dev-server rebuild latency (bench/dev-latency.mjs).
//
//   npm run bench -- [--sizes 1000,4000,10000] [--runs 3] [--no-dev] [--only build|import] [--import-posts 5000]
//
// Then the import figure (bench/import-bench.mjs): a generated WordPress export imported with `sectorpress import wordpress`.
//
// Peers: run ../shared/bench/run.sh with --candidate (see docs/performance.md) so the
// figures sit beside Eleventy, Hexo and Hugo measured in the same session.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-corpus.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const only = option('--only', undefined);
const sizes = only === 'import' ? [] : option('--sizes', '1000,4000,10000').split(',').map(Number);
const runs = Number(option('--runs', '3'));
const work = path.join(repo, 'bench', '.work');
const cli = path.join(repo, 'bin', 'sectorpress.js');
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One build: wall seconds, CPU seconds (user + sys), peak RSS in MiB. */
function measure(site, out, extra) {
  const command = [cli, 'build', site, '--out', out, '--now', '2025-07-01T00:00:00Z', '--quiet', ...extra];
  if (gnuTime) {
    const run = spawnSync(gnuTime, ['-f', '__TIME__ %e %U %S %M', process.execPath, ...command], { encoding: 'utf8' });
    const match = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
    if (run.status !== 0 || !match) throw new Error(`build failed:\n${run.stderr}`);
    return { wall: Number(match[1]), cpu: Number(match[2]) + Number(match[3]), rss: Number(match[4]) / 1024 };
  }
  const started = performance.now();
  execFileSync(process.execPath, command, { stdio: 'inherit' });
  return { wall: (performance.now() - started) / 1000, cpu: NaN, rss: NaN };
}

function countPages(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((file) => String(file).endsWith('.html')).length;
}

const rows = [];
for (const size of sizes) {
  const site = path.join(work, `corpus-${size}`);
  if (!fs.existsSync(path.join(site, 'posts')) || fs.readdirSync(path.join(site, 'posts')).length !== size) generate(size, site, 1);
  const out = path.join(os.tmpdir(), `sectorpress-bench-${size}`);
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run += 1) {
    fs.rmSync(path.join(site, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
    cold.push(measure(site, out, []));
  }
  for (let run = 0; run < runs; run += 1) warm.push(measure(site, out, []));
  const pages = countPages(out);
  rows.push({ size, pages, cold, warm });
  process.stderr.write(`measured ${size} posts\n`);
}

const pick = (list, key) => median(list.map((item) => item[key]));
if (rows.length)
  console.log(
    `\nsectorpress ${JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), medians of ${runs} runs\n`,
  );
if (rows.length) console.log('| posts | HTML pages | cold wall | cold CPU | cold peak RSS | cold pages/s | warm wall | warm peak RSS |');
if (rows.length) console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const coldWall = pick(row.cold, 'wall');
  console.log(
    `| ${row.size} | ${row.pages} | ${coldWall.toFixed(2)} s | ${pick(row.cold, 'cpu').toFixed(2)} s | ${pick(row.cold, 'rss').toFixed(0)} MiB | ${Math.round(row.pages / coldWall)} | ${pick(row.warm, 'wall').toFixed(2)} s | ${pick(row.warm, 'rss').toFixed(0)} MiB |`,
  );
}
const small = rows.find((row) => row.size === 1000);
const large = rows.find((row) => row.size === 10000);
if (small && large) console.log(`\n10k/1k cold time ratio: ${(pick(large.cold, 'wall') / pick(small.cold, 'wall')).toFixed(1)} (linear ≈ 10)`);

if (!args.includes('--no-dev') && only === undefined) {
  const devSizes = sizes.filter((size) => size === 1000 || size === 10000).join(',') || '1000';
  execFileSync(process.execPath, [path.join(repo, 'bench', 'dev-latency.mjs'), '--sizes', devSizes], { stdio: 'inherit' });
}

if (only === undefined || only === 'import') execFileSync(process.execPath, [path.join(repo, 'bench', 'import-bench.mjs'), '--posts', option('--import-posts', '5000')], { stdio: 'inherit' });
