#!/usr/bin/env node
// The import figure of `npm run bench`: generate an N-post WordPress export (bench/gen-wxr.mjs) and time
// `sectorpress import wordpress` on it (no downloads): wall time, CPU time and peak RSS.
//
//   node bench/import-bench.mjs [--posts 5000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWxr } from './gen-wxr.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const posts = Number(args.includes('--posts') ? args[args.indexOf('--posts') + 1] : '5000');
const file = path.join(repo, 'bench', '.work', `wxr-${posts}.xml`);
if (!fs.existsSync(file)) await generateWxr(posts, file, 1);
const out = path.join(os.tmpdir(), `sectorpress-import-bench-${posts}`);
fs.rmSync(out, { recursive: true, force: true });

const command = [path.join(repo, 'bin', 'sectorpress.js'), 'import', 'wordpress', file, '--out', out, '--comments'];
const gnuTime = fs.existsSync('/usr/bin/time');
const started = performance.now();
const run = gnuTime ? spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %U %S %M', process.execPath, ...command], { encoding: 'utf8' }) : spawnSync(process.execPath, command, { encoding: 'utf8' });
const wall = (performance.now() - started) / 1000;
if (run.status !== 0) throw new Error(`import failed:\n${run.stderr}`);
const match = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr ?? '');
const cpu = match ? `${(Number(match[2]) + Number(match[3])).toFixed(2)} s` : '?';
const rss = match ? `${(Number(match[4]) / 1024).toFixed(0)} MiB` : '?';
const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
console.log(`\nImport (sectorpress import wordpress, ${posts} posts, ${size} MB export, no downloads; targets ≤ 30 s, ≤ 500 MiB)\n`);
console.log('| posts | export | wall | CPU | peak RSS |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${posts} | ${size} MB | ${(match ? Number(match[1]) : wall).toFixed(2)} s | ${cpu} | ${rss} |`);
console.log(`load average during the run: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
fs.rmSync(out, { recursive: true, force: true });
