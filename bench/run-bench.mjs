#!/usr/bin/env node
// `npm run bench`: build seeded corpora with the sectorpress CLI, cold (no cache), warm (cache,
// nothing changed) and after one edited post, and print wall time, CPU time, peak RSS and pages/s,
// and how busy each thread was in the last cold build (its V8 CPU profiles: bench/thread-shares.mjs);
// then the dev-server rebuild latency (bench/dev-latency.mjs).
//
//   npm run bench -- [--sizes 1000,4000,10000] [--runs 3] [--no-dev] [--only build|import] [--import-posts 5000]
//   npm run bench -- --sizes 100000      # one run of each (the default from 50,000 posts), about 15 minutes
//
// Then the import figure (bench/import-bench.mjs): a generated WordPress export imported with `sectorpress import wordpress`,
// and how the model stage grows with the post count (bench/model-scaling.mjs; `--only model` runs just that).
//
// Peers: run ../shared/bench/run.sh with --candidate (see docs/performance.md) so the
// figures sit beside Eleventy, Hexo and Hugo measured in the same session.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editPost, generate } from './gen-corpus.mjs';
import { formatShares, threadShares } from './thread-shares.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const only = option('--only', undefined);
const sizes = only === 'import' || only === 'model' ? [] : option('--sizes', '1000,4000,10000').split(',').map(Number);
const runsFor = (size) => Number(option('--runs', size >= 50_000 ? '1' : '3'));
const work = path.join(repo, 'bench', '.work');
const cli = path.join(repo, 'bin', 'sectorpress.js');
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One build: wall seconds, CPU seconds (user + sys), peak RSS in MiB; with `profileDir`, V8 CPU profiles of every thread go there. */
function measure(site, out, extra, profileDir) {
  const command = [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), cli, 'build', site, '--out', out, '--now', '2025-07-01T00:00:00Z', '--quiet', ...extra];
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
  const runs = runsFor(size);
  const site = path.join(work, `corpus-${size}`);
  generate(size, site, 1); // afresh each time: the one-edit runs below change posts
  const out = path.join(os.tmpdir(), `sectorpress-bench-${size}`);
  const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'sectorpress-bench-profile-'));
  const cold = [];
  const warm = [];
  const edit = [];
  for (let run = 0; run < runs; run += 1) {
    fs.rmSync(path.join(site, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
    // The last cold build is profiled (a few per cent slower) for the thread shares.
    cold.push(measure(site, out, [], run === runs - 1 ? profiles : undefined));
  }
  const shares = threadShares(profiles);
  fs.rmSync(profiles, { recursive: true, force: true });
  for (let run = 0; run < runs; run += 1) warm.push(measure(site, out, []));
  const posts = fs.readdirSync(path.join(site, 'posts')).sort();
  for (let run = 0; run < runs; run += 1) {
    // A different post each time, beyond its first paragraph (as a writer's correction usually is).
    editPost(path.join(site, 'posts', posts[(run * 7919) % posts.length]), 1000 + run);
    edit.push(measure(site, out, []));
  }
  const pages = countPages(out);
  rows.push({ size, runs, pages, cold, warm, edit, shares });
  process.stderr.write(`measured ${size} posts\n`);
}

const pick = (list, key) => median(list.map((item) => item[key]));
if (rows.length)
  console.log(
    `\nsectorpress ${JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), medians\n`,
  );
if (rows.length) console.log('| posts | runs | HTML pages | cold wall | cold CPU | cold peak RSS | cold pages/s | warm wall (× cold) | warm peak RSS | one edit wall (× cold) | one edit peak RSS |');
if (rows.length) console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const coldWall = pick(row.cold, 'wall');
  const ratio = (list) => `${pick(list, 'wall').toFixed(2)} s (${(pick(list, 'wall') / coldWall).toFixed(2)})`;
  console.log(
    `| ${row.size} | ${row.runs} | ${row.pages} | ${coldWall.toFixed(2)} s | ${pick(row.cold, 'cpu').toFixed(2)} s | ${pick(row.cold, 'rss').toFixed(0)} MiB | ${Math.round(row.pages / coldWall)} | ${ratio(row.warm)} | ${pick(row.warm, 'rss').toFixed(0)} MiB | ${ratio(row.edit)} | ${pick(row.edit, 'rss').toFixed(0)} MiB |`,
  );
}
if (rows.length) console.log('\nThreads in the last cold build (busy share of the whole build):');
for (const row of rows) console.log(`  ${row.size} posts: ${formatShares(row.shares)}`);
const coldOf = (size) => rows.find((row) => row.size === size);
for (const [small, large] of [
  [1000, 10000],
  [10000, 100000],
]) {
  if (coldOf(small) && coldOf(large))
    console.log(`\n${large / 1000}k/${small / 1000}k cold time ratio: ${(pick(coldOf(large).cold, 'wall') / pick(coldOf(small).cold, 'wall')).toFixed(1)} (linear ≈ 10)`);
}

if (!args.includes('--no-dev') && only === undefined) {
  const devSizes = sizes.filter((size) => size === 1000 || size === 10000 || size === 100000).join(',') || '1000';
  execFileSync(process.execPath, [path.join(repo, 'bench', 'dev-latency.mjs'), '--sizes', devSizes], { stdio: 'inherit' });
}

if (only === undefined || only === 'import') execFileSync(process.execPath, [path.join(repo, 'bench', 'import-bench.mjs'), '--posts', option('--import-posts', '5000')], { stdio: 'inherit' });

if (only === undefined || only === 'model') execFileSync(process.execPath, [path.join(repo, 'bench', 'model-scaling.mjs')], { stdio: 'inherit' });
