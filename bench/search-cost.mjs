#!/usr/bin/env node
// What search costs a cold build: the same generated corpus built with the CLI (--no-cache)
// with search on (the default) and with `search: false`, runs interleaved so both see the same
// machine load; prints medians and the ratio. Uses the compiled dist/ (run `npm run build` first).
//
//   node bench/search-cost.mjs [--posts 4000] [--runs 3]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-corpus.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const posts = option('--posts', 4000);
const runs = option('--runs', 3);
const cli = path.join(repo, 'bin', 'sectorpress.js');
const work = path.join(repo, 'bench', '.work', `search-${posts}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const sites = { search: path.join(work, 'with-search'), none: path.join(work, 'search-false') };
generate(posts, sites.search, 1);
fs.rmSync(sites.none, { recursive: true, force: true });
fs.cpSync(sites.search, sites.none, { recursive: true });
fs.writeFileSync(path.join(sites.none, 'sectorpress.config.json'), JSON.stringify({ search: false }));

/** One cold build: wall and CPU seconds (GNU time when present). */
function measure(site) {
  const command = [cli, 'build', site, '--out', path.join(site, '_site'), '--now', '2025-07-01T00:00:00Z', '--quiet', '--no-cache'];
  const run = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %U %S', process.execPath, ...command], { encoding: 'utf8' });
  const match = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  if (run.status !== 0 || !match) throw new Error(`build failed:\n${run.stderr}`);
  return { wall: Number(match[1]), cpu: Number(match[2]) + Number(match[3]) };
}

const times = { search: [], none: [] };
for (let run = 0; run < runs; run += 1) {
  for (const kind of ['none', 'search']) times[kind].push(measure(sites[kind]));
}
const row = (kind) => ({ wall: median(times[kind].map((time) => time.wall)), cpu: median(times[kind].map((time) => time.cpu)) });
const [on, off] = [row('search'), row('none')];
console.log(`\n${posts} posts, cold builds (--no-cache), median of ${runs} interleaved runs\n`);
console.log('| | wall s | CPU s |');
console.log('| --- | ---: | ---: |');
console.log(`| search: false | ${off.wall.toFixed(2)} | ${off.cpu.toFixed(2)} |`);
console.log(`| search on (default) | ${on.wall.toFixed(2)} | ${on.cpu.toFixed(2)} |`);
console.log(`| ratio | ${(on.wall / off.wall).toFixed(2)} | ${(on.cpu / off.cpu).toFixed(2)} |`);
fs.rmSync(work, { recursive: true, force: true });
